/**
 * Fixed-count mode over many streams: exactly n cells of the whole network
 * fault. The n faults are first spread over the streams of every layer by
 * successive draws, each stream chosen in proportion to its cells not yet
 * picked × the mean fault rate of its bits per cell (assumption: every level
 * is used equally often, so a stream's share follows its cell count and
 * density; within a stream, injectFixedCountFaults then weighs the levels the
 * stream really holds). A stream at a density that cannot fault gets none.
 */

import type { RandomStream } from '../../engine/random.js';
import { UserError } from '../../errors.js';
import type { StreamName } from '../../storage/types.js';
import { uniform64 } from '../cells/cell-faults.js';
import type { FaultTables } from '../cells/fault-model.js';
import { bitsPerCellOf, layerCells, type PreparedLayer } from './prepared-layer.js';

interface Unit {
  layer: number;
  stream: StreamName;
  cells: number;
  rate: number;
}

/** Faulty cells of each stream of each layer; the counts add up to `count`. */
export function splitFixedCount(
  layers: readonly PreparedLayer[],
  tables: FaultTables,
  count: number,
  random: RandomStream,
): Partial<Record<StreamName, number>>[] {
  if (!Number.isInteger(count) || count < 0) {
    throw new UserError(`the faulty cell count must be a non-negative integer, got ${count}`, { jsonPath: '--faulty-cells', expected: 'integer ≥ 0' });
  }
  const units: Unit[] = [];
  layers.forEach((layer, l) => {
    for (const [stream, cells] of Object.entries(layerCells(layer)) as [StreamName, number][]) {
      const table = tables.get(bitsPerCellOf(layer, stream));
      if (table === undefined) throw new Error(`no fault table for stream ${stream} of ${layer.name}`);
      const rate = table.faultRate.reduce((a, b) => a + b, 0) / table.levelCount;
      units.push({ layer: l, stream, cells, rate });
    }
  });
  const picked = new Float64Array(units.length);
  for (let f = 0; f < count; f++) {
    let total = 0;
    units.forEach((u, i) => (total += (u.cells - (picked[i] as number)) * u.rate));
    if (!(total > 0)) {
      throw new UserError(`cannot place ${count} faulty cells: only ${f} cells can fault under the fault model`, {
        jsonPath: '--faulty-cells',
        expected: `at most ${f} faulty cells`,
        suggestion: 'use fewer faulty cells, higher bits per cell, or --mode sampled',
      });
    }
    let target = uniform64(random) * total;
    let chosen = -1;
    for (let i = 0; i < units.length; i++) {
      const u = units[i] as Unit;
      const w = (u.cells - (picked[i] as number)) * u.rate;
      if (w > 0) chosen = i;
      if (target < w) break;
      target -= w;
    }
    picked[chosen] = (picked[chosen] as number) + 1;
  }
  const out: Partial<Record<StreamName, number>>[] = layers.map(() => ({}));
  units.forEach((u, i) => {
    const n = picked[i] as number;
    if (n > 0) (out[u.layer] as Partial<Record<StreamName, number>>)[u.stream] = n;
  });
  return out;
}

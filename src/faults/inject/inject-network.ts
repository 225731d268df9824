/**
 * One fault trial over a whole network: every layer's streams faulted with the
 * trial's random stream (layers in order, streams in the encoding's order),
 * decoded and compared, and the per-layer results summed.
 *
 * A layer none of whose cells faulted is not decoded again: its clean streams
 * decode to its original weights (the codec round trip, tested in
 * test/unit/faults/inject-layer.test.ts), so its result is "no errors".
 */

import type { RandomStream } from '../../engine/random.js';
import { checkLayerNames } from '../../storage/layer-choice.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';
import type { WeightTensor } from '../../storage/weight-tensor.js';
import type { FaultMode } from '../cells/cell-faults.js';
import type { FaultTables } from '../cells/fault-model.js';
import { splitFixedCount } from './fixed-count.js';
import { faultStreams, decodeAndCompare, type LayerFaultResult } from './inject-layer.js';
import type { LevelMapping } from '../cells/level-mapping.js';
import { prepareLayer, type PreparedLayer } from './prepared-layer.js';
import { combineStats, noErrors, type WeightErrorStats } from './weight-errors.js';

export interface PreparedNetwork {
  readonly choice: StorageChoice;
  readonly layers: readonly PreparedLayer[];
}

export function prepareNetwork(layers: readonly { name: string; tensor: WeightTensor }[], choice: StorageChoice, atomicK?: number): PreparedNetwork {
  checkLayerNames(choice, layers.map((l) => l.name), { jsonPath: '', network: 'the network' });
  return { choice, layers: layers.map((l) => prepareLayer(l.name, l.tensor, choice, atomicK)) };
}

export interface NetworkFaultOptions {
  readonly tables: FaultTables;
  readonly mapping: LevelMapping;
  readonly mode: FaultMode;
}

/** Totals of one trial over the network. */
export interface NetworkFaultTotals {
  readonly stats: WeightErrorStats;
  readonly faultyCells: number;
  readonly faultyCellsByStream: Partial<Record<StreamName, number>>;
  readonly eccCorrectedWords: number;
  readonly eccUncorrectableWords: number;
}

export interface NetworkInjection {
  /** int8 weights of every layer: decoded where the layer had a fault, the (shared, do not modify) originals otherwise. */
  readonly weights: Int32Array[];
  readonly layers: LayerFaultResult[];
  readonly total: NetworkFaultTotals;
}

export function injectNetwork(net: PreparedNetwork, options: NetworkFaultOptions, random: RandomStream): NetworkInjection {
  const counts = options.mode.kind === 'fixedCount' ? splitFixedCount(net.layers, options.tables, options.mode.count, random) : undefined;
  const weights: Int32Array[] = [];
  const layers: LayerFaultResult[] = [];
  net.layers.forEach((layer, l) => {
    const { streams, faultyCellsByStream } = faultStreams(layer, { tables: options.tables, mapping: options.mapping, fixedCounts: counts?.[l] }, random);
    if (Object.values(faultyCellsByStream).every((n) => n === 0)) {
      weights.push(layer.original);
      layers.push({ layer: layer.name, stats: noErrors(layer.original.length), faultyCells: 0, faultyCellsByStream, eccCorrectedWords: 0, eccUncorrectableWords: 0 });
      return;
    }
    const r = decodeAndCompare(layer, streams, faultyCellsByStream);
    weights.push(r.decoded);
    layers.push(r.result);
  });
  return { weights, layers, total: totalOf(layers) };
}

function totalOf(layers: readonly LayerFaultResult[]): NetworkFaultTotals {
  const byStream: Partial<Record<StreamName, number>> = {};
  for (const l of layers) {
    for (const [s, n] of Object.entries(l.faultyCellsByStream) as [StreamName, number][]) byStream[s] = (byStream[s] ?? 0) + n;
  }
  return {
    stats: combineStats(layers.map((l) => l.stats)),
    faultyCells: layers.reduce((a, l) => a + l.faultyCells, 0),
    faultyCellsByStream: byStream,
    eccCorrectedWords: layers.reduce((a, l) => a + l.eccCorrectedWords, 0),
    eccUncorrectableWords: layers.reduce((a, l) => a + l.eccUncorrectableWords, 0),
  };
}

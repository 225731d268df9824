import { describe, expect, it } from 'vitest';
import { randomStream, type RandomStream } from '../../../src/engine/random.js';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { producedStreams } from '../../../src/storage/streams.js';
import type { StorageChoice, StreamName } from '../../../src/storage/types.js';
import { choice, conv, entry, traceOf } from './helpers.js';

/** Invariants over seeded random choices and layers: the parts add up to the totals, and more bits per cell never costs cells. */

function randomChoice(rng: RandomStream, i: number): StorageChoice {
  const encoding = (['dense', 'bitmask', 'csr'] as const)[rng.int(3)]!;
  const c = choice({ label: `c${i}`, encoding, defaultBitsPerCell: 1 + rng.int(3) });
  if (encoding === 'csr') c.csrIndexBits = 1 + rng.int(6);
  if (encoding === 'bitmask') c.bitmaskLayout = rng.next() < 0.5 ? 'nvdla' : 'plain';
  if (encoding !== 'dense' && rng.next() < 0.5) c.idxSync = { interval: 16 + rng.int(2000) };
  const streams = producedStreams(c);
  if (rng.next() < 0.5) c.ecc = { dataBits: [16, 32, 64][rng.int(3)]!, streams: streams.filter(() => rng.next() < 0.6).concat(streams[0]!).filter((s, j, a) => a.indexOf(s) === j) };
  for (const s of producedStreams(c)) if (rng.next() < 0.3) c.bitsPerCell[s] = 1 + rng.int(3);
  return c;
}

/** The same choice with every bits per cell one higher (capped at 3). */
function denser(c: StorageChoice): StorageChoice {
  const bitsPerCell: Partial<Record<StreamName, number>> = {};
  for (const [s, b] of Object.entries(c.bitsPerCell) as [StreamName, number][]) bitsPerCell[s] = Math.min(3, b + 1);
  return { ...c, bitsPerCell, defaultBitsPerCell: Math.min(3, c.defaultBitsPerCell + 1) };
}

describe('sizing invariants (seeded)', () => {
  const rng = randomStream(7, 'test/sizing/invariants');
  const trace = traceOf(
    conv('a', 16 + rng.int(64), 3 + rng.int(32), 3, 3, 0.05 + 0.9 * rng.next()),
    conv('b', 32 + rng.int(64), 16 + rng.int(64), 1, 1, 0.05 + 0.9 * rng.next()),
  );
  const choices = Array.from({ length: 40 }, (_, i) => randomChoice(rng, i));
  const tech = (i: number) => (i % 2 === 0 ? 'RRAM' : 'CTT');
  const { report } = sizeChoices(trace, choices.map((c, i) => entry(c, tech(i))));
  const more = sizeChoices(trace, choices.map((c, i) => entry({ ...denser(c), label: c.label }, tech(i)))).report;

  it('streams and sub-arrays add up to the totals', () => {
    for (const c of report.choices) {
      const sum = (f: (x: { bits?: number; cells: number; area_mm2: number }) => number, xs: { cells: number; area_mm2: number }[]) => xs.reduce((a, x) => a + f(x), 0);
      expect(sum((x) => x.bits ?? 0, c.streams)).toBe(c.totalBits);
      expect(sum((x) => x.cells, c.streams)).toBe(c.totalCells);
      expect(sum((x) => x.cells, c.subArrays)).toBe(c.totalCells);
      expect(sum((x) => x.area_mm2, c.streams)).toBeCloseTo(c.area_mm2, 12);
      expect(sum((x) => x.area_mm2, c.subArrays)).toBeCloseTo(c.area_mm2, 12);
      expect(c.cellsRatioToDenseSlc).toBe(c.totalCells / (8 * report.trace.weights));
      expect(c.areaRatioToDenseSlc).toBeCloseTo(c.area_mm2 / c.denseSlc.area_mm2, 12);
      expect(c.eccOverhead_pct === 0).toBe(c.choice.ecc === undefined);
    }
  });

  it('more bits per cell never needs more cells', () => {
    report.choices.forEach((c, i) => expect(more.choices[i]!.totalCells).toBeLessThanOrEqual(c.totalCells));
  });
});

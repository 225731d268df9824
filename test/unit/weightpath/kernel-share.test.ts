import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { shareOf, streamReads } from '../../../src/hw/weightpath/kernel-share.js';
import { stageTiming } from '../../../src/hw/weightpath/pipeline-timing.js';
import { CLOCK_1GHZ } from './helpers.js';

describe('kernel shares', () => {
  it('property: the shares of consecutive kernel ranges tile the total exactly', () => {
    const rng = randomStream(7, 'kernel-share');
    for (let trial = 0; trial < 100; trial++) {
      const K = 1 + rng.int(2048);
      const total = rng.int(50_000_000);
      let k = 0;
      let sum = 0;
      let start = 0;
      while (k < K) {
        const k1 = Math.min(K, k + 1 + rng.int(64));
        const s = shareOf(total, k, k1, K);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(Math.floor((total * k) / K)).toBe(start); // each range starts where the last ended
        start += s;
        sum += s;
        k = k1;
      }
      expect(sum).toBe(total);
    }
  });

  it('reads the codebook in full and the other streams in proportion', () => {
    const reads = streamReads(
      0,
      {
        layer: 'l',
        weights: 100,
        nonZeros: 10,
        streams: [
          { stream: 'values', bits: 40, bitsPerCell: 2, cells: 20 },
          { stream: 'codebook', bits: 64, bitsPerCell: 1, cells: 64 },
        ],
      },
      1,
      3,
      4,
    );
    // values: floor(40·3/4) − floor(40·1/4) = 30 − 10 = 20 bits from bit 10
    expect(reads).toEqual([
      { stream: 'values', bitsPerCell: 2, startBit: 10, bits: 20 },
      { stream: 'codebook', bitsPerCell: 1, startBit: 0, bits: 64 },
    ]);
  });
});

describe('stage timing', () => {
  it('is the later of input end and first input + processing, plus latency', () => {
    // 100 items at 10/cycle = 10 cycles from first input at 500 ps: 10,500; input ends at 3,000; + 2 cycles
    expect(stageTiming({ first: 500, last: 3_000 }, 100, 10, 2, CLOCK_1GHZ)).toEqual({ first: 2_500, last: 12_500 });
    // input-bound: input ends at 50,000 > 10,500
    expect(stageTiming({ first: 500, last: 50_000 }, 100, 10, 2, CLOCK_1GHZ)).toEqual({ first: 2_500, last: 52_000 });
    // no items: bypassed
    expect(stageTiming({ first: 1, last: 2 }, 0, 10, 2, CLOCK_1GHZ)).toEqual({ first: 1, last: 2 });
  });
});

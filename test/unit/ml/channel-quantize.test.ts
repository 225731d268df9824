import { describe, expect, it } from 'vitest';
import { dequantizePerChannel, quantizePerChannel, storedLayer } from '../../../src/ml/channel-quantize.js';

describe('int8 quantization per output channel', () => {
  // Three kernels of three weights: a normal one, one of zeros, one with a large weight.
  const w = Float32Array.from([1, -0.5, 0.25, 0, 0, 0, -2, 1, 0.01]);

  it('scale = max|w|/127 per kernel, values rounded and clamped to ±127 (hand-computed)', () => {
    const q = quantizePerChannel(w, 3);
    expect(Array.from(q.scales)).toEqual([1 / 127, 1, 2 / 127]);
    // −0.5·127 = −63.5 rounds to −63 (Math.round: half up); 0.25·127 = 31.75 → 32; 1·63.5 → 64; 0.01·63.5 = 0.635 → 1.
    expect(Array.from(q.values)).toEqual([127, -63, 32, 0, 0, 0, -127, 64, 1]);
  });

  it('round trip: every weight comes back within half a step of its kernel, the largest exactly', () => {
    const q = quantizePerChannel(w, 3);
    const back = dequantizePerChannel(q.values, q.scales);
    w.forEach((v, i) => expect(Math.abs((back[i] as number) - v)).toBeLessThanOrEqual((q.scales[Math.floor(i / 3)] as number) / 2 + 1e-7));
    expect(back[0]).toBeCloseTo(1, 6);
    expect(back[6]).toBeCloseTo(-2, 6);
    expect(Array.from(back.subarray(3, 6))).toEqual([0, 0, 0]);
  });

  it('pruning keeps the largest magnitudes; clustering maps the non-zeros onto a small int8 codebook', () => {
    const s = storedLayer(w, 3, { density: 4 / 9 });
    // The four largest |w| are −2, 1 (kernel 0), 1 (kernel 2) and −0.5.
    expect(Array.from(s.values)).toEqual([127, -63, 0, 0, 0, 0, -127, 64, 0]);
    const c = storedLayer(w, 3, { clusters: 2 });
    expect(c.codebook?.length).toBe(2);
    for (const v of c.values) if (v !== 0) expect(Array.from(c.codebook ?? [])).toContain(v);
  });
});

import { describe, expect, it } from 'vitest';
import { layerNonZeroWeights, summarizeTrace } from '../../../src/workload/summary.js';
import { buildTinyConvTrace } from '../../../src/workload/tiny-trace.js';
import type { Layer } from '../../../src/workload/layer.js';

describe('summarizeTrace', () => {
  it('totals the tiny trace (hand-computed)', () => {
    // conv_a: 6·6·4 outputs × 2·3·3 = 2592 MACs, 4·2·3·3 = 72 weights; conv_b: 6·6·4 × 4 = 576 MACs, 4·4 = 16.
    expect(summarizeTrace(buildTinyConvTrace())).toEqual({
      layers: 3,
      opCounts: { conv: 2, fc: 0, pool: 0, eltwise: 1, concat: 0, lrn: 0, matmul: 0, host: 0 },
      macs: 2592 + 576,
      weights: 72 + 16,
      nonZeroWeights: 88,
      density: 1,
    });
  });

  it('rounds each layer to whole non-zero weights', () => {
    const t = buildTinyConvTrace();
    const withDensity = (l: Layer, density: number): Layer => ({ ...l, weights: { density, valueBits: 8 } });
    // 72 × 0.5 = 36 exactly; 16 × 0.3 = 4.8 rounds up to 5; 16 × 0.28 = 4.48 rounds down to 4.
    expect(layerNonZeroWeights(withDensity(t.layers[0]!, 0.5))).toBe(36);
    expect(layerNonZeroWeights(withDensity(t.layers[1]!, 0.3))).toBe(5);
    expect(layerNonZeroWeights(withDensity(t.layers[1]!, 0.28))).toBe(4);
    const s = summarizeTrace({ ...t, layers: [withDensity(t.layers[0]!, 0.5), withDensity(t.layers[1]!, 0.3), t.layers[2]!] });
    expect(s.nonZeroWeights).toBe(41);
    expect(s.density).toBe(41 / 88);
  });
});

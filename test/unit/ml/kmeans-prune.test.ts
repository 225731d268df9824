import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { kMeans1d, nearestCentroid } from '../../../src/ml/kmeans.js';
import { applyMask, density, magnitudeMask } from '../../../src/ml/prune.js';
import { quantizeLayer } from '../../../src/ml/quantize.js';

describe('k-means (1-D)', () => {
  it('two obvious groups: centroids at their means', () => {
    const c = kMeans1d(Float32Array.of(0, 0.1, 0.2, 10, 10.1, 10.2), 2);
    expect(c.centroids[0]).toBeCloseTo(0.1, 6);
    expect(c.centroids[1]).toBeCloseTo(10.1, 5);
    expect(Array.from(c.assignment)).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('nearestCentroid: midpoints decide, ties go down', () => {
    const cs = Float64Array.of(-1, 0, 2);
    expect([-5, -0.6, -0.5, -0.4, 0.9, 1, 1.1, 9].map((v) => nearestCentroid(cs, v))).toEqual([0, 0, 0, 1, 1, 1, 2, 2]);
  });

  it('property: every value sits at its nearest centroid and each centroid is its members\' mean', () => {
    const rng = randomStream(4, 'test/kmeans');
    const values = Float32Array.from({ length: 3000 }, () => rng.normal());
    const { centroids, assignment } = kMeans1d(values, 16);
    for (let j = 1; j < centroids.length; j++) expect(centroids[j]).toBeGreaterThan(centroids[j - 1] as number);
    values.forEach((v, i) => expect(assignment[i]).toBe(nearestCentroid(centroids, v)));
    centroids.forEach((c, j) => {
      const members = values.filter((_, i) => assignment[i] === j);
      if (members.length > 0) expect(c).toBeCloseTo(members.reduce((a, b) => a + b, 0) / members.length, 9);
    });
  });
});

describe('pruning and quantization', () => {
  it('keeps the largest magnitudes; ties go to the lower index', () => {
    const w = Float32Array.of(0.5, -2, 0.1, 2, -0.3, 0.5);
    expect(Array.from(magnitudeMask(w, 0.5))).toEqual([1, 1, 0, 1, 0, 0]); // |−2|, |2|, then the first 0.5
    applyMask(w, magnitudeMask(w, 0.5));
    expect(density(w)).toBe(0.5);
  });

  it('quantized layer: int8, at most k codebook values, zeros stay zeros, the scale maps ±127 to the largest centroid', () => {
    const rng = randomStream(8, 'test/quantize');
    const weights = Float32Array.from({ length: 4000 }, () => (rng.next() < 0.7 ? 0 : rng.normal() * 0.1));
    const q = quantizeLayer({ outputs: 40, inputs: 100, weights, bias: new Float32Array(40) }, 16, 'fc');
    expect(q.codebook.length).toBeLessThanOrEqual(16);
    expect(Math.max(...Array.from(q.codebook, Math.abs))).toBe(127);
    q.weights.forEach((v, i) => {
      expect(v === 0).toBe(weights[i] === 0);
      if (v !== 0) expect(q.codebook).toContain(v);
      // The dequantized weight is within half a cluster spacing + rounding of the original.
      if (v !== 0) expect(Math.abs(v * q.weightScale - (weights[i] as number))).toBeLessThan(0.1);
    });
  });
});

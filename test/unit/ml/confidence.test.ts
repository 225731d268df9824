import { describe, expect, it } from 'vitest';
import {
  meanInterval,
  normalQuantile,
  studentTQuantile,
  studentTTwoSided,
  wilsonInterval,
} from '../../../src/ml/confidence.js';

describe('Student t', () => {
  // Two-sided 95 % quantiles (scipy.stats.t.ppf(0.975, ν)).
  it.each([
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
  ])('t(0.975, ν=%i) = %f', (dof, want) => {
    expect(studentTQuantile(0.95, dof)).toBeCloseTo(want, 9);
  });

  it('ν = 2 in closed form: P(|T| ≤ t) = t / √(t² + 2)', () => {
    expect(studentTTwoSided(1.5, 2)).toBeCloseTo(1.5 / Math.sqrt(4.25), 14);
  });

  it('tends to the normal for large ν: z(0.95) = 1.959963984540054', () => {
    expect(normalQuantile(0.95)).toBeCloseTo(1.959963984540054, 10);
    expect(studentTQuantile(0.95, 5000)).toBeCloseTo(1.96, 2);
  });
});

describe('intervals', () => {
  it('Wilson, hand-computed: 1936 of 2000 correct', () => {
    // p = 0.968, z²/n = 1.959964²/2000 = 0.00192073; center = (p + z²/2n)/(1 + z²/n);
    // half = z/(1 + z²/n)·√(p(1−p)/n + z²/4n²) → [0.959344769, 0.974860875]
    const w = wilsonInterval(1936, 2000);
    expect(w.low).toBeCloseTo(0.9593447689480386, 9);
    expect(w.high).toBeCloseTo(0.9748608747967085, 9);
  });

  it('Wilson stays inside [0, 1] at 10 of 10 (where the Wald interval would collapse to a point)', () => {
    const w = wilsonInterval(10, 10);
    expect(w.low).toBeCloseTo(0.7224672001371107, 9);
    expect(w.high).toBeLessThanOrEqual(1);
  });

  it('t interval, hand-computed: accuracies 0.96, 0.95, 0.97, 0.955', () => {
    // mean 0.95875, s = 0.0085391256, t(0.975, 3) = 3.1824463 → ± 3.1824463 · 0.0085391256 / 2
    const m = meanInterval([0.96, 0.95, 0.97, 0.955]);
    expect(m.mean).toBeCloseTo(0.95875, 14);
    expect(m.stdDev).toBeCloseTo(0.008539125638299673, 12);
    expect(m.low).toBeCloseTo(0.9451623455810199, 9);
    expect(m.high).toBeCloseTo(0.9723376544189801, 9);
  });

  it('one sample gives no interval; identical samples a zero-width one', () => {
    expect(meanInterval([0.9]).high).toBe(Infinity);
    const same = meanInterval([0.9, 0.9, 0.9]);
    expect([same.low, same.high]).toEqual([0.9, 0.9]);
  });
});

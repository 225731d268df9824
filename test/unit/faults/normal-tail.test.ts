import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import {
  erf,
  erfc,
  normalIntervalProbability,
  normalLowerTail,
  normalUpperTail,
} from '../../../src/util/normal-tail.js';

/** Reference values from mpmath 1.3.0 at 40 significant digits (`mp.erfc(x)`), rounded to 17. */
const ERFC_REFERENCE: readonly [number, number][] = [
  [0.1, 0.8875370839817151],
  [0.5, 0.47950012218695346],
  [1, 0.15729920705028513],
  [1.5, 0.033894853524689273],
  [2, 0.0046777349810472658],
  [3, 2.2090496998585441e-5],
  [5, 1.5374597944280349e-12],
  [8, 1.1224297172982927e-29],
  [10, 2.0884875837625448e-45],
  [15, 7.2129941724512067e-100],
  [20, 5.3958656116079009e-176],
  [26.5, 2.2109076642637343e-307],
];

const relErr = (got: number, want: number): number => Math.abs(got - want) / Math.abs(want);

describe('erfc', () => {
  it.each(ERFC_REFERENCE)('erfc(%d) matches mpmath to 1e-13 relative', (x, want) => {
    expect(relErr(erfc(x), want)).toBeLessThan(1e-13);
  });

  it('is accurate near 0 and on the negative side', () => {
    // mpmath: erf(0.3) = 0.32862675945912742, erf(1e-5) = 1.1283791670578999e-5
    expect(relErr(erf(0.3), 0.32862675945912742)).toBeLessThan(1e-14);
    expect(relErr(erf(1e-5), 1.1283791670578999e-5)).toBeLessThan(1e-14);
    // erfc(−x) = 2 − erfc(x): erfc(−1) = 2 − 0.15729920705028513
    expect(relErr(erfc(-1), 2 - 0.15729920705028513)).toBeLessThan(1e-15);
    expect(erfc(0)).toBe(1);
    expect(erfc(Infinity)).toBe(0);
    expect(erfc(-Infinity)).toBe(2);
    expect(erf(-Infinity)).toBe(-1);
  });

  it('property: erf + erfc = 1, erf is odd, erfc decreases (seeded random points)', () => {
    const rng = randomStream(11, 'test/normal-tail');
    for (let k = 0; k < 2000; k++) {
      const x = (rng.next() - 0.5) * 12;
      expect(Math.abs(erf(x) + erfc(x) - 1)).toBeLessThan(4e-16);
      expect(erf(-x)).toBe(-erf(x));
      // Strictly decreasing where erfc is not yet rounded to 2 (x > −5: 2 − erfc(−5) ≈ 1.5e-12).
      const y = x / 1.5;
      expect(erfc(y + 1e-3 + rng.next())).toBeLessThan(erfc(y));
    }
  });
});

describe('normal tails', () => {
  it('Q(0.5) and Φ(−0.5) equal mpmath erfc(0.5/√2)/2 = 0.30853753872598690', () => {
    expect(relErr(normalUpperTail(0.5), 0.3085375387259869)).toBeLessThan(1e-14);
    expect(relErr(normalLowerTail(-0.5), 0.3085375387259869)).toBeLessThan(1e-14);
  });

  it('Q(37.5) = 4.6053530095819548e-308 (mpmath): the tail survives down to 1e-300', () => {
    expect(relErr(normalUpperTail(37.5), 4.6053530095819548e-308)).toBeLessThan(1e-12);
  });

  it('interval probabilities add up: P(a<Z≤b) + P(b<Z≤c) = P(a<Z≤c), and the whole line is 1', () => {
    const rng = randomStream(12, 'test/normal-interval');
    for (let k = 0; k < 500; k++) {
      const [a, b, c] = [rng.next(), rng.next(), rng.next()].map((u) => (u - 0.5) * 16).sort((x, y) => x - y) as [
        number,
        number,
        number,
      ];
      const whole = normalIntervalProbability(a, c);
      expect(Math.abs(normalIntervalProbability(a, b) + normalIntervalProbability(b, c) - whole)).toBeLessThan(
        1e-15 + 1e-13 * whole,
      );
    }
    expect(normalIntervalProbability(-Infinity, Infinity)).toBe(1);
    expect(normalIntervalProbability(2, 1)).toBe(0);
  });
});

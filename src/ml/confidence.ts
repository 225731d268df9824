/**
 * Confidence intervals for accuracy.
 *
 * Two different uncertainties, two intervals:
 * - `wilsonInterval`: one accuracy measured on n test images, as a binomial
 *   proportion (Wilson score interval; Wilson, JASA 1927). It answers "how well
 *   does the network do on digits like these", i.e. test-set sampling.
 * - `meanInterval` (Student t): the mean accuracy over Monte Carlo fault trials
 *   on the same test images. Trials share the images, so their correct answers
 *   are not independent Bernoulli draws and pooling them into one Wilson
 *   interval would be too narrow; the trials themselves are independent (each
 *   has its own random stream), so a t interval over per-trial accuracies is
 *   right for "what does this fault model cost on this test set".
 */

import { normalLowerTail } from '../util/normal-tail.js';

export interface Interval {
  readonly low: number;
  readonly high: number;
}

/** Two-sided standard normal quantile: z with P(|Z| ≤ z) = confidence (1.959964 for 0.95). */
export function normalQuantile(confidence: number): number {
  checkConfidence(confidence);
  return invertIncreasing((z) => 1 - 2 * normalLowerTail(-z), confidence);
}

/** Wilson score interval of a proportion `successes / trials`. */
export function wilsonInterval(successes: number, trials: number, confidence = 0.95): Interval {
  if (!(trials > 0) || successes < 0 || successes > trials) throw new Error(`bad proportion ${successes}/${trials}`);
  const z = normalQuantile(confidence);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const center = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + z2n / (4 * trials));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/**
 * Two-sided P(|T| ≤ t) for Student's t with integer ν degrees of freedom, in
 * closed form (Abramowitz & Stegun 26.7.3–26.7.4), θ = atan(t/√ν).
 */
export function studentTTwoSided(t: number, dof: number): number {
  if (!Number.isInteger(dof) || dof < 1) throw new Error(`degrees of freedom must be a positive integer, got ${dof}`);
  const theta = Math.atan(Math.abs(t) / Math.sqrt(dof));
  const s = Math.sin(theta);
  const c2 = Math.cos(theta) ** 2;
  if (dof % 2 === 0) {
    // sinθ · (1 + ½cos²θ + (1·3)/(2·4)cos⁴θ + … up to cos^{ν−2}θ)
    let term = 1;
    let sum = 1;
    for (let k = 2; k <= dof - 2; k += 2) {
      term *= (c2 * (k - 1)) / k;
      sum += term;
    }
    return s * sum;
  }
  if (dof === 1) return (2 * theta) / Math.PI;
  // (2/π)(θ + sinθcosθ · (1 + (2/3)cos²θ + (2·4)/(3·5)cos⁴θ + … up to cos^{ν−3}θ))
  let term = 1;
  let sum = 1;
  for (let k = 3; k <= dof - 2; k += 2) {
    term *= (c2 * (k - 1)) / k;
    sum += term;
  }
  return (2 / Math.PI) * (theta + s * Math.cos(theta) * sum);
}

/** t with P(|T| ≤ t) = confidence for ν degrees of freedom (12.706 for 0.95 and ν = 1). */
export function studentTQuantile(confidence: number, dof: number): number {
  checkConfidence(confidence);
  return invertIncreasing((t) => studentTTwoSided(t, dof), confidence);
}

export interface MeanWithInterval extends Interval {
  readonly mean: number;
  /** Sample standard deviation (n − 1 in the denominator). */
  readonly stdDev: number;
  readonly count: number;
}

/** Mean of independent samples with a Student t interval; a single sample gives an unbounded interval. */
export function meanInterval(values: readonly number[], confidence = 0.95): MeanWithInterval {
  const n = values.length;
  if (n === 0) throw new Error('no samples');
  const mean = values.reduce((a, b) => a + b, 0) / n;
  if (n === 1) return { mean, stdDev: NaN, count: 1, low: -Infinity, high: Infinity };
  const stdDev = Math.sqrt(values.reduce((a, v) => a + (v - mean) ** 2, 0) / (n - 1));
  const half = (studentTQuantile(confidence, n - 1) * stdDev) / Math.sqrt(n);
  return { mean, stdDev, count: n, low: mean - half, high: mean + half };
}

function checkConfidence(confidence: number): void {
  if (!(confidence > 0 && confidence < 1)) throw new Error(`confidence must lie strictly between 0 and 1, got ${confidence}`);
}

/** x ≥ 0 with f(x) = target for an increasing f from f(0) = 0 towards 1: bracket by doubling, then bisect. */
function invertIncreasing(f: (x: number) => number, target: number): number {
  let hi = 1;
  while (f(hi) < target && hi < 1e300) hi *= 2;
  let lo = 0;
  for (let k = 0; k < 200; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (f(mid) < target) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/**
 * The error function and the normal distribution's tails, accurate to a
 * relative ~1e-15 all the way down to 1e-300. MLC fault rates live far in the
 * tails (a 2-bit RRAM cell's edge levels fault with probability ~1e-20), where
 * `1 - cdf` would be exactly 0 and textbook approximations (Abramowitz & Stegun
 * 7.1.26, ~1e-7 absolute) would be all error.
 *
 * Method (standard; see DLMF 7.6.2 and 7.9.2, https://dlmf.nist.gov/7):
 * - |x| < SERIES_LIMIT: erf from the all-positive series
 *   erf(x) = 2/√π · e^{−x²} · Σ_{n≥0} 2ⁿ x^{2n+1} / (1·3·…·(2n+1)),
 *   which has no cancellation; erfc = 1 − erf loses at most a factor
 *   1/erfc(SERIES_LIMIT) ≈ 6 of relative accuracy there.
 * - x ≥ SERIES_LIMIT: erfc from Laplace's continued fraction
 *   erfc(x) = e^{−x²}/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + …)))),
 *   evaluated with the modified Lentz algorithm.
 * - e^{−x²} is computed as e^{−h²}·e^{−(x−h)(x+h)} with h = x rounded to 1/16,
 *   so the rounding of x² does not cost ~x²·ε of relative accuracy (Cody's trick).
 */

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT2 = Math.SQRT2;
/** Below this |x| the series is used (erfc(1) ≈ 0.157, so 1 − erf costs < 1 digit); above, the continued
 * fraction, which needs ~190 terms at 1 and fewer than 20 beyond 5. */
const SERIES_LIMIT = 1;
/** Relative size of the last term or correction at which the sums stop. */
const EPS = 1e-17;
const MAX_TERMS = 500;

/** e^{−x²} without the relative error that rounding x² would bring for large x. */
function expMinusSquare(x: number): number {
  const h = Math.trunc(x * 16) / 16;
  return Math.exp(-h * h) * Math.exp(-(x - h) * (x + h));
}

/** erf by the positive series; accurate for |x| < SERIES_LIMIT. */
function erfSeries(x: number): number {
  const x2 = 2 * x * x;
  let term = x;
  let sum = x;
  for (let n = 1; n < MAX_TERMS; n++) {
    term *= x2 / (2 * n + 1);
    sum += term;
    if (Math.abs(term) < EPS * Math.abs(sum)) break;
  }
  return (2 / SQRT_PI) * expMinusSquare(x) * sum;
}

/** erfc for x ≥ SERIES_LIMIT by the continued fraction (modified Lentz). */
function erfcContinuedFraction(x: number): number {
  const tiny = 1e-300;
  let f = x;
  let c = x;
  let d = 0;
  for (let n = 1; n < MAX_TERMS; n++) {
    const a = n / 2;
    d = x + a * d;
    if (d === 0) d = tiny;
    c = x + a / c;
    if (c === 0) c = tiny;
    d = 1 / d;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < EPS) break;
  }
  return expMinusSquare(x) / (SQRT_PI * f);
}

/** The error function erf(x). */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 1;
  if (x === -Infinity) return -1;
  const ax = Math.abs(x);
  const r = ax < SERIES_LIMIT ? erfSeries(ax) : 1 - erfcContinuedFraction(ax);
  return x < 0 ? -r : r;
}

/** The complementary error function erfc(x) = 1 − erf(x), accurate in the right tail. */
export function erfc(x: number): number {
  if (Number.isNaN(x)) return NaN;
  if (x === Infinity) return 0;
  if (x === -Infinity) return 2;
  const ax = Math.abs(x);
  const r = ax < SERIES_LIMIT ? 1 - erfSeries(ax) : erfcContinuedFraction(ax);
  return x < 0 ? 2 - r : r;
}

/** Upper tail of the standard normal: Q(z) = P(Z > z), accurate for large z. */
export function normalUpperTail(z: number): number {
  return 0.5 * erfc(z / SQRT2);
}

/** Lower tail (CDF) of the standard normal: Φ(z) = P(Z ≤ z), accurate for very negative z. */
export function normalLowerTail(z: number): number {
  return 0.5 * erfc(-z / SQRT2);
}

/** P(a < Z ≤ b) for a standard normal Z, computed from whichever tails keep it accurate. */
export function normalIntervalProbability(a: number, b: number): number {
  if (!(a < b)) return 0;
  if (a >= 0) return normalUpperTail(a) - normalUpperTail(b);
  if (b <= 0) return normalLowerTail(b) - normalLowerTail(a);
  // The interval straddles 0: the mass is at least ~0 and erf of each side is exact enough.
  return 0.5 * (erf(b / SQRT2) - erf(a / SQRT2));
}

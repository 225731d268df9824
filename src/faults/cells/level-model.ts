/**
 * The MLC read model: one Gaussian per level on a normalized read axis
 * (unitless, 0..1 for the reference RRAM data), thresholds where adjacent
 * Gaussians' densities cross, and the level-to-level error matrix computed
 * analytically from the Gaussians' tails.
 *
 * Convention (NVMExplorer's, reproduced by the tests): a cell programmed to
 * level i is read as level j when its read value falls between thresholds
 * t[j−1] and t[j]; the per-cell fault rate of level i is Σ_{j≠i} P[i][j]; the
 * mean per-cell fault rate averages that over the levels with equal weight
 * (uniform level use). With reference/mlc-rram-levels.json this gives
 * 7.90e-9 at 2 bits per cell and 3.81e-3 at 3, NVMExplorer's figures.
 * NVMExplorer keeps only one-level faults; the matrix here keeps every
 * level-to-level jump (with the reference data, two-level jumps are 8e-61 of all
 * faults at 2 bits per cell and 2.3e-7 at 3).
 */

import { UserError } from '../../errors.js';
import { checkMapping, codeOfLevel, MAX_BITS_PER_CELL, type LevelMapping } from './level-mapping.js';
import { normalIntervalProbability } from '../../util/normal-tail.js';

/** One level's read distribution: [mean, sigma] on the normalized read axis (unitless). */
export type LevelGaussian = readonly [mean: number, sigma: number];

export interface LevelModel {
  /** Label for tables, e.g. "rram-3bpc". */
  readonly name: string;
  /** Where the numbers come from: a reference file, a paper, or "assumption: ...". */
  readonly source: string;
  readonly bitsPerCell: number;
  /** One Gaussian per level, in level order (means strictly increasing). */
  readonly levels: readonly LevelGaussian[];
}

/** P[i][j]: probability that a cell written at level i is read as level j. */
export type ErrorMatrix = readonly Float64Array[];

export interface LevelModelInput {
  name: string;
  source: string;
  /** Unvalidated: checked to be an array of [mean, sigma] pairs. */
  levels: unknown;
}

/** Where a user-supplied model came from, for error messages. */
export interface InputLocation {
  file?: string;
  jsonPath?: string;
}

/** Validate a level model and derive its bits per cell. Bad models throw UserError. */
export function makeLevelModel(input: LevelModelInput, at: InputLocation = {}): LevelModel {
  const path = `${at.jsonPath ?? ''}/levels`;
  const fail = (message: string, expected: string, suggestion: string, jsonPath = path): never => {
    throw new UserError(`level model "${input.name}": ${message}`, { file: at.file, jsonPath, expected, suggestion });
  };
  const raw = input.levels;
  if (!Array.isArray(raw)) {
    return fail('levels must be an array', 'array of [mean, sigma] pairs', 'write "levels": [[0, 0.01], [1, 0.01]]');
  }
  const n = raw.length;
  if (n < 2 || n > 1 << MAX_BITS_PER_CELL || (n & (n - 1)) !== 0) {
    fail(
      `${n} levels is not a power of two from 2 to ${1 << MAX_BITS_PER_CELL}`,
      'one Gaussian per level, 2^bitsPerCell of them',
      'give 2 levels for 1 bit per cell, 4 for 2, 8 for 3',
    );
  }
  const levels: LevelGaussian[] = raw.map((entry: unknown, i: number) => {
    const ok = Array.isArray(entry) && entry.length === 2 && entry.every((v) => typeof v === 'number' && isFinite(v));
    if (!ok) fail(`level ${i} is not a [mean, sigma] pair of finite numbers`, '[mean, sigma]', 'e.g. [0.38, 0.03]', `${path}/${i}`);
    const [mean, sigma] = entry as [number, number];
    if (!(sigma > 0)) fail(`level ${i} has sigma ${sigma}`, 'sigma > 0', 'a read distribution needs a positive spread', `${path}/${i}/1`);
    return [mean, sigma] as const;
  });
  for (let i = 1; i < n; i++) {
    const prev = levels[i - 1] as LevelGaussian;
    const cur = levels[i] as LevelGaussian;
    if (!(cur[0] > prev[0])) {
      fail(
        `level means must be strictly increasing, but level ${i} (${cur[0]}) is not above level ${i - 1} (${prev[0]})`,
        'means in increasing order',
        'list the levels from the lowest read value to the highest',
        `${path}/${i}/0`,
      );
    }
    if (crossingPoint(prev, cur) === undefined) {
      fail(
        `levels ${i - 1} and ${i} overlap so much that their densities do not cross between their means`,
        'each level more likely than its neighbour at its own mean',
        'separate the means or reduce the sigmas',
        `${path}/${i}`,
      );
    }
  }
  return { name: input.name, source: input.source, bitsPerCell: Math.log2(n), levels };
}

/**
 * Where the densities of two Gaussians (lower mean first) cross between their
 * means, or undefined when they do not. Solves a·x² + b·x + c = 0 from
 * log N(x; m1, s1) = log N(x; m2, s2), with the numerically stable form of the
 * quadratic formula.
 */
export function crossingPoint(lower: LevelGaussian, upper: LevelGaussian): number | undefined {
  const [m1, s1] = lower;
  const [m2, s2] = upper;
  const v1 = s1 * s1;
  const v2 = s2 * s2;
  // log-density difference d(x) = log N1 − log N2 must go from > 0 at m1 to < 0 at m2.
  const d = (x: number): number => -((x - m1) ** 2) / (2 * v1) + ((x - m2) ** 2) / (2 * v2) - Math.log(s1 / s2);
  if (!(d(m1) > 0 && d(m2) < 0)) return undefined;
  const a = 1 / (2 * v1) - 1 / (2 * v2);
  const b = m2 / v2 - m1 / v1;
  const c = (m1 * m1) / (2 * v1) - (m2 * m2) / (2 * v2) - Math.log(s2 / s1);
  const inside = (x: number): boolean => x > m1 && x < m2;
  // Stable form: q/a and c/q; for equal sigmas a = 0, q/a is infinite and c/q = −c/b is the midpoint.
  const disc = b * b - 4 * a * c;
  const q = -0.5 * (b + (b < 0 ? -1 : 1) * Math.sqrt(Math.max(disc, 0)));
  const roots = [q / a, c / q];
  // d changes sign once between the means, so exactly one root lies there.
  return roots.find(inside) ?? bisect(d, m1, m2);
}

/** Fallback for rounding at the ends of the interval: d(lo) > 0 > d(hi). */
function bisect(d: (x: number) => number, lo: number, hi: number): number {
  for (let k = 0; k < 200 && hi - lo > 0; k++) {
    const mid = (lo + hi) / 2;
    if (mid === lo || mid === hi) break;
    if (d(mid) > 0) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The L−1 read thresholds; a read value in (t[j−1], t[j]] is level j. */
export function levelThresholds(model: LevelModel): number[] {
  const t: number[] = [];
  for (let i = 1; i < model.levels.length; i++) {
    const x = crossingPoint(model.levels[i - 1] as LevelGaussian, model.levels[i] as LevelGaussian);
    if (x === undefined) throw new Error(`level model ${model.name} was not validated (levels ${i - 1}, ${i})`);
    t.push(x);
  }
  return t;
}

/** The level a read value is sensed as, given the thresholds. */
export function senseLevel(readValue: number, thresholds: readonly number[]): number {
  let level = 0;
  while (level < thresholds.length && readValue > (thresholds[level] as number)) level++;
  return level;
}

/**
 * The full error matrix, each entry from the tail of level i's Gaussian that
 * lies on level j's side of the thresholds (never as 1 − something, which
 * would round rates below 1e-16 to zero).
 */
export function errorMatrix(model: LevelModel): ErrorMatrix {
  const t = levelThresholds(model);
  const n = model.levels.length;
  return model.levels.map(([mean, sigma]) => {
    const row = new Float64Array(n);
    for (let j = 0; j < n; j++) {
      const lo = j === 0 ? -Infinity : ((t[j - 1] as number) - mean) / sigma;
      const hi = j === n - 1 ? Infinity : ((t[j] as number) - mean) / sigma;
      row[j] = normalIntervalProbability(lo, hi);
    }
    return row;
  });
}

/** Per-cell fault rate of each level: Σ_{j≠i} P[i][j] (summed, so tiny rates survive). */
export function faultRateByLevel(matrix: ErrorMatrix): number[] {
  return matrix.map((row, i) => row.reduce((sum, p, j) => (j === i ? sum : sum + p), 0));
}

/** Mean per-cell fault rate with every level used equally often. */
export function meanFaultRate(matrix: ErrorMatrix): number {
  const rates = faultRateByLevel(matrix);
  return rates.reduce((a, b) => a + b, 0) / rates.length;
}

export interface BitErrorRates {
  readonly mapping: LevelMapping;
  /** Error rate of each bit of the cell's code word, least significant (the cell's first stream bit) first. */
  readonly byBitPosition: readonly number[];
  /** Mean error rate per stored bit (uniform level use). */
  readonly mean: number;
  /** Expected number of flipped bits per faulty cell. */
  readonly bitsFlippedPerFault: number;
}

/** Per-bit error rates of a level-to-bit mapping, with every level used equally often. */
export function bitErrorRates(matrix: ErrorMatrix, mapping: LevelMapping): BitErrorRates {
  checkMapping(mapping);
  const n = matrix.length;
  const bits = Math.log2(n);
  const byBit = new Array<number>(bits).fill(0);
  for (let i = 0; i < n; i++) {
    const row = matrix[i] as Float64Array;
    for (let j = 0; j < n; j++) {
      if (j === i) continue;
      const diff = codeOfLevel(i, mapping) ^ codeOfLevel(j, mapping);
      for (let k = 0; k < bits; k++) {
        if ((diff >>> k) & 1) byBit[k] = (byBit[k] as number) + (row[j] as number) / n;
      }
    }
  }
  const mean = byBit.reduce((a, b) => a + b, 0) / bits;
  const faults = meanFaultRate(matrix);
  return { mapping, byBitPosition: byBit, mean, bitsFlippedPerFault: faults > 0 ? (mean * bits) / faults : 0 };
}


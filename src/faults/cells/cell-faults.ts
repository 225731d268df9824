/**
 * Fault injection into MLC cells with a seeded random stream.
 *
 * Sampled mode: every cell faults independently with its level's fault rate
 * (row i of the error matrix). Faults are rare (≤ 1e-2 per cell), so instead
 * of one draw per cell the distance to the next candidate cell is drawn from a
 * geometric distribution at the highest level fault rate pMax, and a candidate
 * at level i is kept with probability p_i / pMax (thinning). This is exact and
 * costs time in proportion to the number of candidates: about pMax · cells.
 *
 * Fixed-count mode: exactly n distinct cells fault. Which cells is decided as
 * successive sampling without replacement with cell weights p_level, i.e.
 * given that n cells fault, each draw picks a cell in proportion to its fault
 * rate among the cells not yet picked (NVMExplorer similarly spreads a fixed
 * number of faults over the cells of each level in proportion to the rates).
 *
 * A faulty cell at level i moves to level j ≠ i with probability
 * P[i][j] / Σ_{k≠i} P[i][k].
 */

import type { RandomStream } from '../../engine/random.js';
import { UserError } from '../../errors.js';
import { cellsOverBits, type CellArray } from './cell-array.js';
import { mappingTables, type LevelMapping } from './level-mapping.js';
import { faultRateByLevel, type ErrorMatrix } from './level-model.js';
import type { PackedBits } from './packed-bits.js';

/** The error matrix prepared for drawing faults. */
export interface FaultTable {
  readonly levelCount: number;
  /** Fault rate of each level, Σ_{j≠i} P[i][j]. */
  readonly faultRate: Float64Array;
  readonly maxFaultRate: number;
  /** Row i: cumulative Σ P[i][k] over k ≤ j, k ≠ i (the diagonal adds nothing), for choosing where a fault goes. */
  readonly cumulative: readonly Float64Array[];
}

export function faultTable(matrix: ErrorMatrix): FaultTable {
  const n = matrix.length;
  const faultRate = Float64Array.from(faultRateByLevel(matrix));
  const cumulative = matrix.map((row, i) => {
    const cum = new Float64Array(n);
    let sum = 0;
    for (let j = 0; j < n; j++) {
      if (j !== i) sum += row[j] as number;
      cum[j] = sum;
    }
    return cum;
  });
  return { levelCount: n, faultRate, maxFaultRate: Math.max(...faultRate), cumulative };
}

/**
 * Uniform in (0, 1) with 64 random bits: the stream's `next()` has only 32,
 * which would floor a geometric gap at ~22/p and clip rates below 2^−32.
 */
export function uniform64(stream: RandomStream): number {
  for (;;) {
    const u = stream.next() + stream.next() * 2 ** -32;
    if (u > 0 && u < 1) return u; // the sum can round up to 1
  }
}

/** The level a faulty cell at `level` moves to. */
function faultDestination(table: FaultTable, level: number, stream: RandomStream): number {
  const cum = table.cumulative[level] as Float64Array;
  const target = uniform64(stream) * (table.faultRate[level] as number);
  let previous = 0;
  let last = -1;
  for (let j = 0; j < table.levelCount; j++) {
    if (j === level) continue;
    const c = cum[j] as number;
    if (c > previous) {
      last = j;
      if (c > target) return j;
    }
    previous = c;
  }
  // Reached only when rounding puts the target on the total: the last level with any probability.
  return last;
}

function checkTable(cells: CellArray, table: FaultTable): void {
  if (cells.levelCount !== table.levelCount) {
    throw new Error(`cells have ${cells.levelCount} levels but the error matrix ${table.levelCount}`);
  }
}

/** Fault every cell independently with its level's fault rate. Returns the number of faulty cells. */
export function injectSampledFaults(cells: CellArray, table: FaultTable, stream: RandomStream): number {
  checkTable(cells, table);
  const pMax = table.maxFaultRate;
  if (!(pMax > 0)) return 0;
  const logMiss = Math.log1p(-Math.min(pMax, 1));
  let faults = 0;
  let cell = -1;
  for (;;) {
    // Cells skipped before the next candidate: Geometric(pMax) failures, floor(ln U / ln(1 − pMax)).
    const gap = logMiss === -Infinity ? 0 : Math.floor(Math.log(uniform64(stream)) / logMiss);
    cell += gap + 1;
    if (cell >= cells.cellCount) break;
    const level = cells.levelAt(cell);
    const p = table.faultRate[level] as number;
    if (p < pMax && uniform64(stream) * pMax >= p) continue;
    cells.setLevel(cell, faultDestination(table, level, stream));
    faults++;
  }
  return faults;
}

/** Fault exactly `count` distinct cells (see the file comment for how they are chosen). */
export function injectFixedCountFaults(cells: CellArray, table: FaultTable, count: number, stream: RandomStream): number {
  checkTable(cells, table);
  if (!Number.isInteger(count) || count < 0) {
    throw new UserError(`fault count must be a non-negative integer, got ${count}`, { expected: 'integer ≥ 0' });
  }
  const n = table.levelCount;
  const census = levelCensus(cells);
  const perLevel = census.total;
  // How many faults each level gets: successive draws in proportion to (cells left) × rate.
  const picked = new Float64Array(n);
  for (let f = 0; f < count; f++) {
    let total = 0;
    for (let l = 0; l < n; l++) total += ((perLevel[l] as number) - (picked[l] as number)) * (table.faultRate[l] as number);
    if (!(total > 0)) {
      throw new UserError(`cannot place ${count} faults: only ${f} cells of this stream can fault under the level model`, {
        expected: `a fault count ≤ ${f}`,
        suggestion: 'use the sampled mode, fewer faults, or a level model in which these levels can fault',
      });
    }
    let target = uniform64(stream) * total;
    let level = 0;
    for (let l = 0; l < n; l++) {
      const w = ((perLevel[l] as number) - (picked[l] as number)) * (table.faultRate[l] as number);
      if (w > 0) level = l;
      if (target < w) break;
      target -= w;
    }
    picked[level] = (picked[level] as number) + 1;
  }
  // Which cells of each level: `picked` distinct ranks among that level's cells, located through the census.
  const faulty: number[] = [];
  picked.forEach((k, l) => {
    for (const cell of cellsOfRanks(cells, census, l, distinctSorted(k, perLevel[l] as number, stream))) faulty.push(cell);
  });
  faulty.sort((x, y) => x - y);
  for (const cell of faulty) cells.setLevel(cell, faultDestination(table, cells.levelAt(cell), stream));
  return faulty.length;
}

/** Cells per census chunk: small enough that locating a cell decodes little, large enough that the census is small. */
const CENSUS_CHUNK = 4096;

/** How many cells are at each level, in total and per chunk of CENSUS_CHUNK cells. */
interface LevelCensus {
  readonly total: Float64Array;
  /** perChunk[chunk · levelCount + level]. */
  readonly perChunk: Int32Array;
}

function levelCensus(cells: CellArray): LevelCensus {
  const n = cells.levelCount;
  const chunks = Math.ceil(cells.cellCount / CENSUS_CHUNK);
  const perChunk = new Int32Array(chunks * n);
  const buffer = new Uint8Array(CENSUS_CHUNK);
  for (let chunk = 0; chunk < chunks; chunk++) {
    const start = chunk * CENSUS_CHUNK;
    const len = Math.min(CENSUS_CHUNK, cells.cellCount - start);
    cells.readLevels(start, buffer);
    const base = chunk * n;
    for (let k = 0; k < len; k++) {
      const i = base + (buffer[k] as number);
      perChunk[i] = (perChunk[i] as number) + 1;
    }
  }
  const total = new Float64Array(n);
  for (let i = 0; i < perChunk.length; i++) total[i % n] = (total[i % n] as number) + (perChunk[i] as number);
  return { total, perChunk };
}

/** Indices of the cells that are the ranks[m]-th (from 0, ranks ascending) cells at `level`. */
function cellsOfRanks(cells: CellArray, census: LevelCensus, level: number, ranks: Float64Array): number[] {
  const n = cells.levelCount;
  const out: number[] = [];
  const buffer = new Uint8Array(CENSUS_CHUNK);
  let chunk = 0;
  let before = 0; // cells at `level` in the chunks before `chunk`
  let loaded = -1;
  for (const rank of ranks) {
    while (before + (census.perChunk[chunk * n + level] as number) <= rank) {
      before += census.perChunk[chunk * n + level] as number;
      chunk++;
    }
    const start = chunk * CENSUS_CHUNK;
    const len = Math.min(CENSUS_CHUNK, cells.cellCount - start);
    if (loaded !== chunk) cells.readLevels(start, buffer);
    loaded = chunk;
    let seen = before;
    for (let k = 0; k < len; k++) {
      if (buffer[k] !== level) continue;
      if (seen++ === rank) {
        out.push(start + k);
        break;
      }
    }
  }
  if (out.length !== ranks.length) throw new Error(`level census is inconsistent at level ${level}`);
  return out;
}

/** k distinct integers from [0, n), sorted (Floyd's algorithm: exactly k draws). */
function distinctSorted(k: number, n: number, stream: RandomStream): Float64Array {
  const chosen = new Set<number>();
  for (let j = n - k; j < n; j++) {
    const t = Math.floor(uniform64(stream) * (j + 1));
    chosen.add(chosen.has(t) ? j : t);
  }
  return Float64Array.from(chosen).sort();
}

export type FaultMode = { kind: 'sampled' } | { kind: 'fixedCount'; count: number };

export interface StreamFaultOptions {
  bitsPerCell: number;
  mapping: LevelMapping;
  /** From `faultTable(errorMatrix(model))`; its level count must be 2^bitsPerCell. */
  table: FaultTable;
  mode: FaultMode;
  stream: RandomStream;
}

/**
 * Store a packed stream in cells, fault them and read it back, in place: only
 * the bits of faulty cells change. Returns the number of faulty cells.
 */
export function faultBitsInPlace(bits: PackedBits, options: StreamFaultOptions): number {
  const cells = cellsOverBits(bits, mappingTables(options.bitsPerCell, options.mapping));
  return options.mode.kind === 'sampled'
    ? injectSampledFaults(cells, options.table, options.stream)
    : injectFixedCountFaults(cells, options.table, options.mode.count, options.stream);
}

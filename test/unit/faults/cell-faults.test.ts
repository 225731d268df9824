import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { UserError } from '../../../src/errors.js';
import { cellsOverLevels, readCells, writeCells } from '../../../src/faults/cells/cell-array.js';
import {
  faultBitsInPlace,
  faultTable,
  injectFixedCountFaults,
  injectSampledFaults,
} from '../../../src/faults/cells/cell-faults.js';
import { errorMatrix, meanFaultRate, type ErrorMatrix } from '../../../src/faults/cells/level-model.js';
import { copyBits, hammingDistance, setBit, zeroBits, type PackedBits } from '../../../src/faults/cells/packed-bits.js';
import { technologyLevelModel } from '../../../src/faults/cells/technology-levels.js';

/** An error matrix from its off-diagonal entries; the diagonal takes the rest. */
function matrix(offDiagonal: number[][]): ErrorMatrix {
  return offDiagonal.map((row, i) => {
    const r = Float64Array.from(row);
    r[i] = 1 - row.reduce((a, b, j) => (j === i ? a : a + b), 0);
    return r;
  });
}

function randomBits(bitLength: number, seed: number): PackedBits {
  const rng = randomStream(seed, 'test/cell-faults/bits');
  const bits = zeroBits(bitLength);
  for (let i = 0; i < bitLength; i++) setBit(bits, i, rng.int(2));
  return bits;
}

/** |observed − expected| within 5 binomial standard deviations (plus one count). */
function expectBinomial(observed: number, trials: number, p: number): void {
  expect(Math.abs(observed - trials * p)).toBeLessThanOrEqual(5 * Math.sqrt(trials * p * (1 - p)) + 1);
}

// Uneven rates per level, so that thinning (candidates at the highest rate, kept with p_i / pMax) is exercised.
const UNEVEN = matrix([
  [0, 0.02, 0, 0], // level 0: 2 %, always up one
  [0.002, 0, 0.003, 0], // level 1: 0.5 %, 2 : 3 down : up
  [0.004, 0, 0, 0.006], // level 2: 1 %, including a two-level jump down
  [0, 0, 0, 0], // level 3 never faults
]);

describe('sampled faults', () => {
  it('each level faults at its own rate and goes where its row says', () => {
    const cellsPerLevel = 100_000;
    const levels = new Uint8Array(4 * cellsPerLevel).map((_, c) => c % 4);
    const original = levels.slice();
    injectSampledFaults(cellsOverLevels(levels, 4), faultTable(UNEVEN), randomStream(1, 'test/sampled'));
    const moves = [0, 1, 2, 3].map(() => [0, 0, 0, 0]);
    original.forEach((from, c) => {
      const row = moves[from] as number[];
      const to = levels[c] as number;
      row[to] = (row[to] as number) + 1;
    });
    UNEVEN.forEach((row, i) => row.forEach((p, j) => i !== j && expectBinomial(moves[i]?.[j] as number, cellsPerLevel, p)));
    expect(moves[3]?.[3]).toBe(cellsPerLevel);
  });

  it('RRAM at 3 bits per cell on uniform random bits: faulty cells ≈ cells × 3.805e-3', () => {
    const table = faultTable(errorMatrix(technologyLevelModel('rram', 3)));
    const bits = randomBits(3_000_000, 4);
    const faults = faultBitsInPlace(copyBits(bits), {
      bitsPerCell: 3,
      mapping: 'gray',
      table,
      mode: { kind: 'sampled' },
      stream: randomStream(2, 'test/rram3'),
    });
    // 1,000,000 cells; rate from the model, 3.805e-3 (the reference figure is 3.8e-3)
    expectBinomial(faults, 1_000_000, meanFaultRate(errorMatrix(technologyLevelModel('rram', 3))));
  });

  it('rare faults: 1e-4 per cell over 2 M cells gives ≈ 200 faults (geometric gaps)', () => {
    const levels = new Uint8Array(2_000_000);
    const faults = injectSampledFaults(cellsOverLevels(levels, 2), faultTable(matrix([[0, 1e-4], [1e-4, 0]])), randomStream(3, 'rare'));
    expectBinomial(faults, 2_000_000, 1e-4);
    expect(levels.reduce((a, b) => a + b, 0)).toBe(faults);
  });

  it('no fault rate, no faults; the same seed gives the same faults, another seed others', () => {
    const bits = randomBits(30_000, 5);
    const run = (seed: number, table = faultTable(UNEVEN)): PackedBits => {
      const out = copyBits(bits);
      faultBitsInPlace(out, { bitsPerCell: 2, mapping: 'binary', table, mode: { kind: 'sampled' }, stream: randomStream(seed, 's') });
      return out;
    };
    expect(run(1, faultTable(matrix([[0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0], [0, 0, 0, 0]])))).toEqual(bits);
    expect(run(7)).toEqual(run(7));
    expect(hammingDistance(run(7), run(8))).toBeGreaterThan(0);
  });

  it('faulting the packed stream in place equals write → fault the level array → read back', () => {
    const bits = randomBits(20_001, 6); // not a multiple of 3: the last cell is padded
    for (const mode of [{ kind: 'sampled' } as const, { kind: 'fixedCount', count: 40 } as const]) {
      const inPlace = copyBits(bits);
      const table = faultTable(errorMatrix(technologyLevelModel('rram', 3, 2)));
      faultBitsInPlace(inPlace, { bitsPerCell: 3, mapping: 'gray', table, mode, stream: randomStream(9, 'x') });
      const levels = writeCells(bits, 3, 'gray');
      const cells = cellsOverLevels(levels, 8);
      if (mode.kind === 'sampled') injectSampledFaults(cells, table, randomStream(9, 'x'));
      else injectFixedCountFaults(cells, table, mode.count, randomStream(9, 'x'));
      expect(readCells(levels, 3, 'gray', bits.bitLength)).toEqual(inPlace);
      expect(hammingDistance(bits, inPlace)).toBeGreaterThan(0);
    }
  });

  it('Gray mapping and one-level faults: exactly one bit flips per faulty cell', () => {
    const bits = randomBits(60_000, 7);
    const out = copyBits(bits);
    const table = faultTable(errorMatrix(technologyLevelModel('rram', 3))); // two-level jumps: 2.3e-7 of faults
    const faults = faultBitsInPlace(out, { bitsPerCell: 3, mapping: 'gray', table, mode: { kind: 'sampled' }, stream: randomStream(1, 'g') });
    expect(faults).toBeGreaterThan(30); // 20,000 cells × 3.8e-3 ≈ 76
    expect(hammingDistance(bits, out)).toBe(faults);
  });
});

describe('fixed-count faults', () => {
  it('exactly n cells change', () => {
    const levels = new Uint8Array(50_000).map((_, c) => c % 4);
    const original = levels.slice();
    const n = injectFixedCountFaults(cellsOverLevels(levels, 4), faultTable(UNEVEN), 123, randomStream(1, 'fixed'));
    expect(n).toBe(123);
    expect(levels.reduce((count, l, c) => count + (l !== original[c] ? 1 : 0), 0)).toBe(123);
  });

  it('cells are picked in proportion to their level fault rate (10 : 1 here)', () => {
    const levels = new Uint8Array(100_000).map((_, c) => c % 2);
    const original = levels.slice();
    injectFixedCountFaults(cellsOverLevels(levels, 2), faultTable(matrix([[0, 0.01], [0.001, 0]])), 2000, randomStream(2, 'w'));
    let fromZero = 0;
    original.forEach((l, c) => {
      if (l === 0 && levels[c] !== 0) fromZero++;
    });
    // Each pick goes to level 0 with probability ≈ 50,000·0.01 / (50,000·0.01 + 50,000·0.001) = 10/11
    // (depletion of level 0 by ~1,800 of its 50,000 cells shifts this by < 0.4 %).
    expectBinomial(fromZero, 2000, 10 / 11);
  });

  it('every cell can be made faulty, one more is an error; levels that cannot fault are never picked', () => {
    const table = faultTable(matrix([[0, 0.5], [0, 0]])); // level 1 never faults
    const levels = new Uint8Array(100).map((_, c) => (c < 30 ? 0 : 1));
    expect(injectFixedCountFaults(cellsOverLevels(levels, 2), table, 30, randomStream(1, 'all'))).toBe(30);
    expect(levels.every((l) => l === 1)).toBe(true);
    const fresh = new Uint8Array(100).map((_, c) => (c < 30 ? 0 : 1));
    expect(() => injectFixedCountFaults(cellsOverLevels(fresh, 2), table, 31, randomStream(1, 'all'))).toThrow(UserError);
    expect(() => injectFixedCountFaults(cellsOverLevels(fresh, 2), table, -1, randomStream(1, 'all'))).toThrow(UserError);
  });
});

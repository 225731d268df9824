import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { UserError } from '../../../src/errors.js';
import { bitsFlipped } from '../../../src/faults/cells/level-mapping.js';
import {
  bitErrorRates,
  crossingPoint,
  errorMatrix,
  faultRateByLevel,
  levelThresholds,
  makeLevelModel,
  meanFaultRate,
  senseLevel,
  type LevelModel,
} from '../../../src/faults/cells/level-model.js';
import { borrowedLevelsNote, RRAM_LEVELS, technologyLevelModel } from '../../../src/faults/cells/technology-levels.js';
import { technologyFaultModel } from '../../../src/faults/cells/fault-model.js';

const rram = (bpc: number): LevelModel => technologyLevelModel('rram', bpc);
const density = (x: number, [m, s]: readonly [number, number]): number =>
  Math.exp(-((x - m) ** 2) / (2 * s * s)) / (s * Math.sqrt(2 * Math.PI));

describe('reference figures (NVMExplorer, reference/mlc-rram-levels.json)', () => {
  // Convention that reproduces them: the per-cell fault rate of a level is the probability that its read value
  // falls outside its own threshold interval; the mean gives every level equal weight. (Summing over the levels
  // instead would give 3.16e-8 at 2 bpc; dividing by bits per cell, 3.95e-9: neither is the published figure.)
  it('2 bits per cell: mean per-cell fault rate ≈ 7.9e-9', () => {
    const rate = meanFaultRate(errorMatrix(rram(2)));
    expect(Math.abs(rate - 7.9e-9)).toBeLessThan(0.05e-9);
  });

  it('3 bits per cell: mean per-cell fault rate ≈ 3.8e-3', () => {
    const rate = meanFaultRate(errorMatrix(rram(3)));
    expect(Math.abs(rate - 3.8e-3)).toBeLessThan(0.05e-3);
  });

  it('1 bit per cell: 0 (the threshold is 83 sigmas from both levels, Q(83) ≈ 1e-1500 underflows)', () => {
    const model = rram(1);
    const [t] = levelThresholds(model) as [number];
    // (t − 0) / 0.00864567 and (1 − t) / 0.00339958, both ≈ 83
    expect(t / 0.00864567).toBeGreaterThan(80);
    expect((1 - t) / 0.00339958).toBeGreaterThan(80);
    expect(meanFaultRate(errorMatrix(model))).toBe(0);
  });

  it('the edge levels at 2 bpc keep their tiny rates (~1e-20) instead of rounding to 0', () => {
    const rates = faultRateByLevel(errorMatrix(rram(2)));
    expect(rates[0]).toBeGreaterThan(1e-21);
    expect(rates[0]).toBeLessThan(1e-19);
    expect(rates[1]).toBeGreaterThan(1e-8); // middle levels dominate: 1.74e-8 and 1.42e-8
  });
});

describe('thresholds', () => {
  it('equal sigmas: the midpoint', () => {
    expect(crossingPoint([0.2, 0.05], [0.6, 0.05])).toBeCloseTo(0.4, 14);
  });

  it('unequal sigmas, hand-solved: N(0,1) and N(3,2) cross at 1.418344988105127', () => {
    // a = 1/2 − 1/8 = 0.375, b = 3/4 − 0 = 0.75, c = 0 − 9/8 − ln 2 = −1.8181471805599454
    // x = (−b + √(b² − 4ac)) / 2a = (−0.75 + √3.289720770839918) / 0.75 = 1.418344988105127
    expect(crossingPoint([0, 1], [3, 2])).toBeCloseTo(1.418344988105127, 12);
  });

  it('each RRAM threshold lies between the means, where the two densities are equal', () => {
    for (const bpc of [1, 2, 3]) {
      const model = rram(bpc);
      levelThresholds(model).forEach((t, i) => {
        const lo = model.levels[i] as readonly [number, number];
        const hi = model.levels[i + 1] as readonly [number, number];
        expect(t).toBeGreaterThan(lo[0]);
        expect(t).toBeLessThan(hi[0]);
        if (bpc > 1) expect(Math.abs(density(t, lo) / density(t, hi) - 1)).toBeLessThan(1e-6);
      });
    }
  });

  it('senseLevel: a read value goes to the interval it falls in', () => {
    expect(senseLevel(0.1, [0.2, 0.5, 0.8])).toBe(0);
    expect(senseLevel(0.2, [0.2, 0.5, 0.8])).toBe(0); // intervals are (t[j−1], t[j]]
    expect(senseLevel(0.21, [0.2, 0.5, 0.8])).toBe(1);
    expect(senseLevel(0.9, [0.2, 0.5, 0.8])).toBe(3);
  });
});

describe('error matrix', () => {
  it('hand-computed 2-level cases', () => {
    // N(0,1), N(1,1): threshold 0.5, P[0][1] = Q(0.5) = 0.30853753872598690 (mpmath)
    const sym = errorMatrix(makeLevelModel({ name: 'sym', source: 'test', levels: [[0, 1], [1, 1]] }));
    expect(sym[0]?.[1]).toBeCloseTo(0.3085375387259869, 14);
    expect(sym[1]?.[0]).toBeCloseTo(0.3085375387259869, 14);
    expect(sym[0]?.[0]).toBeCloseTo(1 - 0.3085375387259869, 14);
    // N(0,1), N(3,2): t = 1.418344988105127; P[0][1] = Q(t) = 0.078045034088704168,
    // P[1][0] = Q((3 − t)/2) = 0.2145223282917019 (mpmath)
    const skew = errorMatrix(makeLevelModel({ name: 'skew', source: 'test', levels: [[0, 1], [3, 2]] }));
    expect(skew[0]?.[1]).toBeCloseTo(0.078045034088704168, 12);
    expect(skew[1]?.[0]).toBeCloseTo(0.2145223282917019, 12);
  });

  it('rows sum to 1 (diagonal from erf, off-diagonal from the tails: two independent paths)', () => {
    for (const scale of [1, 2, 4]) {
      for (const bpc of [1, 2, 3]) {
        for (const row of errorMatrix(technologyLevelModel('rram', bpc, scale))) {
          expect(Math.abs(row.reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-14);
        }
      }
    }
  });

  it('matches a seeded sampled estimate (3 bpc, sigmas ×2 so that two-level jumps show up)', () => {
    const model = technologyLevelModel('rram', 3, 2);
    const P = errorMatrix(model);
    const t = levelThresholds(model);
    const rng = randomStream(5, 'test/level-model/sampled');
    const draws = 100_000;
    model.levels.forEach(([mean, sigma], i) => {
      const counts = new Array<number>(model.levels.length).fill(0);
      for (let k = 0; k < draws; k++) {
        const j = senseLevel(mean + sigma * rng.normal(), t);
        counts[j] = (counts[j] as number) + 1;
      }
      counts.forEach((count, j) => {
        const p = P[i]?.[j] as number;
        // Binomial(draws, p): within 5 standard deviations (plus one count for p ≈ 0).
        expect(Math.abs(count - draws * p)).toBeLessThanOrEqual(5 * Math.sqrt(draws * p * (1 - p)) + 1);
      });
    });
    // The scaled model must really exercise two-level jumps, or this test would prove less than it claims.
    const twoLevelJumps = P.flatMap((row, i) => Array.from(row).filter((_p, j) => Math.abs(i - j) >= 2));
    expect(Math.max(...twoLevelJumps)).toBeGreaterThan(1e-3);
  });
});

describe('bit mappings', () => {
  it('Gray flips one bit for every adjacent-level fault, never more than binary', () => {
    for (const bpc of [1, 2, 3, 4]) {
      for (let i = 0; i + 1 < 1 << bpc; i++) {
        expect(bitsFlipped(i, i + 1, 'gray')).toBe(1);
        expect(bitsFlipped(i, i + 1, 'gray')).toBeLessThanOrEqual(bitsFlipped(i, i + 1, 'binary'));
      }
    }
    expect(bitsFlipped(3, 4, 'binary')).toBe(3); // 011 → 100
  });

  it('per-bit error rates: Gray ≤ binary for RRAM; 2-bit Gray BER is half the cell fault rate', () => {
    for (const bpc of [2, 3]) {
      const P = errorMatrix(rram(bpc));
      expect(bitErrorRates(P, 'gray').mean).toBeLessThan(bitErrorRates(P, 'binary').mean);
    }
    const P2 = errorMatrix(rram(2));
    // Every 2-bpc fault is one level (two-level jumps are 8e-61 of faults), flipping one of the two bits under Gray.
    expect(bitErrorRates(P2, 'gray').mean / (meanFaultRate(P2) / 2)).toBeCloseTo(1, 10);
    // Under binary the 1↔2 fault (01 ↔ 10) flips both bits.
    expect(bitErrorRates(P2, 'binary').bitsFlippedPerFault).toBeGreaterThan(1.9);
  });
});

describe('validation and technologies', () => {
  const bad = (levels: unknown): (() => LevelModel) => () => makeLevelModel({ name: 'x', source: 't', levels });
  it.each([
    ['not an array', { a: 1 }],
    ['3 levels', [[0, 0.1], [0.5, 0.1], [1, 0.1]]],
    ['1 level', [[0, 0.1]]],
    ['decreasing means', [[0.5, 0.1], [0.2, 0.1]]],
    ['zero sigma', [[0, 0], [1, 0.1]]],
    ['not a pair', [[0, 0.1, 3], [1, 0.1]]],
    ['no crossing between the means', [[0, 1], [0.1, 10]]],
  ])('rejects %s with a UserError and a suggestion', (_label, levels) => {
    expect(bad(levels)).toThrow(UserError);
    try {
      bad(levels)();
    } catch (e) {
      expect((e as UserError).details.suggestion).toBeTruthy();
    }
  });

  it('the built-in RRAM levels are exactly reference/mlc-rram-levels.json', () => {
    const ref = JSON.parse(readFileSync(new URL('../../../reference/mlc-rram-levels.json', import.meta.url), 'utf8'));
    expect(RRAM_LEVELS).toEqual(ref.levels);
  });

  it('CTT is labelled an assumption; unknown technologies get a suggestion', () => {
    expect(technologyLevelModel('ctt', 1).source).toMatch(/^assumption:/);
    // No CTT, PCM or STT level data above 1 bit per cell: refused, saying why.
    for (const tech of ['ctt', 'pcm', 'stt']) expect(() => technologyLevelModel(tech, 2)).toThrow(/no [A-Z]+ fault model above 1 bit per cell/);
    expect(() => technologyLevelModel('ctt', 3)).toThrow(/Charge-Trap Transistors for CMOS-Only Analog Memory/);
    expect(technologyLevelModel('rram', 2).source).toMatch(/reference\/mlc-rram-levels.json/);
    expect(() => technologyLevelModel('rrma', 2)).toThrow(UserError);
    try {
      technologyLevelModel('rrma', 2);
    } catch (e) {
      expect((e as UserError).details.suggestion).toMatch(/"RRAM"/);
    }
    expect(() => technologyLevelModel('rram', 4)).toThrow(UserError);
  });

  it('suggestions point CLI users to --levels FILE and the example file, not to a code function', () => {
    const suggestionOf = (f: () => unknown): string => {
      try {
        f();
      } catch (e) {
        return String((e as UserError).details.suggestion);
      }
      throw new Error('no error thrown');
    };
    // "flash" is no edit-distance neighbour of any technology, so the suggestion is the levels file.
    for (const s of [suggestionOf(() => technologyLevelModel('flash', 2)), suggestionOf(() => technologyLevelModel('rram', 4))]) {
      expect(s).toContain('--levels FILE');
      expect(s).toContain('examples/faults/levels-example.json');
      expect(s).not.toMatch(/makeLevelModel/);
    }
    expect(existsSync(new URL('../../../examples/faults/levels-example.json', import.meta.url))).toBe(true);
  });

  it('CTT, PCM and STT say plainly that they borrow the RRAM distributions; RRAM has nothing to say', () => {
    for (const tech of ['CTT', 'pcm', 'Stt']) {
      const note = borrowedLevelsNote(tech);
      expect(note).toMatch(new RegExp(`^ASSUMPTION: the ${tech.toUpperCase()} level model borrows the MLC RRAM level distributions`));
      expect(note).toContain('--levels FILE');
      expect(technologyFaultModel(tech, 'gray').assumption).toBe(note);
    }
    expect(borrowedLevelsNote('rram')).toBeUndefined();
    expect(technologyFaultModel('RRAM', 'gray').assumption).toBeUndefined();
    expect(borrowedLevelsNote('toString')).toBeUndefined();
  });
});

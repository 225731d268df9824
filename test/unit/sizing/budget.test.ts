import { describe, expect, it } from 'vitest';
import { budgetFit } from '../../../src/sizing/budget.js';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { choice, conv, entry, traceOf } from './helpers.js';

/** One dense 3×3 layer of 8 × 4 × 9 = 288 weights: 8 × 288 = 2304 cells at 1 bit per cell. */
const trace = traceOf(conv('c', 8, 4, 3, 3, 1));
const dense = [entry(choice({ encoding: 'dense' }))];
const run = (budget: { cells?: number; area_mm2?: number }) => sizeChoices(trace, dense, { budget }).report.choices[0]!;

describe('budget fit', () => {
  const free = sizeChoices(trace, dense).report.choices[0]!;

  it('no budget, no verdict', () => {
    expect(free.totalCells).toBe(2304);
    expect(free.budget).toBeUndefined();
    expect(budgetFit(1, 1, {})).toBeUndefined();
  });

  it('cells: exactly the budget fits, one cell more does not, with the reason', () => {
    expect(run({ cells: 2304 }).budget).toEqual({ fits: true, reasons: [] });
    const over = run({ cells: 2303 }).budget!;
    expect(over.fits).toBe(false);
    expect(over.reasons).toHaveLength(1);
    expect(over.reasons[0]).toMatch(/needs 2,304 cells, 1 \(0\.0434 %\) over the budget of 2,303/);
  });

  it('area: exactly the area fits, the next smaller double does not', () => {
    const a = free.area_mm2;
    expect(run({ area_mm2: a }).budget!.fits).toBe(true);
    const below = a * (1 - Number.EPSILON);
    expect(below).toBeLessThan(a);
    const over = run({ area_mm2: below }).budget!;
    expect(over.fits).toBe(false);
    expect(over.reasons[0]).toMatch(/mm².*over the budget of/);
  });

  it('both budgets: every one exceeded is a reason', () => {
    const b = run({ cells: 100, area_mm2: 1e-9 }).budget!;
    expect(b.fits).toBe(false);
    expect(b.reasons).toHaveLength(2);
  });
});

import { grouped } from '../util/format.js';

/** What the user can afford: a number of cells, an area, or both. */
export interface SizingBudget {
  cells?: number;
  area_mm2?: number;
}

/** Whether a choice fits, and if not every reason why (one per budget exceeded). */
export interface BudgetFit {
  fits: boolean;
  reasons: string[];
}

const pctOver = (need: number, have: number): string => `${((100 * (need - have)) / have).toPrecision(3)} %`;

/** A choice fits when it needs at most the budgeted cells and area (equal fits). Undefined without a budget. */
export function budgetFit(cells: number, area_mm2: number, budget: SizingBudget | undefined): BudgetFit | undefined {
  if (budget === undefined || (budget.cells === undefined && budget.area_mm2 === undefined)) return undefined;
  const reasons: string[] = [];
  if (budget.cells !== undefined && cells > budget.cells) {
    reasons.push(`needs ${grouped(cells)} cells, ${grouped(cells - budget.cells)} (${pctOver(cells, budget.cells)}) over the budget of ${grouped(budget.cells)}`);
  }
  if (budget.area_mm2 !== undefined && area_mm2 > budget.area_mm2) {
    reasons.push(
      `needs ${area_mm2.toPrecision(4)} mm², ${(area_mm2 - budget.area_mm2).toPrecision(3)} mm² (${pctOver(area_mm2, budget.area_mm2)}) over the budget of ${budget.area_mm2} mm²`,
    );
  }
  return { fits: reasons.length === 0, reasons };
}

import type { CapacityRule, CurvePoint } from './curve-types.js';

/**
 * Per-cell figures (leakage, area) of an array smaller than the smallest characterized one:
 * figure = periphery + perCell × cells, through the smallest point, so exact there.
 *
 * The fit: the straight line through the two smallest points gives periphery and per-cell
 * slope. NVSim's smallest rows are nearly proportional to capacity (it builds them from more
 * or fewer mats of one size, each with its own decoders and sense amplifiers), so for most
 * series the fitted periphery is about zero or negative (RRAM 1 bit per cell leakage: 0.4288
 * mW at 128 KiB of cells, 0.8580 at 256, intercept −0.0004 mW); CTT 2 bits per cell area is
 * the exception (intercept 0.0119 of 0.0178 mm²).
 *
 * The floor: a real macro keeps at least one mat's decoders, drivers and sense amplifiers for
 * its access width however few cells it holds, so the periphery never falls below
 * `peripheryFloor_fraction` × the smallest point's figure (assumption, see the eNVM spec).
 * With one point only, there is nothing to fit and the floor is the periphery.
 * The periphery is also capped at the smallest point's figure: fewer cells never cost more.
 */

export interface BelowSmallest {
  value: number;
  /** The figure at zero cells: max(fitted intercept, floor), at most the smallest point's figure. */
  periphery: number;
  /** Whether the fitted intercept (not the floor) set the periphery. */
  fitted: boolean;
}

/** Intercept of the line through the two smallest points, or undefined with one point. */
function fittedPeriphery(sorted: readonly CurvePoint[]): number | undefined {
  const p0 = sorted[0]!;
  const p1 = sorted[1];
  if (p1 === undefined) return undefined;
  const slope = (p1.value - p0.value) / (p1.capacity_cells - p0.capacity_cells);
  return p0.value - slope * p0.capacity_cells;
}

export function belowSmallest(sorted: readonly CurvePoint[], capacity_cells: number, rule: CapacityRule): BelowSmallest {
  const { capacity_cells: c0, value: f0 } = sorted[0]!;
  const fit = fittedPeriphery(sorted);
  const floor = rule.peripheryFloor_fraction * f0;
  const fitted = fit !== undefined && fit > floor;
  const periphery = Math.min(f0, fitted ? fit : floor);
  return { value: periphery + ((f0 - periphery) * capacity_cells) / c0, periphery, fitted };
}

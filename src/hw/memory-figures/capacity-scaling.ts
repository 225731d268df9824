import type { CapacityRule, CurvePoint, FigureKind } from './curve-types.js';
import { belowSmallest } from './periphery-model.js';
import { beyondLargest } from './tiling.js';

/**
 * How an array figure varies with capacity, from a few reference points (the rule is
 * explained, with the data behind each choice, in src/hw/envm/README.md):
 * - At a point: the point's value, exactly (per-cell figures after the monotone clamp below).
 * - Between two points: a straight line in capacity. NVSim picks its own bank/mat layout per
 *   size, so figures jump between rows (RRAM 1 bit per cell leakage ×3.5 from 256 to 512 KiB
 *   of cells, then ×1.15 to 1024); no curve form is supported between them, and a straight
 *   line stays between its two neighbours without assuming a power law.
 * - Below the smallest point: per-access figures held there; per-cell figures (leakage, area)
 *   by a periphery + cells model fitted to the two smallest points, with a periphery floor
 *   (periphery-model.ts).
 * - Beyond the largest point: whole tiles of the largest array, each with its full figures,
 *   plus one remainder tile sized by this rule (tiling.ts).
 * - Per-cell figures are clamped non-decreasing in capacity: a smaller array can always be
 *   built as a larger characterized one with cells left unused, so it never costs more.
 */

export interface ArrayFigures {
  readLatency_ns: number;
  readEnergy_pJ_per_access: number;
  leakage_mW: number;
  area_mm2: number;
}

export type FigureKey = keyof ArrayFigures;
export const FIGURE_KEYS: readonly FigureKey[] = ['readLatency_ns', 'readEnergy_pJ_per_access', 'leakage_mW', 'area_mm2'];

export type { CapacityRule, CurvePoint, FigureKind };
export const FIGURE_KIND: Readonly<Record<FigureKey, FigureKind>> = {
  readLatency_ns: 'latency',
  readEnergy_pJ_per_access: 'perAccess',
  leakage_mW: 'perCell',
  area_mm2: 'perCell',
};

/** Sort points by capacity and reject what the rule cannot use (internal invariant). */
export function checkedCurve(points: readonly CurvePoint[], what: string): CurvePoint[] {
  if (points.length === 0) throw new Error(`${what}: a curve needs at least one point`);
  const sorted = [...points].sort((a, b) => a.capacity_cells - b.capacity_cells);
  for (let i = 0; i < sorted.length; i++) {
    const p = sorted[i]!;
    if (!(p.capacity_cells > 0) || !(p.value > 0)) {
      throw new Error(`${what}: capacity and value must be positive (got ${p.capacity_cells} cells, ${p.value})`);
    }
    if (i > 0 && sorted[i - 1]!.capacity_cells === p.capacity_cells) {
      throw new Error(`${what}: two points at ${p.capacity_cells} cells`);
    }
  }
  return sorted;
}

/** Each value lowered to the least value at any larger capacity (running minimum from the right). */
function nonDecreasing(sorted: readonly CurvePoint[]): CurvePoint[] {
  const out = sorted.map((p) => ({ ...p }));
  for (let i = out.length - 2; i >= 0; i--) out[i]!.value = Math.min(out[i]!.value, out[i + 1]!.value);
  return out;
}

/** Straight line between the two points around `capacity_cells` (inside the curve's range). */
function between(sorted: readonly CurvePoint[], capacity_cells: number): number {
  for (let i = 1; i < sorted.length; i++) {
    const hi = sorted[i]!;
    if (capacity_cells > hi.capacity_cells) continue;
    if (capacity_cells === hi.capacity_cells) return hi.value; // exact at the points, no rounding
    const lo = sorted[i - 1]!;
    const t = (capacity_cells - lo.capacity_cells) / (hi.capacity_cells - lo.capacity_cells);
    return lo.value + t * (hi.value - lo.value);
  }
  throw new Error('unreachable: capacity inside the curve but no segment found');
}

/** The figure at `capacity_cells` (>= 0) from points sorted by `checkedCurve`. */
export function figureAt(sorted: readonly CurvePoint[], capacity_cells: number, kind: FigureKind, rule: CapacityRule): number {
  const pts = kind === 'perCell' ? nonDecreasing(sorted) : sorted;
  const first = pts[0]!;
  const last = pts[pts.length - 1]!;
  if (capacity_cells < first.capacity_cells) return kind === 'perCell' ? belowSmallest(pts, capacity_cells, rule).value : first.value;
  if (capacity_cells > last.capacity_cells) {
    return beyondLargest(pts, capacity_cells, kind, (c) => figureAt(pts, c, kind, rule));
  }
  return capacity_cells === first.capacity_cells ? first.value : between(pts, capacity_cells);
}

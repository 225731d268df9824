/**
 * How an array figure varies with capacity, from a few reference points.
 *
 * The rule (one place, used by eNVM and SRAM alike):
 * - Between two points: log-log interpolation, y = y0 · (c / c0)^(ln(y1/y0) / ln(c1/c0)).
 *   Exact at the points; NVSim's figures grow roughly as a power of capacity, so a straight
 *   line in log-log space is the least-assuming curve through them.
 * - Beyond the largest point: the array is built from tiles of the largest size, with a
 *   fractional tile count n = c / c_max. Per-access figures (latency, energy per access) stay
 *   those of one largest tile, since each access is served by one tile; per-cell figures
 *   (leakage, area) scale with n. The reference data supports linear scaling there:
 *   RRAM 1 bit per cell from 4096 to 16384 KiB of cells multiplies area by 4.00 and leakage by 4.00.
 * - Below the smallest point: per-access figures are held at the smallest point (conservative:
 *   a smaller array would be somewhat faster and cheaper per access); per-cell figures scale
 *   linearly down to zero (optimistic: real periphery does not shrink with the cell count).
 */

export interface ArrayFigures {
  readLatency_ns: number;
  readEnergy_pJ_per_access: number;
  leakage_mW: number;
  area_mm2: number;
}

export type FigureKey = keyof ArrayFigures;
export const FIGURE_KEYS: readonly FigureKey[] = ['readLatency_ns', 'readEnergy_pJ_per_access', 'leakage_mW', 'area_mm2'];

/** Per-access figures belong to one access of one array; per-cell figures add up over tiles. */
export type FigureKind = 'perAccess' | 'perCell';
export const FIGURE_KIND: Readonly<Record<FigureKey, FigureKind>> = {
  readLatency_ns: 'perAccess',
  readEnergy_pJ_per_access: 'perAccess',
  leakage_mW: 'perCell',
  area_mm2: 'perCell',
};

export interface CurvePoint {
  capacity_cells: number;
  value: number;
}

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

/** The figure at `capacity_cells` (>= 0) from points sorted by `checkedCurve`. */
export function figureAt(sorted: readonly CurvePoint[], capacity_cells: number, kind: FigureKind): number {
  const first = sorted[0]!;
  const last = sorted[sorted.length - 1]!;
  if (capacity_cells <= first.capacity_cells) {
    return kind === 'perAccess' ? first.value : (first.value * capacity_cells) / first.capacity_cells;
  }
  if (capacity_cells >= last.capacity_cells) {
    return kind === 'perAccess' ? last.value : (last.value * capacity_cells) / last.capacity_cells;
  }
  for (let i = 1; i < sorted.length; i++) {
    const hi = sorted[i]!;
    if (capacity_cells > hi.capacity_cells) continue;
    if (capacity_cells === hi.capacity_cells) return hi.value; // exact at the points, no rounding
    const lo = sorted[i - 1]!;
    const slope = Math.log(hi.value / lo.value) / Math.log(hi.capacity_cells / lo.capacity_cells);
    return lo.value * Math.pow(capacity_cells / lo.capacity_cells, slope);
  }
  throw new Error('unreachable: capacity inside the curve but no segment found');
}

import type { ArrayFigures } from './capacity-scaling.js';

/**
 * How reading a multi-level cell is sensed, and what that adds to the array figures.
 *
 * What the reference figures assume: the NVSim fork behind reference/envm-arrays.csv
 * (lpentecost/nvsim-merged, SenseAmp.cpp) senses RRAM and CTT cells in current mode with a
 * fixed 0.1 ns and 8 fJ per sensed column below 22 nm, whatever the number of levels; for
 * MLC it widens the sense amplifier area by (levels − 1). So the table already holds the
 * AREA of (levels − 1) comparators per column, but the latency and energy of ONE sensing.
 * Neither real scheme is exactly that, so each mode adds what the table leaves out:
 *
 * - 'parallel' (the default): levels − 1 comparators fire at once. Latency: unchanged (one
 *   sensing time). Energy: + accessWidth × (levels − 2) × senseEnergy, the comparators
 *   beyond the one the table counts. Area: the table's (it already has levels − 1 comparators).
 * - 'sequential': one comparator, a binary search over the levels, one sensing step per bit.
 *   Latency: + (bits − 1) × senseStep. Energy: + accessWidth × (bits − 1) × senseEnergy.
 *   Area: the table's, unchanged (conservative: one comparator would need less, but the fork
 *   reports no separate comparator area to subtract). The bitline is assumed to stay biased
 *   between steps without re-settling (optimistic; raise senseStep_ns to include settling).
 *
 * Leakage is unchanged in both modes (the fork's current-sense amplifier leaks 0 W below 22 nm).
 * The same adjustment is applied to override figures, since they are expected to come from
 * the same NVSim model; if yours already include MLC sensing, set senseEnergy_fJ and
 * senseStep_ns to 0.
 */

export const SENSING_MODES = ['parallel', 'sequential'] as const;
export type SensingMode = (typeof SENSING_MODES)[number];

export interface SensingParams {
  sensing: SensingMode;
  /** Latency of one sensing step (one comparison), ns. */
  senseStep_ns: number;
  /** Energy of one comparison of one column, fJ. */
  senseEnergy_fJ: number;
}

/** Comparisons per cell read beyond the one the reference figures already count. */
export function extraComparisons(mode: SensingMode, bitsPerCell: number): number {
  const levels = 2 ** bitsPerCell;
  return mode === 'parallel' ? Math.max(0, levels - 2) : bitsPerCell - 1;
}

/** Extra sensing steps in series beyond the one the reference latency counts. */
export function extraSenseSteps(mode: SensingMode, bitsPerCell: number): number {
  return mode === 'parallel' ? 0 : bitsPerCell - 1;
}

/** Array figures for one access of `accessWidth_cells` cells, after the sensing model. */
export function withSensing(
  figures: ArrayFigures,
  bitsPerCell: number,
  accessWidth_cells: number,
  p: SensingParams,
): ArrayFigures {
  const fJ_to_pJ = 1e-3;
  return {
    readLatency_ns: figures.readLatency_ns + extraSenseSteps(p.sensing, bitsPerCell) * p.senseStep_ns,
    readEnergy_pJ_per_access:
      figures.readEnergy_pJ_per_access +
      accessWidth_cells * extraComparisons(p.sensing, bitsPerCell) * p.senseEnergy_fJ * fJ_to_pJ,
    leakage_mW: figures.leakage_mW,
    area_mm2: figures.area_mm2,
  };
}

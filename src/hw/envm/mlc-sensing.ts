import type { ArrayFigures } from '../memory-figures/capacity-scaling.js';

/**
 * How reading a multi-level cell is sensed, and what that adds to array figures that do not
 * already include it.
 *
 * Which figures include MLC sensing (reference/README.md): the NVSim-fork rows of
 * reference/envm-arrays.csv (RRAM and CTT at 1, 2 and 3 bits per cell, every capacity) come
 * from an MLC-aware NVSim (lpentecost/nvsim-merged, SenseAmp.cpp) that senses in current mode
 * with a fixed 0.1 ns and 8 fJ per sensed column whatever the number of levels, and widens the
 * sense-amplifier area by (levels − 1). Those rows are used as they are: no adder. The
 * NVMExplorer rows (2 MB, single-level cells) include none, nor may a user's override figures
 * (`overridesIncludeMlcSensing`); only figures like those get the adder of the chosen scheme:
 *
 * - 'parallel' (the default): levels − 1 comparators fire at once. Latency: one sensing time
 *   (unchanged). Energy: + accessWidth × (levels − 2) × senseEnergy, the comparators beyond the
 *   one a single-level figure counts. Area: unchanged (no comparator area to add from the data).
 * - 'sequential': one comparator, a binary search over the levels, one sensing step per bit.
 *   Latency: + (bits − 1) × senseStep. Energy: + accessWidth × (bits − 1) × senseEnergy.
 *   The bitline is assumed to stay biased between steps without re-settling (optimistic;
 *   raise senseStep_ns to include settling).
 *
 * Leakage is unchanged in both modes (the fork's current-sense amplifier leaks 0 W below 22 nm).
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

/** Whether each per-access figure already includes MLC sensing (then nothing is added to it). */
export interface SensingIncluded {
  readLatency_ns: boolean;
  readEnergy_pJ_per_access: boolean;
}

/** Comparisons per cell read beyond the one a single-level figure counts. */
function extraComparisons(mode: SensingMode, bitsPerCell: number): number {
  const levels = 2 ** bitsPerCell;
  return mode === 'parallel' ? Math.max(0, levels - 2) : bitsPerCell - 1;
}

/** Extra sensing steps in series beyond the one a single-level latency counts. */
function extraSenseSteps(mode: SensingMode, bitsPerCell: number): number {
  return mode === 'parallel' ? 0 : bitsPerCell - 1;
}

const NONE_INCLUDED: SensingIncluded = { readLatency_ns: false, readEnergy_pJ_per_access: false };

/** Array figures for one access of `accessWidth_cells` cells, after the sensing model. */
export function withSensing(
  figures: ArrayFigures,
  bitsPerCell: number,
  accessWidth_cells: number,
  p: SensingParams,
  included: SensingIncluded = NONE_INCLUDED,
): ArrayFigures {
  const fJ_to_pJ = 1e-3;
  const addedLatency_ns = extraSenseSteps(p.sensing, bitsPerCell) * p.senseStep_ns;
  const addedEnergy_pJ = accessWidth_cells * extraComparisons(p.sensing, bitsPerCell) * p.senseEnergy_fJ * fJ_to_pJ;
  return {
    readLatency_ns: figures.readLatency_ns + (included.readLatency_ns ? 0 : addedLatency_ns),
    readEnergy_pJ_per_access: figures.readEnergy_pJ_per_access + (included.readEnergy_pJ_per_access ? 0 : addedEnergy_pJ),
    leakage_mW: figures.leakage_mW,
    area_mm2: figures.area_mm2,
  };
}

import type { ArrayFigures } from './capacity-scaling.js';

/**
 * Reference figures are for one access of a fixed width (64 cells, or a 64-bit SRAM word).
 * For another width: energy per access scales in proportion to the width (assumption: the
 * bitline, sense and output-driver energy per column dominate; the decoder and H-tree share,
 * which does not scale, makes this an overestimate for wider and an underestimate for narrower
 * accesses); latency, leakage and area are kept (assumption: the same array, more columns
 * muxed out per access). Use overrides from your own NVSim run for another width if it matters.
 */
export function atAccessWidth(figures: ArrayFigures, width: number, referenceWidth: number): ArrayFigures {
  return { ...figures, readEnergy_pJ_per_access: (figures.readEnergy_pJ_per_access * width) / referenceWidth };
}

/**
 * The known errors of NVIDIA's performance sheet (reference/nvdla-perf-sheet.md), each a named correction. With
 * all of them on, the estimator is a roofline that no hardware run moving the same bytes can beat: every change
 * either removes work the hardware does not do or charges a cost the hardware cannot avoid (an atomic-K kernel
 * group is computed whole; a KiB is 1024 B on the wire).
 */
export interface Corrections {
  res2aBranch2aChannels: boolean;
  noStrideFolding: boolean;
  kernelGroupAtomicK: boolean;
  weightGroupAtomicK: boolean;
  winogradWhereUsable: boolean;
  residualAtOutputSize: boolean;
  kibibytes: boolean;
}

export type CorrectionName = keyof Corrections;

/** One line each: what the sheet does wrong, what the correction does. */
export const CORRECTION_REASONS: Record<CorrectionName, string> = {
  res2aBranch2aChannels:
    'res2a_branch2a reads pool1 (64 channels); the sheet enters C = 256.',
  noStrideFolding:
    'Direct convolution handles stride natively: a strided 1×1 has C·K weights, not 4·C·K, and a strided layer computes C·P·Q·K·R·S MACs (the sheet folds conv1\'s 3 channels × 4 into 16 and pays for the padding).',
  kernelGroupAtomicK:
    'The MAC array computes kernels in groups of atomic-K (32 on nv_full), not 128: K is rounded up to atomic-K.',
  weightGroupAtomicK:
    'The minimum weight group CBUF must hold is one kernel group of atomic-K kernels, not 32.',
  winogradWhereUsable:
    'Winograd (÷2.25 MACs, 16/9 weight bytes) only on 3×3 stride-1 layers of a build that has it, on the output padded to a multiple of 4 (as nvdla/sw pads it), and only where it beats direct convolution (pre-transformed weights can make it slower); the sheet takes every 3×3 as Winograd.',
  residualAtOutputSize:
    'The residual add reads its operand at the convolution\'s output size, before pooling; the sheet adds Z after the fused pooling (res5c_branch2c: 1×1×2048 instead of 7×7×2048).',
  kibibytes:
    'Traffic is counted in KiB (1024 B) but divided as if KB were 1000 B; corrected, DRAM cycles are bytes / (GB/s) exactly.',
};

export const CORRECTION_NAMES = Object.keys(CORRECTION_REASONS) as CorrectionName[];

export const AS_PUBLISHED: Corrections = Object.fromEntries(CORRECTION_NAMES.map((n) => [n, false])) as unknown as Corrections;
export const ALL_CORRECTED: Corrections = Object.fromEntries(CORRECTION_NAMES.map((n) => [n, true])) as unknown as Corrections;

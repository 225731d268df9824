import { UserError } from '../../errors.js';
import type { Layer } from '../../workload/layer.js';
import { inputRowsFor, type ConvMapping } from './conv-mapping.js';
import { followsCompiler } from './software-profile.js';
import type { NvdlaParams } from './spec.js';

/**
 * How a convolution shares CBUF between input data and weights. Under the
 * `nvdla-sw` profile, in the order of NVDLA's compiler (nvdla/sw engine-ast
 * ConvCoreNode::splitNodesInternal; compilerAllocation below): full input and
 * full weights; full input with exactly two kernel groups' banks (ping-pong);
 * full input with one kernel group; then the input split by rows (split-H)
 * with the weight banks capped at COMPILER_SPLIT_WEIGHT_BANKS. Under
 * `hardware-limit`: full input and full weights; full input with every
 * remaining bank for weights (as many kernel groups as fit); the input split by
 * rows with weights taking all they need, else two groups, else one. In
 * split-H each row chunk refills the data banks. Banks are allotted whole; a layer whose weights CBUF holds compressed gives one bank to the
 * weight mask (WMB). Compression is chosen per hardware layer (CDMA's
 * D_WEIGHT_FORMAT and D_BANK are per-layer registers: nvdla/hw
 * vmod/nvdla/cdma/NV_NVDLA_CDMA_dual_reg.v), so a dense layer keeps every bank.
 */
export type CbufMode = 'full-input-full-weights' | 'full-input-partial-weights' | 'row-split';

/** Kernels [k0, k1) processed together: one kernel group (at most atomicK kernels, within one conv group). */
export interface KernelGroup {
  k0: number;
  k1: number;
}

/** A convolution's weights as CBUF holds them. */
export interface CbufWeights {
  /** Bytes kernels [k0, k1) occupy in CBUF. */
  bytesOf: (k0: number, k1: number) => number;
  /** Held in NVDLA's compressed format: one bank is reserved for the weight mask. */
  compressed: boolean;
}

export interface CbufAllocation {
  mode: CbufMode;
  dataBanks: number;
  weightBanks: number;
  /** Kernel groups resident at once (all groups when weights are full). */
  weightSlots: number;
  /** CBUF entries available to input rows. */
  dataEntries: number;
}

/**
 * Weight banks the compiler gives a split-H convolution at most (nvdla/sw umd/core/src/compiler include/priv/Profile.h
 * m_CONVWeightBanksAllotted(8), used by engine-ast ConvCoreNode::splitNodesInternal). Weights are kept across row
 * chunks only when all of them fit (ConvCoreNode::splitData, setReuseWeights).
 */
const COMPILER_SPLIT_WEIGHT_BANKS = 8;

export function kernelGroups(l: Layer, atomicK: number): KernelGroup[] {
  const perConvGroup = l.outputChannels / l.groups;
  const out: KernelGroup[] = [];
  for (let g = 0; g < l.groups; g++) {
    const base = g * perConvGroup;
    for (let k0 = base; k0 < base + perConvGroup; k0 += atomicK) out.push({ k0, k1: Math.min(base + perConvGroup, k0 + atomicK) });
  }
  return out;
}

/** Input rows needed by the tallest step of `align` output rows (the least a row chunk must hold). */
function minimumChunkRows(l: Layer, align: number): number {
  let most = 0;
  for (let y0 = 0; y0 < l.outputHeight; y0 += align) {
    const r = inputRowsFor(l, y0, Math.min(l.outputHeight, y0 + align));
    most = Math.max(most, r.end - r.first);
  }
  return most;
}

export function allocateCbuf(
  l: Layer,
  m: ConvMapping,
  p: NvdlaParams,
  groups: readonly KernelGroup[],
  weights: CbufWeights,
): CbufAllocation {
  const bankBytes = p.cbufBankWidth_B * p.cbufBankDepth;
  const available = p.cbufBanks - (weights.compressed ? 1 : 0);
  const groupBytes = groups.map((g) => weights.bytesOf(g.k0, g.k1));
  const totalWeights = groupBytes.reduce((s, b) => s + b, 0);
  const largestGroup = Math.max(...groupBytes);
  const slotsIn = (banks: number): number => Math.min(groups.length, Math.floor((banks * bankBytes) / largestGroup));
  const fullDataBanks = Math.ceil((l.inputHeight * m.cbufEntriesPerInputRow) / p.cbufBankDepth);
  const minimumEntries = minimumChunkRows(l, m.outputRowAlign) * m.cbufEntriesPerInputRow;
  const sizes = { bankBytes, available, totalWeights, largestGroup, fullDataBanks, minimumEntries, slotsIn, groups: groups.length };
  const found = followsCompiler(p) ? compilerAllocation(p, sizes) : hardwareAllocation(p, sizes);
  if (found !== undefined) return found;
  throw new UserError(
    `layer ${l.name} does not fit in CBUF: one kernel group (${largestGroup} B) and ${minimumEntries} entries of input rows need more than ${available} banks of ${bankBytes} B`,
    {
      jsonPath: '/nvdla/cbufBanks',
      expected: 'a CBUF that holds at least one kernel group and the input rows of one output row',
      suggestion: 'increase cbufBanks or cbufBankDepth',
    },
  );
}

/** What both allocation orders need to know of a layer. */
interface Sizes {
  bankBytes: number;
  available: number;
  totalWeights: number;
  largestGroup: number;
  fullDataBanks: number;
  /** Entries the tallest row chunk needs. */
  minimumEntries: number;
  slotsIn: (banks: number) => number;
  groups: number;
}

const banksFor = (s: Sizes, bytes: number): number => Math.ceil(bytes / s.bankBytes);

/** The first weight-bank count of `candidates` that leaves enough data banks for one row chunk: split-H. */
function rowSplit(p: NvdlaParams, s: Sizes, candidates: readonly number[]): CbufAllocation | undefined {
  for (const weightBanks of candidates) {
    const dataBanks = s.available - weightBanks;
    if (weightBanks > 0 && dataBanks > 0 && dataBanks * p.cbufBankDepth >= s.minimumEntries && s.slotsIn(weightBanks) >= 1) {
      return { mode: 'row-split', dataBanks, weightBanks, weightSlots: s.slotsIn(weightBanks), dataEntries: dataBanks * p.cbufBankDepth };
    }
  }
  return undefined;
}

/**
 * nvdla/sw ConvCoreNode::splitNodesInternal: full input with full weights, with the banks of exactly two kernel
 * groups (ping-pong), with one kernel group; else split-H with the weight banks capped (all weights when they fit
 * under the cap, else two groups, else one).
 */
function compilerAllocation(p: NvdlaParams, s: Sizes): CbufAllocation | undefined {
  const fullInput = (weightBanks: number, mode: CbufMode): CbufAllocation => ({
    mode, dataBanks: s.fullDataBanks, weightBanks, weightSlots: s.slotsIn(weightBanks), dataEntries: s.fullDataBanks * p.cbufBankDepth,
  });
  const all = banksFor(s, s.totalWeights);
  if (s.fullDataBanks + all <= s.available) return fullInput(all, 'full-input-full-weights');
  for (const groups of [2, 1]) {
    const banks = banksFor(s, groups * s.largestGroup);
    if (s.fullDataBanks + banks <= s.available) return fullInput(banks, 'full-input-partial-weights');
  }
  const cap = Math.min(COMPILER_SPLIT_WEIGHT_BANKS, s.available - 1);
  const one = banksFor(s, s.largestGroup);
  const candidates = [all, banksFor(s, 2 * s.largestGroup), one].filter((b) => b <= cap);
  // Assumption: where one kernel group alone exceeds the cap (nv_small's 4 KiB banks: a 3×3×512 group takes 9),
  // the group gets its banks: the cap is sized for nv_full's 32 KiB banks, and nv_small runs ResNet-50.
  return rowSplit(p, s, candidates.length > 0 ? candidates : [one]);
}

/** Every capability used fully: the weights take every bank the full input leaves; in split-H all they need. */
function hardwareAllocation(p: NvdlaParams, s: Sizes): CbufAllocation | undefined {
  const { fullDataBanks, available } = s;
  if (fullDataBanks + banksFor(s, s.totalWeights) <= available) {
    const weightBanks = banksFor(s, s.totalWeights);
    return { mode: 'full-input-full-weights', dataBanks: fullDataBanks, weightBanks, weightSlots: s.groups, dataEntries: fullDataBanks * p.cbufBankDepth };
  }
  if (fullDataBanks + banksFor(s, s.largestGroup) <= available) {
    const weightBanks = available - fullDataBanks;
    return { mode: 'full-input-partial-weights', dataBanks: fullDataBanks, weightBanks, weightSlots: s.slotsIn(weightBanks), dataEntries: fullDataBanks * p.cbufBankDepth };
  }
  return rowSplit(p, s, [banksFor(s, s.totalWeights), banksFor(s, 2 * s.largestGroup), banksFor(s, s.largestGroup)]);
}

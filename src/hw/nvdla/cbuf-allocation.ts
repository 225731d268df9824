import { UserError } from '../../errors.js';
import type { Layer } from '../../workload/layer.js';
import { inputRowsFor, type ConvMapping } from './conv-mapping.js';
import type { NvdlaParams } from './spec.js';

/**
 * How a convolution shares CBUF between input data and weights, in the order
 * of preference of NVDLA's compiler (nvdla/sw engine-ast ConvCoreNode
 * splitNodesInternal): full input and full weights; full input with partial
 * weights (as many kernel groups as fit, ping-pong when two or more do, a single
 * group otherwise); and, when the input does not fit, the input split by rows
 * (partial-H), each row chunk refilling the data banks. Banks are allotted
 * whole; a layer whose weights CBUF holds compressed gives one bank to the
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
  const banksFor = (bytes: number): number => Math.ceil(bytes / bankBytes);
  const groupBytes = groups.map((g) => weights.bytesOf(g.k0, g.k1));
  const totalWeights = groupBytes.reduce((s, b) => s + b, 0);
  const largestGroup = Math.max(...groupBytes);
  const slotsIn = (banks: number): number => Math.min(groups.length, Math.floor((banks * bankBytes) / largestGroup));
  const fullDataBanks = Math.ceil((l.inputHeight * m.cbufEntriesPerInputRow) / p.cbufBankDepth);

  if (fullDataBanks + banksFor(totalWeights) <= available) {
    const weightBanks = banksFor(totalWeights);
    return { mode: 'full-input-full-weights', dataBanks: fullDataBanks, weightBanks, weightSlots: groups.length, dataEntries: fullDataBanks * p.cbufBankDepth };
  }
  if (fullDataBanks + banksFor(largestGroup) <= available) {
    const weightBanks = available - fullDataBanks;
    return { mode: 'full-input-partial-weights', dataBanks: fullDataBanks, weightBanks, weightSlots: slotsIn(weightBanks), dataEntries: fullDataBanks * p.cbufBankDepth };
  }
  // Row split: weights take all they need, else two groups (ping-pong), else one; data takes the rest.
  const minimumEntries = minimumChunkRows(l, m.outputRowAlign) * m.cbufEntriesPerInputRow;
  const candidates = [banksFor(totalWeights), banksFor(2 * largestGroup), banksFor(largestGroup)];
  for (const weightBanks of candidates) {
    const dataBanks = available - weightBanks;
    if (dataBanks > 0 && dataBanks * p.cbufBankDepth >= minimumEntries) {
      return { mode: 'row-split', dataBanks, weightBanks, weightSlots: slotsIn(weightBanks), dataEntries: dataBanks * p.cbufBankDepth };
    }
  }
  throw new UserError(
    `layer ${l.name} does not fit in CBUF: one kernel group (${largestGroup} B) and ${minimumEntries} entries of input rows need more than ${available} banks of ${bankBytes} B`,
    {
      jsonPath: '/nvdla/cbufBanks',
      expected: 'a CBUF that holds at least one kernel group and the input rows of one output row',
      suggestion: 'increase cbufBanks or cbufBankDepth',
    },
  );
}

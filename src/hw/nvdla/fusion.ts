import type { Layer } from '../../workload/layer.js';
import type { CbufWeights } from './cbuf-allocation.js';
import { planConvolution } from './tiling.js';
import type { NvdlaParams } from './spec.js';

/**
 * Which trace layers NVDLA runs as one hardware layer, as its compiler fuses
 * them (nvdla/sw umd/core/src/compiler/engine-ast):
 * - element-wise add into the convolution's SDP (SDPNode::fuseSDPSubEngineOp,
 *   isFeasibleToFuseSDPEltwiseOp): the add is the convolution output's only
 *   reader and has exactly two operands; the other operand was produced
 *   earlier, so SDP's element-wise DMA reads it from memory while the
 *   convolution runs;
 * - pooling into PDP on the fly (PDPNode::fuseOnTheFlyNodes): PDP's only
 *   upstream is the SDP output, which nothing else reads; the convolution has
 *   one group and is not split (a row-split convolution is several hardware
 *   layers); the pooled width fits the PDP line buffer.
 * Fused layers must directly follow in the trace: the trace order is the
 * schedule, and a layer in between would need the unwritten output.
 */
export interface FusedGroup {
  /** Trace index of the layer that starts the hardware layer (any op; only conv and fc take followers). */
  head: number;
  /** Trace index of an element-wise add run in the head's SDP. */
  eltwise?: number;
  /** Trace index of a pooling layer run in PDP on the fly. */
  pool?: number;
}

/** Trace layer `layerIndex`'s weights as CBUF holds them (they decide whether a convolution is split). */
export type CbufWeightsOf = (layerIndex: number) => CbufWeights;

/** Trace indices of a group's layers, in trace order. */
export function groupIndices(g: FusedGroup): number[] {
  const out = [g.head];
  if (g.eltwise !== undefined) out.push(g.eltwise);
  if (g.pool !== undefined) out.push(g.pool);
  return out;
}

/**
 * PDP keeps partial results of the overlapping pooling rows at 14 bits per int8 element
 * (unit_description.rst, Planar Data Processor, Buffer Size Estimation: bytes_per_element 14/8 for INT8).
 */
const PDP_PARTIAL_BITS_INT8 = 14;

/**
 * Line-buffer rows reserved for ceil(kernelHeight / stride) overlapping pooling rows: 1, 2, 4 (for 3 or 4), 8
 * (for more): the f() of unit_description's on-the-fly condition, rtlOverlapLines in nvdla/sw.
 */
function pdpOverlapLines(pool: Layer): number {
  const n = Math.ceil(pool.kernelHeight / pool.stride);
  if (n <= 1) return 1;
  if (n === 2) return 2;
  if (n <= 4) return 4;
  return 8;
}

/**
 * Widest pooled output PDP can produce on the fly: the line buffer holds the overlap lines of one kernel group
 * (atomicK channels, the SDP output order) at 14 bits per element. nv_full 3×3 stride 2: 7168·8 / (2·32·14) = 64.
 */
export function pdpMaxFlyingWidth(p: NvdlaParams, pool: Layer): number {
  return Math.floor((p.pdpLineBuffer_B * 8) / (pdpOverlapLines(pool) * p.macAtomicK * PDP_PARTIAL_BITS_INT8));
}

const denseCbufWeights =
  (layers: readonly Layer[]): CbufWeightsOf =>
  (i) => {
    const l = layers[i]!;
    return { bytesOf: (k0, k1) => (k1 - k0) * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth, compressed: false };
  };

/** How many layers read each tensor (a layer reading a tensor twice counts once). */
function readerCounts(layers: readonly Layer[]): Map<string, number> {
  const readers = new Map<string, number>();
  for (const l of layers) for (const t of new Set(l.inputs)) readers.set(t, (readers.get(t) ?? 0) + 1);
  return readers;
}

const sameShape = (a: Layer, b: Layer): boolean =>
  a.outputHeight === b.outputHeight && a.outputWidth === b.outputWidth && a.outputChannels === b.outputChannels;

/**
 * The add at `e` fuses into the convolution at `e − 1`: two operands, one the convolution's output (read by nothing
 * else), the other a tensor of the same shape that exists before the convolution runs (the network input or an
 * earlier layer's output).
 */
function eltwiseFuses(layers: readonly Layer[], e: number, readers: Map<string, number>, indexOf: Map<string, number>): boolean {
  const conv = layers[e - 1]!;
  const add = layers[e];
  if (add?.op !== 'eltwise' || add.inputs.length !== 2 || !sameShape(conv, add)) return false;
  const others = add.inputs.filter((t) => t !== conv.name);
  if (others.length !== 1 || readers.get(conv.name) !== 1) return false;
  const other = others[0]!;
  // A per-channel operand (1×1×C, squeeze-excite) is not fused: the fused path reads its operand whole.
  const o = layers[indexOf.get(other) ?? -1];
  if (o !== undefined && !sameShape(o, add)) return false;
  return other === 'input' || (indexOf.get(other) ?? e) < e - 1;
}

/** The pooling at `j` runs on the fly after the group ending at `j − 1`, whose head is the convolution `head`. */
function poolFuses(layers: readonly Layer[], head: number, j: number, p: NvdlaParams, cbufWeightsOf: CbufWeightsOf, readers: Map<string, number>): boolean {
  const last = layers[j - 1]!;
  const pool = layers[j];
  const conv = layers[head]!;
  if (pool?.op !== 'pool' || pool.inputs.length !== 1 || pool.inputs[0] !== last.name) return false;
  if (readers.get(last.name) !== 1 || conv.groups !== 1) return false;
  if (pool.outputWidth > pdpMaxFlyingWidth(p, pool)) return false;
  return planConvolution(conv, p, cbufWeightsOf(head)).allocation.mode !== 'row-split';
}

/**
 * The hardware layers of a trace, in order; every layer is in exactly one group. `cbufWeightsOf` gives a
 * convolution's weights as CBUF holds them (the weight source's, with compression); dense int8 when not given.
 */
export function fusedGroups(layers: readonly Layer[], p: NvdlaParams, cbufWeightsOf: CbufWeightsOf = denseCbufWeights(layers)): FusedGroup[] {
  const readers = readerCounts(layers);
  const indexOf = new Map(layers.map((l, i) => [l.name, i]));
  const groups: FusedGroup[] = [];
  for (let i = 0; i < layers.length; ) {
    const group: FusedGroup = { head: i };
    let next = i + 1;
    const op = layers[i]!.op;
    if (op === 'conv' || op === 'fc') {
      if (p.fuseEltwise && eltwiseFuses(layers, next, readers, indexOf)) group.eltwise = next++;
      if (p.fusePooling && poolFuses(layers, i, next, p, cbufWeightsOf, readers)) group.pool = next++;
    }
    groups.push(group);
    i = next;
  }
  return groups;
}

import type { Picoseconds } from '../../engine/time.js';
import type { Layer } from '../../workload/layer.js';
import type { LayerIo, MemoryInterface } from './memory-interface.js';

/**
 * Where the convolution pipeline's second operand comes from. Conv and fc read their kernels from the weight
 * store (LPDDR4 or eNVM behind the weight path). A matmul of two activations (attention's Q·Kᵀ and A·V) has no
 * stored weights: its B operand is a tensor another layer wrote to the feature memory, and CDMA's weight channel
 * streams it from there as the kernels of the product (N kernels of K channels per head, kernels [k0, k1) at
 * their offset in B's tensor). Assumption: B is laid out as the weight channel reads it (kernel-major, as the
 * producing layer can write it); nvdla/sw has no matmul layer (CanonicalAST.cpp newCanonicalNode lists none), so
 * this is the hardware's mapping under every software profile. The eNVM or weight DRAM is never touched.
 */
export function fetchWeightOperand(
  memif: MemoryInterface,
  io: LayerIo,
  l: Layer,
  layerIndex: number,
  k0: number,
  k1: number,
  t: Picoseconds,
): { done: Picoseconds; bytes: number } {
  if (l.op !== 'matmul') return memif.fetchWeights(io, layerIndex, k0, k1, t);
  const perKernel = l.inputChannels / l.groups; // K int8 values per column of B
  // Windowed attention: every window's B streams through the weight channel (assumption: the per-window reloads'
  // weight-load latency is not charged beyond the bytes).
  const bytes = (k1 - k0) * perKernel * (l.windows ?? 1);
  const operand = l.inputs[1];
  if (operand === undefined) throw new Error(`matmul ${l.name}: no B operand`);
  const done = memif.read(io, io.addressOf(operand) + k0 * perKernel, bytes, t, 'features');
  return { done, bytes };
}

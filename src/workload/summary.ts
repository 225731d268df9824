import type { Layer, LayerOp, Trace } from './layer.js';
import { LAYER_OPS, layerMacs, layerWeightCount } from './layer.js';

/** Whole-network totals of a trace. */
export interface TraceSummary {
  layers: number;
  /** Layers per operation. */
  opCounts: Record<LayerOp, number>;
  /** Multiply-accumulates per inference [MACs]. */
  macs: number;
  /** Conv and fc weights [count]. */
  weights: number;
  /** Non-zero conv and fc weights, per layer round(weights × density) summed [count]. */
  nonZeroWeights: number;
  /** nonZeroWeights / weights (dimensionless). */
  density: number;
}

/**
 * Non-zero weights of a layer. Densities come from two-decimal sparsity percentages, so weights × density is
 * rarely whole; rounding to the nearest weight is the count a real pruned layer of that density has.
 */
export function layerNonZeroWeights(l: Layer): number {
  return Math.round(layerWeightCount(l) * (l.weights?.density ?? 1));
}

export function summarizeTrace(trace: Trace): TraceSummary {
  const opCounts = Object.fromEntries(LAYER_OPS.map((op) => [op, 0])) as Record<LayerOp, number>;
  let macs = 0;
  let weights = 0;
  let nonZeroWeights = 0;
  for (const l of trace.layers) {
    opCounts[l.op] += 1;
    macs += layerMacs(l);
    weights += layerWeightCount(l);
    nonZeroWeights += layerNonZeroWeights(l);
  }
  return {
    layers: trace.layers.length,
    opCounts,
    macs,
    weights,
    nonZeroWeights,
    density: weights === 0 ? 1 : nonZeroWeights / weights,
  };
}

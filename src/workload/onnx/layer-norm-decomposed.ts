import type { NodeContext, Value } from './node-context.js';
import { pointwiseLayer } from './pointwise-layer.js';

/**
 * Layer normalization as exporters write it before opset 17 (torch's F.layer_norm at opsets 9–16):
 * μ = ReduceMean(x), d = x − μ, σ² = ReduceMean(d²), y = d / Sqrt(σ² + ε) · γ + β, the means over the channel axis
 * (the last of tokens, or of an image permuted channels-last). The first ReduceMean emits the host layer-norm layer
 * that LayerNormalization at opset 17 becomes (ops-elementwise.ts layerNormOp); the rest of the chain is that
 * layer's own arithmetic: the statistics are tagged with the producer they come from (Value.statisticOf), and a
 * Sub or Div of a statistic and its own source (element-wise.ts binary) is absorbed into the layer.
 */

/** ReduceMean over the channel axis: the mean (a new host layer) or, inside the chain, the variance. */
export function channelMean(ctx: NodeContext, x: Value, keep: boolean): void {
  const rank = x.dims.length;
  const reduced = keep ? x.dims.map((d, i) => (i === rank - 1 ? 1 : d)) : x.dims.slice(0, -1);
  if (x.inNorm === true) {
    ctx.output({ ...x, dims: reduced, statisticOf: x.producer ?? 'input' });
    ctx.absorb();
    return;
  }
  const s = rank === 4 ? ctx.recorded(x) : ctx.shapeOf(x, 0);
  const v = ctx.emit({ ...pointwiseLayer('host', [x.producer ?? 'input'], s, s.channels), hostOp: 'layernorm' }, x.dims);
  ctx.output({ ...v, dims: reduced, statisticOf: x.producer ?? 'input', inNorm: true });
}

/** x − μ or d / σ: the normalized value, produced by the layer-norm layer; undefined when a, b are not such a pair. */
export function normalizedStep(a: Value, b: Value): Value | undefined {
  const [stat, other] = a.statisticOf !== undefined ? [a, b] : [b, a];
  if (stat.statisticOf === undefined || other.statisticOf !== undefined) return undefined;
  if (other.producer !== stat.statisticOf && other.producer !== stat.producer) return undefined;
  const { statisticOf: _s, ...rest } = stat;
  return { ...rest, dims: other.dims, direct: false, inNorm: true };
}

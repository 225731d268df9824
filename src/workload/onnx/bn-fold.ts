import { attrFloat } from './attributes.js';
import type { NodeContext } from './node-context.js';
import { pointwiseLayer } from './pointwise-layer.js';
import { tensorData, type TensorData } from './tensor-data.js';

/**
 * BatchNormalization. Right after the Conv or Gemm whose only reader it is, it is folded into that layer, as
 * exporters and NVDLA's compiler fold it (the shipped traces likewise have no BN layers): the folded weight of
 * output channel c is w · γ_c / √(σ²_c + ε), so a channel with γ_c = 0 holds zero weights. The scale is recorded
 * with the layer's weight source and applied when its statistics are taken (weight-stats.ts), without a copy.
 *
 * Anywhere else (DenseNet's pre-activation BN after a Concat, a BN after a ReLU or on the input) it is an eltwise
 * "scale" layer: a per-channel scale and bias on SDP as a standalone operation, as nvdla/sw runs a batch
 * normalization it cannot merge into a convolution's SDP (src/hw/nvdla/SOFTWARE.md).
 */
export function batchNormOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const source = x.producer === undefined ? undefined : ctx.g.weights.get(x.producer);
  const foldable = source !== undefined && x.direct === true && (ctx.g.readers.get(ctx.inputName(0)) ?? 0) === 1;
  const [gamma, , , variance] = [1, 2, 3, 4].map((i) => {
    const t = ctx.constant(i, ['scale', 'bias', 'mean', 'var'][i - 1] ?? '?');
    if (t === undefined) ctx.fail(`has no input ${i}`, 'scale, B, input_mean and input_var as initializers', 'check the export');
    return tensorData(t, ctx.g.file);
  }) as TensorData[];
  if (gamma === undefined || variance === undefined) return;
  if (!foldable) {
    const s = ctx.shapeOf(x, 0);
    checkChannels(ctx, gamma, variance, s.channels, x.dims[1] === s.channels ? `the ${s.channels} channels of its input [${x.dims.join(', ')}]` : `${s.channels} channels`);
    ctx.emit({ ...pointwiseLayer('eltwise', [x.producer ?? 'input'], s, s.channels), eltwise: 'scale' }, x.dims);
    return;
  }
  const c = source.channels;
  checkChannels(ctx, gamma, variance, c, `${c} channels, the output channels of layer "${x.producer ?? '?'}"`);
  const eps = attrFloat(ctx.node, 'epsilon', 1e-5);
  const prior = source.fold?.scale;
  const scale = Float64Array.from({ length: c }, (_, i) => (gamma.at(i) / Math.sqrt(variance.at(i) + eps)) * (prior?.[i] ?? 1));
  source.fold = { scale, stride: source.stride };
  ctx.output({ ...x, direct: false });
  ctx.absorb();
}

function checkChannels(ctx: NodeContext, gamma: TensorData, variance: TensorData, c: number, what: string): void {
  if (gamma.count !== c || variance.count !== c) {
    ctx.fail(`normalizes ${gamma.count} channels`, what, 'the file is inconsistent; export it again');
  }
}

import { attrFloat } from './attributes.js';
import type { NodeContext } from './node-context.js';
import { tensorData } from './tensor-data.js';

/**
 * BatchNormalization folded into the Conv or Gemm before it, as exporters and NVDLA's compiler fold it (the
 * shipped traces likewise have no BN layers): the folded weight of output channel c is w · γ_c / √(σ²_c + ε),
 * so a channel with γ_c = 0 holds zero weights. The scale is recorded with the layer's weight source and applied
 * when its statistics are taken (weight-stats.ts), without a copy of the weights.
 */
export function batchNormOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const inputName = ctx.inputName(0);
  const source = x.producer === undefined ? undefined : ctx.g.weights.get(x.producer);
  if (source === undefined || x.direct !== true || (ctx.g.readers.get(inputName) ?? 0) !== 1) {
    const why = source === undefined ? `it reads ${x.producer === 'input' ? 'the graph input' : `layer "${x.producer ?? '?'}"`}, which has no weights` : x.direct !== true ? 'an operation stands between it and the layer' : 'the layer\'s output is also read elsewhere';
    ctx.fail(`cannot be folded: ${why}`, 'a BatchNormalization right after the Conv or Gemm (Linear) whose only reader it is', 'export the model in eval mode (model.eval()) so the exporter folds it, or move the normalization after a convolution');
  }
  const file = ctx.g.file;
  const [gamma, , , variance] = [1, 2, 3, 4].map((i) => {
    const t = ctx.constant(i, ['scale', 'bias', 'mean', 'var'][i - 1] ?? '?');
    if (t === undefined) ctx.fail(`has no input ${i}`, 'scale, B, input_mean and input_var as initializers', 'check the export');
    return tensorData(t, file);
  });
  if (gamma === undefined || variance === undefined) return;
  const c = source.channels;
  if (gamma.count !== c || variance.count !== c) {
    ctx.fail(`normalizes ${gamma.count} channels`, `${c} channels, the output channels of layer "${x.producer ?? '?'}"`, 'the file is inconsistent; export it again');
  }
  const eps = attrFloat(ctx.node, 'epsilon', 1e-5);
  const prior = source.fold?.scale;
  const scale = Float64Array.from({ length: c }, (_, i) => (gamma.at(i) / Math.sqrt(variance.at(i) + eps)) * (prior?.[i] ?? 1));
  source.fold = { scale, stride: source.stride };
  ctx.output({ ...x, direct: false });
  ctx.absorb();
}

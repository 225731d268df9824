import { attrInt } from './attributes.js';
import type { NodeContext, Value } from './node-context.js';
import { pointwiseLayer } from './pointwise-layer.js';
import { tensorDims } from './tensor-data.js';
import { sameShape, shapeText } from './tensor-shape.js';

/**
 * Element-wise operators. Activation functions (Relu, Clip, LeakyRelu, Sigmoid) run in the output stage of the
 * layer that produced their input (NVDLA's SDP: ReLU, clipping, PReLU and its LUT for sigmoid), so they are not
 * layers. Add and Mul of two activations are eltwise layers; with a constant operand they are a bias or a scale,
 * also applied in the producer's output stage. Softmax runs on the host. Concat joins channels.
 */

/** Relu, Clip (min/max: attributes before opset 11, inputs from it), LeakyRelu, Sigmoid. */
export function fusedActivationOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  if (ctx.node.opType === 'Clip' && ctx.opset >= 11) {
    // min and max are optional constant inputs; reading them checks they are constants.
    ctx.constant(1, 'min');
    ctx.constant(2, 'max');
  }
  ctx.output({ ...x, direct: false });
  ctx.absorb();
}

/** dims of a constant broadcast into `dims` (numpy rules) without growing it. */
function broadcastsInto(constant: readonly number[], dims: readonly number[]): boolean {
  if (constant.length > dims.length) return false;
  return constant.every((d, i) => d === 1 || d === dims[dims.length - constant.length + i]);
}

function binary(ctx: NodeContext, kind: 'add' | 'mul'): void {
  const a = ctx.optional(0);
  const b = ctx.optional(1);
  const constant = [a, b].find((v) => v?.constant !== undefined);
  const active = [a, b].filter((v): v is Value => v?.producer !== undefined);
  if (active.length === 0) ctx.fail('combines two constants', 'at least one activation operand', 'export with torch.onnx.export(..., do_constant_folding=True)');
  const x = active[0] as Value;
  if (constant?.constant !== undefined) {
    const cd = tensorDims(constant.constant);
    if (!broadcastsInto(cd, x.dims)) ctx.fail(`broadcasts a constant of dims [${cd.join(', ')}] over [${x.dims.join(', ')}]`, 'a constant no larger than the activation', 'check the input shape (--input-shape)');
    ctx.output({ ...x, direct: false });
    ctx.absorb();
    return;
  }
  const y = active[1] as Value;
  const xs = ctx.recorded(x);
  if (x.dims.join() !== y.dims.join() || !sameShape(xs, ctx.recorded(y))) {
    ctx.fail(`combines [${x.dims.join(', ')}] (${shapeText(xs)}) with [${y.dims.join(', ')}] (${shapeText(ctx.recorded(y))})`, 'two activations of one shape', 'broadcasting between activations is not supported');
  }
  ctx.emit({ ...pointwiseLayer('eltwise', [x.producer ?? 'input', y.producer ?? 'input'], xs, xs.channels), ...(kind === 'mul' ? { eltwise: 'mul' as const } : {}) }, x.dims);
}

export const addOp = (ctx: NodeContext): void => binary(ctx, 'add');
export const mulOp = (ctx: NodeContext): void => binary(ctx, 'mul');

/** Softmax on the host CPU (NVDLA has no exponential over a row); the axis does not change its cost. */
export function softmaxOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const s = ctx.recorded(x);
  ctx.emit({ ...pointwiseLayer('host', [x.producer ?? 'input'], s, s.channels), hostOp: 'softmax' }, x.dims);
}

/** Concat along channels (axis 1 of N×C×H×W, the last axis of rows × channels). */
export function concatOp(ctx: NodeContext): void {
  const parts = (ctx.node.input ?? []).map((_, i) => ctx.activation(i));
  const first = parts[0];
  if (first === undefined || parts.length < 2) ctx.fail(`has ${parts.length} input(s)`, 'two or more inputs', 'a one-input Concat is an Identity; export without it');
  const rank = first.dims.length;
  const raw = attrInt(ctx.node, 'axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  const channelAxis = rank === 4 ? 1 : rank - 1;
  if (axis !== channelAxis) ctx.fail(`joins along axis ${raw} of [${first.dims.join(', ')}]`, `axis ${channelAxis} (channels)`, 'only channel concatenation is supported (NVDLA writes the parts into one surface)');
  const shapes = parts.map((p, i) => ctx.shapeOf(p, i));
  const s0 = shapes[0] ?? { height: 1, width: 1, channels: 1 };
  shapes.forEach((s, i) => {
    if (s.height !== s0.height || s.width !== s0.width) ctx.fail(`input ${i} is ${shapeText(s)}, input 0 ${shapeText(s0)}`, 'inputs of one height and width', 'check the export');
  });
  const channels = shapes.reduce((sum, s) => sum + s.channels, 0);
  const dims = first.dims.map((d, i) => (i === axis ? parts.reduce((sum, p) => sum + (p.dims[i] ?? 0), 0) : d));
  ctx.emit(pointwiseLayer('concat', parts.map((p) => p.producer ?? 'input'), { ...s0, channels }, channels), dims);
}

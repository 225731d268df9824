import { attrInt } from './attributes.js';
import type { NodeContext, Value } from './node-context.js';
import { normalizedStep } from './layer-norm-decomposed.js';
import { hostCopyLayer, pointwiseLayer } from './pointwise-layer.js';
import { tensorDims } from './tensor-data.js';
import { sameShape, shapeText } from './tensor-shape.js';

/**
 * Element-wise operators. Activation functions (Relu, Clip, LeakyRelu, Sigmoid, HardSigmoid, HardSwish, Erf, Tanh) run
 * in the output stage of the layer that produced their input (NVDLA's SDP: ReLU, clipping, PReLU, and its lookup
 * table for the others), so they are not layers. Add, Sub, Mul and Div with a constant operand are a bias or a
 * scale, also in the producer's output stage; of two functions of one layer's output (SiLU's x·σ(x), GELU's
 * x·(1 + erf(x/√2))/2) they are one more function of that output: the same lookup table. Add and Mul of two
 * layers' outputs are eltwise layers, the second operand whole or one value per channel (squeeze-excite's
 * x · s, s of 1×1×C, broadcast over H×W by SDP's per-channel operand mode). Softmax runs on the host. Concat
 * joins channels.
 */

/** Relu, Clip (min/max: attributes before opset 11, inputs from it), LeakyRelu and the lookup-table functions (Sqrt, Pow). */
export function fusedActivationOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  if (ctx.node.opType === 'Clip' && ctx.opset >= 11) {
    // min and max are optional constant inputs; reading them checks they are constants.
    ctx.constant(1, 'min');
    ctx.constant(2, 'max');
  }
  // x^p with a constant p (a layer norm's square before opset 17): one more lookup-table function of x.
  if (ctx.node.opType === 'Pow') ctx.constant(1, 'exponent');
  ctx.output({ ...x, direct: false });
  ctx.absorb();
}

/** dims of a constant broadcast into `dims` (numpy rules) without growing it. */
function broadcastsInto(constant: readonly number[], dims: readonly number[]): boolean {
  if (constant.length > dims.length) return false;
  return constant.every((d, i) => d === 1 || d === dims[dims.length - constant.length + i]);
}

/** Two values that are functions of one layer's output, element by element (same producer, same layout). */
const sameSource = (x: Value, y: Value): boolean =>
  x.producer === y.producer && x.dims.join() === y.dims.join() && x.moved !== true && y.moved !== true && x.view === undefined && y.view === undefined;

/** N×C×1×1 with C the other operand's channels: one value per channel. */
const perChannel = (small: Value, full: Value): boolean =>
  small.dims.length === 4 && full.dims.length === 4 && small.dims[1] === full.dims[1] && small.dims[2] === 1 && small.dims[3] === 1;

function binary(ctx: NodeContext): void {
  const op = ctx.node.opType ?? '?';
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
  const step = op === 'Sub' || op === 'Div' ? normalizedStep(x, y) : undefined;
  if (step !== undefined) {
    ctx.output(step);
    ctx.absorb();
    return;
  }
  if (sameSource(x, y)) {
    ctx.output({ ...x, direct: false });
    ctx.absorb();
    return;
  }
  [0, 1].forEach((i) => ctx.activation(i));
  if (op === 'Sub' || op === 'Div') {
    ctx.fail(`${op === 'Sub' ? 'subtracts' : 'divides'} the outputs of two layers ("${x.producer ?? '?'}", "${y.producer ?? '?'}")`, `${op} with a constant operand, or of two functions of one layer's output (fused into its output stage)`, 'NVDLA\'s SDP adds and multiplies two tensors; rewrite the model with Add and Mul');
  }
  const [full, other] = perChannel(x, y) && !perChannel(y, x) ? [y, x] : [x, y];
  const fs = ctx.recorded(full);
  const os = ctx.recorded(other);
  const broadcast = perChannel(other, full) && other.dims.join() !== full.dims.join();
  if (!broadcast && (full.dims.join() !== other.dims.join() || !sameShape(fs, os))) {
    ctx.fail(`combines [${x.dims.join(', ')}] (${shapeText(ctx.recorded(x))}) with [${y.dims.join(', ')}] (${shapeText(ctx.recorded(y))})`, 'two activations of one shape, or N×C×H×W with N×C×1×1 (one value per channel)', 'other broadcasting between activations is not supported');
  }
  if (broadcast && (os.height !== 1 || os.width !== 1 || os.channels !== fs.channels)) ctx.layoutChange(other, full === x ? 1 : 0, { height: 1, width: 1, channels: fs.channels });
  const layer = pointwiseLayer('eltwise', [full.producer ?? 'input', other.producer ?? 'input'], fs, fs.channels);
  ctx.emit({ ...layer, ...(op === 'Mul' ? { eltwise: 'mul' as const } : {}) }, full.dims);
}

export const addOp = binary;
export const mulOp = binary;
export const subOp = binary;
export const divOp = binary;

/** Softmax on the host CPU (NVDLA has no exponential over a row); the axis does not change its cost. */
export function softmaxOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const s = ctx.recorded(x);
  ctx.emit({ ...pointwiseLayer('host', [x.producer ?? 'input'], s, s.channels), hostOp: 'softmax' }, x.dims);
}

/**
 * LayerNormalization (opset 17) over channels runs on the host, as softmax does; its scale and bias are the
 * host's. Channels are its last axis: of tokens (N×M×K or M×K), or of an image permuted channels-last (ConvNeXt's
 * norm, between two permutes). Over an image's width it is refused.
 */
export function layerNormOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const rank = x.dims.length;
  const axis = attrInt(ctx.node, 'axis', -1);
  const perPixel = rank === 4 && x.channelsLast === true;
  if ((rank > 3 && !perPixel) || (axis < 0 ? axis + rank : axis) !== rank - 1 || x.moved === true) {
    ctx.fail(`normalizes from axis ${axis} of [${x.dims.join(', ')}]${x.moved === true ? ' after a Transpose' : ''}`, 'the last axis (channels) of tokens (N×M×K or M×K) or of an image permuted channels-last (N×H×W×C)', 'permute the image channels-last first (Transpose perm [0, 2, 3, 1]), as ConvNeXt does');
  }
  const s = perPixel ? ctx.recorded(x) : ctx.shapeOf(x, 0);
  ctx.emit({ ...pointwiseLayer('host', [x.producer ?? 'input'], s, s.channels), hostOp: 'layernorm' }, x.dims);
}

/**
 * Concat along channels (axis 1 of N×C×H×W, the last axis of rows × channels). One input: an identity
 * (DenseNet's torch.cat of one tensor). Channel views of one tensor joined back whole, in order (GoogLeNet's and
 * Inception-v3's transform_input, channel by channel): that tensor, no layer.
 */
export function concatOp(ctx: NodeContext): void {
  if ((ctx.node.input ?? []).some((_, i) => ctx.optional(i)?.constant !== undefined)) return constantTokens(ctx);
  if ((ctx.node.input ?? []).some((_, i) => ctx.optional(i)?.spatial !== undefined)) return rearranged(ctx);
  const parts = (ctx.node.input ?? []).map((_, i) => ctx.activation(i));
  const first = parts[0];
  if (first === undefined) ctx.fail('has no inputs', 'one or more inputs', 'check the export');
  const whole = rejoined(parts);
  if (whole !== undefined || (parts.length === 1 && first.view === undefined)) {
    ctx.output({ ...(whole ?? first), direct: false });
    ctx.absorb();
    return;
  }
  parts.forEach((_, i) => ctx.activation(i));
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

/**
 * Constant tokens joined to the tokens of one layer (ViT's class token before the patch tokens, along axis 1 of
 * N×M×K): a host copy into a surface of the longer sequence, the constant rows written with it. NVDLA's compiler has
 * no such node; the constant tokens are model parameters, not counted as conv or fc weights.
 */
function constantTokens(ctx: NodeContext): void {
  const names = ctx.node.input ?? [];
  const active = names.map((_, i) => i).filter((i) => ctx.optional(i)?.constant === undefined);
  const rank = ctx.optional(0)?.dims.length ?? 0;
  const raw = attrInt(ctx.node, 'axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  if (active.length !== 1 || rank !== 3 || axis !== 1) {
    ctx.fail(`joins constants with ${active.length} activation(s) along axis ${raw} of rank ${rank}`, 'constant tokens joined to one layer\'s tokens along axis 1 of N×M×K (a class token)', 'other concatenations with constants are not supported; export the constant as a layer\'s output');
  }
  const x = ctx.activation(active[0] ?? 0);
  const s = ctx.recorded(x);
  const tokens = names.reduce((sum, _, i) => sum + (ctx.optional(i)?.dims[1] ?? 0), 0);
  if (x.moved === true || x.view !== undefined || s.channels !== (x.dims[2] ?? 0) || s.height * s.width !== (x.dims[1] ?? 0)) {
    ctx.layoutChange(x, active[0] ?? 0, { height: x.dims[1] ?? 1, width: 1, channels: x.dims[2] ?? 1 });
  }
  ctx.emit(hostCopyLayer(x.producer ?? 'input', s, { height: tokens, width: 1, channels: s.channels }), [x.dims[0] ?? 1, tokens, s.channels]);
}

/**
 * Rows or columns of one channels-last image joined again into as many elements (Swin's torch.roll: two halves
 * swapped along H or W; patch merging: the four every-other-pixel grids joined along channels, H/2 × W/2 × 4C):
 * a host copy of the image into its new arrangement.
 */
function rearranged(ctx: NodeContext): void {
  const parts = (ctx.node.input ?? []).map((_, i) => ctx.activation(i));
  const source = parts[0]?.spatial?.source;
  const rank = parts[0]?.dims.length ?? 0;
  const raw = attrInt(ctx.node, 'axis', 1);
  const axis = raw < 0 ? raw + rank : raw;
  const dims = (parts[0]?.dims ?? []).map((d, i) => (i === axis ? parts.reduce((sum, p) => sum + (p.dims[i] ?? 0), 0) : d));
  const count = (d: readonly number[]): number => d.reduce((a, b) => a * b, 1);
  if (source === undefined || parts.some((p) => p.spatial?.source !== source) || rank !== 4 || count(dims) !== count(source.dims)) {
    ctx.fail('joins rows or columns sliced from different tensors, or not all of one', 'slices of one channels-last image joined into as many elements (a cyclic shift, or patch merging)', 'other selections of rows or columns are copies NVDLA cannot express in a trace');
  }
  const s = ctx.recorded(source);
  ctx.emit(hostCopyLayer(source.producer ?? 'input', s, { height: dims[1] ?? 1, width: dims[2] ?? 1, channels: dims[3] ?? 1 }), dims);
}

/** The whole tensor, when `parts` are views of one producer's channels 0 … C−1 in order; else undefined. */
function rejoined(parts: readonly Value[]): Value | undefined {
  let next = 0;
  for (const p of parts) {
    if (p.view === undefined || p.view.offset !== next || p.producer !== parts[0]?.producer) return undefined;
    next += p.view.count;
  }
  const first = parts[0];
  if (first?.view === undefined || next !== first.view.of || first.shape === undefined) return undefined;
  const { view: _view, ...rest } = first;
  return { ...rest, dims: [1, first.view.of, first.shape.height, first.shape.width] };
}

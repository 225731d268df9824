import type { Layer, Pads } from '../layer.js';
import { attrInt, attrInts, attrString } from './attributes.js';
import { channelMean } from './layer-norm-decomposed.js';
import type { NodeContext, Value } from './node-context.js';
import { pointwiseLayer } from './pointwise-layer.js';
import { tensorInts } from './tensor-data.js';
import { windowOf, WindowError, type Window } from './window-shape.js';

/** Conv, MaxPool, AveragePool, GlobalAveragePool, LRN and Pad (onnx/docs/Operators.md) as trace layers. */

const NO_PADS: Pads = [0, 0, 0, 0];

/** Input 0 as an N×C×H×W activation with batch 1; `padded`: a Pad before it may become this node's padding. */
function image(ctx: NodeContext, padded: boolean): { x: Value; height: number; width: number; channels: number } {
  const x = ctx.activation(0, padded);
  if (x.dims.length !== 4) {
    ctx.fail(`input 0 has dims [${x.dims.join(', ')}]`, 'an N×C×H×W tensor (2-D image)', '1-D and 3-D convolutions and pools are not supported');
  }
  return { x, ...ctx.shapeOf(x, 0) };
}

function window(ctx: NodeContext, x: Value, input: [number, number], kernel: [number, number], pooling: boolean): Window {
  let w: Window;
  try {
    w = windowOf(ctx.node, input, kernel, x.pads ?? NO_PADS, pooling);
  } catch (e) {
    if (!(e instanceof WindowError)) throw e;
    return ctx.fail(e.message, e.expected, e.suggestion);
  }
  // The trace has one stride and one dilation for both axes (as NVDLA's conv and pooling registers mostly are).
  if (w.strides[0] !== w.strides[1]) ctx.fail(`strides are [${w.strides.join(', ')}]`, 'equal strides along height and width', 'only square strides are supported');
  if (w.dilations[0] !== w.dilations[1]) ctx.fail(`dilations are [${w.dilations.join(', ')}]`, 'equal dilations along height and width', 'only square dilations are supported');
  return w;
}

/** The trace fields of a windowed layer; `pads` only when the sides differ. */
function windowed(op: 'conv' | 'pool', x: Value, s: { height: number; width: number; channels: number }, outputChannels: number, groups: number, w: Window): Omit<Layer, 'name'> {
  const [top] = w.pads;
  const even = w.pads.every((p) => p === top);
  return {
    op,
    inputs: [x.producer ?? 'input'],
    inputHeight: s.height,
    inputWidth: s.width,
    inputChannels: s.channels,
    outputChannels,
    kernelHeight: w.kernel[0],
    kernelWidth: w.kernel[1],
    stride: w.strides[0],
    padding: top,
    groups,
    outputHeight: w.output[0],
    outputWidth: w.output[1],
    ...(w.dilations[0] !== 1 ? { dilation: w.dilations[0] } : {}),
    ...(even ? {} : { pads: [...w.pads] as Pads }),
  };
}

export function convOp(ctx: NodeContext): void {
  const { x, ...s } = image(ctx, true);
  const w = ctx.weights(1, 'weights');
  if (w.dims.length !== 4) ctx.fail(`weights "${w.name}" have dims [${w.dims.join(', ')}]`, 'weights M×C/group×kH×kW', 'only 2-D convolutions are supported');
  const [m = 0, perGroup = 0, kh = 0, kw = 0] = w.dims;
  const group = attrInt(ctx.node, 'group', 1);
  if (perGroup * group !== s.channels || m % group !== 0) {
    ctx.fail(`weights [${w.dims.join(', ')}] with group ${group} do not fit its ${s.channels} input channels`, `weights M×(C/group)×kH×kW with C = ${s.channels} and M divisible by group`, 'check the input shape (--input-shape)');
  }
  const kernel = attrInts(ctx.node, 'kernel_shape');
  if (kernel !== undefined && (kernel[0] !== kh || kernel[1] !== kw)) {
    ctx.fail(`kernel_shape [${kernel.join(', ')}] differs from its weights' ${kh}×${kw}`, 'kernel_shape equal to the weights\' last two dims', 'the file is inconsistent; export it again');
  }
  const win = window(ctx, x, [s.height, s.width], [kh, kw], false);
  ctx.emit(windowed('conv', x, s, m, group, win), [1, m, ...win.output], { data: w, channels: m, stride: perGroup * kh * kw });
}

function pool(ctx: NodeContext, kind: 'max' | 'avg'): void {
  const { x, ...s } = image(ctx, true);
  const kernel = attrInts(ctx.node, 'kernel_shape');
  if (kernel?.length !== 2) ctx.fail(`kernel_shape is [${(kernel ?? []).join(', ')}]`, 'two values (a 2-D window)', 'check the export');
  const indices = ctx.node.output?.[1] ?? '';
  if (indices !== '' && (ctx.g.readers.get(indices) ?? 0) > 0) {
    ctx.fail('its Indices output is read', 'MaxPool\'s Indices output unused', 'NVDLA\'s pooling gives no indices; MaxUnpool networks are not supported');
  }
  const win = window(ctx, x, [s.height, s.width], [kernel[0] ?? 1, kernel[1] ?? 1], true);
  if (win.dilations[0] !== 1) ctx.fail(`dilations are [${win.dilations.join(', ')}]`, 'undilated pooling', 'only convolutions are dilated in a trace');
  ctx.emit({ ...windowed('pool', x, s, s.channels, 1, win), pool: kind }, [1, s.channels, ...win.output]);
}

export const maxPoolOp = (ctx: NodeContext): void => pool(ctx, 'max');
export const averagePoolOp = (ctx: NodeContext): void => pool(ctx, 'avg');

/** A pooling whose window is the whole plane (a PDP operation, as any pooling). */
function globalPool(ctx: NodeContext, kind: 'max' | 'avg', dims?: (c: number) => number[]): void {
  const { x, ...s } = image(ctx, false);
  const whole: Window = { kernel: [s.height, s.width], strides: [1, 1], dilations: [1, 1], pads: [0, 0, 0, 0], output: [1, 1] };
  ctx.emit({ ...windowed('pool', x, s, s.channels, 1, whole), pool: kind }, dims?.(s.channels) ?? [1, s.channels, 1, 1]);
}

export const globalAveragePoolOp = (ctx: NodeContext): void => globalPool(ctx, 'avg');
export const globalMaxPoolOp = (ctx: NodeContext): void => globalPool(ctx, 'max');

/**
 * ReduceMean over height and width (axes [2, 3] of N×C×H×W) is a global average pooling; axes an attribute
 * before opset 18, input 1 from it. Other reductions (layer normalization's mean over channels) are refused.
 */
export function reduceMeanOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const rank = x.dims.length;
  const t = ctx.opset >= 18 ? ctx.constant(1, 'axes') : undefined;
  const axes = (t !== undefined ? tensorInts(t, ctx.g.file) : attrInts(ctx.node, 'axes') ?? []).map((a) => (a < 0 ? a + rank : a)).sort();
  const keep = attrInt(ctx.node, 'keepdims', 1) === 1;
  const channels = axes.length === 1 && axes[0] === rank - 1 && x.moved !== true && (rank <= 3 || x.channelsLast === true || x.inNorm === true);
  if (channels) return channelMean(ctx, x, keep);
  if (rank !== 4 || axes.join() !== '2,3') {
    ctx.fail(`averages axes [${axes.join(', ')}] of a rank-${rank} tensor`, 'axes [2, 3] (height and width) of N×C×H×W: a global average pooling; or the channel axis (the last) of tokens or of a channels-last image: a layer normalization', 'other means are not supported');
  }
  globalPool(ctx, 'avg', (c) => (keep ? [1, c, 1, 1] : [1, c]));
}

export function lrnOp(ctx: NodeContext): void {
  const { x, ...s } = image(ctx, false);
  const size = attrInt(ctx.node, 'size', 0);
  if (size < 1) ctx.fail('has no size attribute', 'size ≥ 1 (the channel window)', 'check the export');
  ctx.emit({ ...pointwiseLayer('lrn', [x.producer ?? 'input'], s, s.channels), lrnSize: size }, x.dims);
}

/**
 * Pad (constant mode, height and width only) is not a layer: its padding goes to the Conv or pooling reading it.
 * pads is an attribute before opset 11 and input 1 from it; input 3 (axes, opset 18) names the padded axes.
 */
export function padOp(ctx: NodeContext): void {
  const x = ctx.activation(0, true);
  const mode = attrString(ctx.node, 'mode', 'constant');
  if (mode !== 'constant') ctx.fail(`mode is "${mode}"`, 'mode "constant" (zero padding, as Conv and pooling pad)', 'export reflect or edge padding as part of the model\'s preprocessing');
  const fromInput = ctx.opset >= 11;
  const padsTensor = fromInput ? ctx.constant(1, 'pads') : undefined;
  const pads = fromInput ? (padsTensor === undefined ? undefined : tensorInts(padsTensor, ctx.g.file)) : attrInts(ctx.node, 'pads');
  if (pads === undefined) ctx.fail('has no pads', fromInput ? 'pads as input 1 (opset ≥ 11)' : 'a pads attribute (opset < 11)', 'check the export');
  const rank = x.dims.length;
  const axesTensor = ctx.opset >= 18 ? ctx.constant(3, 'axes') : undefined;
  const axes = (axesTensor === undefined ? x.dims.map((_, i) => i) : tensorInts(axesTensor, ctx.g.file)).map((a) => (a < 0 ? a + rank : a));
  const begin = new Array<number>(rank).fill(0);
  const end = new Array<number>(rank).fill(0);
  axes.forEach((a, j) => {
    begin[a] = pads[j] ?? 0;
    end[a] = pads[j + axes.length] ?? 0;
  });
  if ([...begin, ...end].every((p) => p === 0)) {
    // Padding of nothing (Swin pads its feature map up to whole windows, zero when they already fit): no change.
    ctx.output(x);
    ctx.absorb();
    return;
  }
  if (rank !== 4 || begin[0] !== 0 || end[0] !== 0 || begin[1] !== 0 || end[1] !== 0 || [...begin, ...end].some((p) => p < 0)) {
    ctx.fail(`pads [${pads.join(', ')}] on dims [${x.dims.join(', ')}]`, 'non-negative padding of height and width of an N×C×H×W tensor', 'only spatial zero padding before a Conv or pooling is supported');
  }
  const prior = x.pads ?? NO_PADS;
  const added: Pads = [begin[2] ?? 0, begin[3] ?? 0, end[2] ?? 0, end[3] ?? 0];
  ctx.output({ ...x, direct: false, pads: prior.map((p, i) => p + (added[i] ?? 0)) as Pads });
  ctx.absorb();
}

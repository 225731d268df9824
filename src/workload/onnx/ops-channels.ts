import { attrInt, attrInts } from './attributes.js';
import type { ChannelView, NodeContext, Value } from './node-context.js';
import { hostCopyLayer } from './pointwise-layer.js';
import { tensorInts } from './tensor-data.js';

/**
 * Operators that pick channels or add and remove axes of length 1: Gather, Slice and Split along the channels of
 * N×C×H×W are views of the producer's surface (channels [offset, offset + count), no copy; NVDLA's surfaces are
 * addressed by channel group), Squeeze and Unsqueeze only index differently. None is a layer. The layer that reads
 * a view records it as a slice of its input (node-context.ts emit); a Concat joining the views of one tensor back
 * whole is that tensor (ops-elementwise.ts).
 */

const normalize = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** True when `axis` is the outermost of several axes that factor x's channels (the 3 of q, k, v in a packed projection). */
const packedAxis = (x: Value, axis: number): boolean => (x.channelAxes?.length ?? 0) > 1 && x.channelAxes?.[0] === axis;

/** [from, to) of a Slice on an axis of length n, negative bounds from the end, clamped to the axis. */
function sliceRange(n: number, start: number | undefined, end: number | undefined): [number, number] {
  const clamp = (v: number): number => Math.min(n, Math.max(0, v < 0 ? v + n : v));
  return [clamp(start ?? 0), clamp(end ?? n)];
}

/** The channel axis of a value: 1 of N×C×H×W, the last of tokens (N×M×K, M×K) and of a channels-last image. */
const channelAxisOf = (x: Value): number => (x.dims.length === 4 && x.channelsLast !== true ? 1 : x.dims.length - 1);

/** The view of channels [offset, offset + count) of `x` (itself maybe a view). */
function viewOf(x: Value, offset: number, count: number): ChannelView {
  const base = x.view?.offset ?? 0;
  return { offset: base + offset, count, of: x.view?.of ?? x.dims[channelAxisOf(x)] ?? 0 };
}

/** Input 0, whose axis `axis` must be the channels (of an image or of tokens). */
function channelInput(ctx: NodeContext, axis: number, what: string): Value {
  const x = ctx.activation(0);
  const a = normalize(axis, x.dims.length);
  if (x.dims.length < 2 || a !== channelAxisOf(x)) {
    ctx.fail(`${what} along axis ${axis} of [${x.dims.join(', ')}]`, 'the channel axis: 1 of an N×C×H×W tensor, the last of tokens (N×M×K or M×K)', 'only channel selections are views NVDLA can read; spatial selections are not supported');
  }
  return x;
}

/**
 * One token of N×M×K picked out (ViT's class token, x[:, 0], before its head): a host copy of that row into a
 * surface of its own (src/hw/host/spec.ts), since a trace's views are channel ranges.
 */
function tokenGather(ctx: NodeContext, x: Value, indices: readonly number[], scalar: boolean): void {
  const m = x.dims[1] ?? 1;
  if (indices.length !== 1 || (indices[0] ?? 0) >= m || x.moved === true || x.view !== undefined) {
    ctx.fail(`gathers tokens [${indices.join(', ')}] of ${m}`, 'one token of an N×M×K tensor its producer wrote whole', 'pick one token (x[:, i]) or pool the tokens');
  }
  // The tokens may be an image's pixels (a patch embedding's H×W): the copy reads the surface as recorded.
  const s = ctx.recorded(x);
  if (s.height * s.width !== m || s.channels !== (x.dims[2] ?? 0)) ctx.layoutChange(x, 0, { height: m, width: 1, channels: x.dims[2] ?? 1 });
  ctx.emit(hostCopyLayer(x.producer ?? 'input', s, { height: 1, width: 1, channels: s.channels }), scalar ? [x.dims[0] ?? 1, s.channels] : [x.dims[0] ?? 1, 1, s.channels]);
}

/** Gather with constant indices: one index drops the axis (x[:, i]), consecutive indices keep it. */
export function gatherOp(ctx: NodeContext): void {
  const axis = attrInt(ctx.node, 'axis', 0);
  const t = ctx.constant(1, 'indices');
  if (t === undefined) return ctx.fail('has no indices', 'indices as input 1', 'check the export');
  const x0 = ctx.activation(0);
  const scalar = (t.dims ?? []).length === 0;
  if (packedAxis(x0, normalize(axis, x0.dims.length))) {
    const n = x0.dims[normalize(axis, x0.dims.length)] ?? 1;
    const picked = tensorInts(t, ctx.g.file).map((i) => normalize(i, n));
    if (!scalar || picked.length !== 1) ctx.fail(`gathers [${picked.join(', ')}] of a packed projection`, 'one index (q, k or v)', 'pick one part at a time');
    channelPart(ctx, x0, normalize(axis, x0.dims.length), picked[0] ?? 0, true);
    ctx.absorb();
    return;
  }
  if (x0.dims.length === 3 && normalize(axis, 3) === 1) {
    const m = x0.dims[1] ?? 1;
    return tokenGather(ctx, x0, tensorInts(t, ctx.g.file).map((i) => normalize(i, m)), scalar);
  }
  const x = channelInput(ctx, axis, 'gathers');
  const ca = channelAxisOf(x);
  const c = x.dims[ca] ?? 0;
  const indices = tensorInts(t, ctx.g.file).map((i) => normalize(i, c));
  const first = indices[0] ?? 0;
  if (indices.length === 0 || indices.some((i, k) => i !== first + k || i >= c)) {
    ctx.fail(`gathers channels [${indices.join(', ')}] of ${c}`, 'consecutive channel indices within the tensor', 'a reordering of channels is a copy; export a Slice instead');
  }
  const dims = scalar ? x.dims.filter((_, i) => i !== ca) : x.dims.map((d, i) => (i === ca ? indices.length : d));
  ctx.output({ ...x, dims, direct: false, view: viewOf(x, first, indices.length) });
  ctx.absorb();
}

/**
 * Part `index` of the outermost channel factor of `x` (q, k or v of [3, ..., heads, tokens, head size]): the channel
 * view [index·C/n, (index + 1)·C/n) of the projection's output. `drop`: the axis goes (Gather), else stays as 1 (Split).
 */
function channelPart(ctx: NodeContext, x: Value, axis: number, index: number, drop: boolean, k = 0): void {
  const n = x.dims[axis] ?? 1;
  const channels = ctx.recorded(x).channels;
  const count = channels / n;
  const dims = drop ? x.dims.filter((_, a) => a !== axis) : x.dims.map((d, a) => (a === axis ? 1 : d));
  const rest = (x.channelAxes ?? []).slice(1).map((a) => (drop && a > axis ? a - 1 : a));
  ctx.output({ ...x, dims, direct: false, view: viewOf(x, index * count, count), channelAxes: rest }, k);
}

/** Slice: starts, ends, axes, steps as inputs from opset 10, attributes before. Whole ranges are no selection. */
export function sliceOp(ctx: NodeContext): void {
  const x0 = ctx.activation(0);
  const rank = x0.dims.length;
  const list = (i: number, name: string): number[] | undefined => {
    if (ctx.opset < 10) return attrInts(ctx.node, name);
    const t = ctx.constant(i, name);
    return t === undefined ? undefined : tensorInts(t, ctx.g.file);
  };
  const starts = list(1, 'starts') ?? [];
  const ends = list(2, 'ends') ?? [];
  const axes = (list(3, 'axes') ?? starts.map((_, i) => i)).map((a) => normalize(a, rank));
  const steps = (ctx.opset < 10 ? undefined : list(4, 'steps')) ?? axes.map(() => 1);
  let x = x0;
  let dims = [...x0.dims];
  if (x0.channelsLast === true && axes.every((a) => a === 1 || a === 2)) return spatialSlice(ctx, x0, axes, starts, ends, steps);
  axes.forEach((axis, k) => {
    const n = dims[axis] ?? 1;
    const [from, to] = sliceRange(n, starts[k], ends[k]);
    if (from === 0 && to === n && (steps[k] ?? 1) === 1) return;
    if (steps[k] !== 1 || to <= from) ctx.fail(`slices axis ${axis} from ${starts[k] ?? 0} to ${ends[k] ?? n} by step ${steps[k] ?? 1}`, 'a contiguous, non-empty range (step 1)', 'strided selections are copies NVDLA cannot express in a trace');
    x = channelInput(ctx, axis, `slices [${from}, ${to})`);
    x = { ...x, view: viewOf(x, from, to - from) };
    dims = dims.map((d, i) => (i === axis ? to - from : d));
  });
  ctx.output({ ...x, dims, direct: false });
  ctx.absorb();
}

/**
 * A Slice of rows or columns of a channels-last image (Swin: the halves of torch.roll's cyclic shift, patch
 * merging's every-other pixel). Not a view a trace can read: only a Concat that rebuilds a copy from such slices
 * of one image takes it (ops-elementwise.ts, a host copy); any other reader refuses it (node-context.ts).
 */
function spatialSlice(ctx: NodeContext, x: Value, axes: readonly number[], starts: readonly number[], ends: readonly number[], steps: readonly number[]): void {
  const dims = [...x.dims];
  const picks = axes.map((axis, k) => {
    const n = dims[axis] ?? 1;
    const step = steps[k] ?? 1;
    const [from, to] = sliceRange(n, starts[k], ends[k]);
    if (step < 1 || to <= from) ctx.fail(`slices axis ${axis} from ${starts[k] ?? 0} to ${ends[k] ?? n} by step ${step}`, 'a non-empty range with a positive step', 'check the export');
    dims[axis] = Math.ceil((to - from) / step);
    return { axis, from, to, step };
  });
  if (picks.every((p) => p.from === 0 && p.to === (x.dims[p.axis] ?? 1) && p.step === 1)) {
    ctx.output({ ...x, direct: false });
    ctx.absorb();
    return;
  }
  const prior = x.spatial?.picks ?? [];
  ctx.output({ ...x, dims, direct: false, spatial: { source: x.spatial?.source ?? x, picks: [...prior, ...picks] } });
  ctx.absorb();
}

/** Split: sizes from input 1 (opset 13), the split attribute (before) or num_outputs / the output count (equal parts). */
export function splitOp(ctx: NodeContext): void {
  const axis = attrInt(ctx.node, 'axis', 0);
  const x0 = ctx.activation(0);
  const outputs0 = (ctx.node.output ?? []).length;
  if (packedAxis(x0, normalize(axis, x0.dims.length)) && x0.dims[normalize(axis, x0.dims.length)] === outputs0) {
    // unbind(0) of a packed projection: one part per output, each still holding the axis (a Squeeze follows).
    for (let k = 0; k < outputs0; k++) channelPart(ctx, x0, normalize(axis, x0.dims.length), k, false, k);
    ctx.absorb();
    return;
  }
  const x = channelInput(ctx, axis, 'splits');
  const ca = channelAxisOf(x);
  const c = x.dims[ca] ?? 0;
  const outputs = (ctx.node.output ?? []).length;
  const t = ctx.opset >= 13 ? ctx.constant(1, 'split') : undefined;
  const sizes = t !== undefined ? tensorInts(t, ctx.g.file) : attrInts(ctx.node, 'split') ?? equalParts(c, attrInt(ctx.node, 'num_outputs', outputs));
  if (sizes.length !== outputs || sizes.reduce((a, b) => a + b, 0) !== c) {
    ctx.fail(`splits ${c} channels into [${sizes.join(', ')}] for ${outputs} outputs`, 'one size per output, summing to the channels', 'the file is inconsistent; export it again');
  }
  let offset = 0;
  sizes.forEach((size, k) => {
    ctx.output({ ...x, dims: x.dims.map((d, i) => (i === ca ? size : d)), direct: false, view: viewOf(x, offset, size) }, k);
    offset += size;
  });
  ctx.absorb();
}

/** Equal parts, the last smaller when the count does not divide (opset 18 num_outputs). */
function equalParts(c: number, n: number): number[] {
  const size = Math.ceil(c / Math.max(1, n));
  return Array.from({ length: n }, (_, k) => Math.max(0, Math.min(size, c - k * size)));
}

/** Squeeze and Unsqueeze: axes an attribute before opset 13, input 1 from it; Squeeze without axes drops every 1. */
export function squeezeOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const t = ctx.opset >= 13 ? ctx.constant(1, 'axes') : undefined;
  const given = t !== undefined ? tensorInts(t, ctx.g.file) : attrInts(ctx.node, 'axes');
  let dims: number[];
  if (ctx.node.opType === 'Unsqueeze') {
    if (given === undefined) return ctx.fail('has no axes', 'axes (input 1 from opset 13, an attribute before)', 'check the export');
    const rank = x.dims.length + given.length;
    const at = new Set(given.map((a) => normalize(a, rank)));
    const rest = [...x.dims];
    dims = Array.from({ length: rank }, (_, i) => (at.has(i) ? 1 : (rest.shift() ?? 1)));
  } else {
    const at = new Set((given ?? x.dims.flatMap((d, i) => (d === 1 ? [i] : []))).map((a) => normalize(a, x.dims.length)));
    const wrong = [...at].find((a) => x.dims[a] !== 1);
    if (wrong !== undefined) ctx.fail(`squeezes axis ${wrong} of [${x.dims.join(', ')}]`, 'axes of length 1', 'check the export');
    dims = x.dims.filter((_, i) => !at.has(i));
    if (x.channelAxes !== undefined) {
      const kept = x.channelAxes.filter((a) => !at.has(a)).map((a) => a - [...at].filter((s) => s < a).length);
      ctx.output({ ...x, dims, direct: false, channelAxes: kept });
      ctx.absorb();
      return;
    }
  }
  ctx.output({ ...x, dims, direct: false, channelAxes: undefined });
  ctx.absorb();
}

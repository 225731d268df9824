import { attrInt, attrInts, attrTensor } from './attributes.js';
import type { NodeContext } from './node-context.js';
import { onnx, type TensorProto } from './proto.js';
import { tensorData, tensorDims } from './tensor-data.js';

/**
 * Constant folding of what an exporter leaves to be computed at run time although it depends on no data: the
 * shape arithmetic torch.onnx.export writes for `x.size()`, `expand(n, -1, -1)` or `view(b, c, -1)` (Shape, Gather,
 * Unsqueeze, Concat, ConstantOfShape, Equal, Where, Mod, ...), and Identity or Reshape of an initializer. A node
 * whose inputs are all constants (or, for Shape, whose input has known dims) is evaluated here into a constant and
 * is no layer; anything else goes to its operator's rule. Only operators listed in FOLDERS fold; an unlisted one
 * with constant inputs is refused by name as any unsupported operator is.
 */

/** A constant's elements, row-major, as numbers; `int` for integer and boolean types. */
interface Constant {
  dims: number[];
  values: ArrayLike<number>;
  int: boolean;
}

/** Folding copies elements: a tensor larger than this is left to the operator rules (weights are not shape data). */
const MAX_ELEMENTS = 1 << 22;

const INT_TYPES = new Set([2, 3, 5, 6, 7, 9, 12, 13]);
const count = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

function read(t: TensorProto, file: string): Constant {
  const d = tensorData(t.dataType === 9 ? { ...t, dataType: 2 } : t, file);
  return { dims: d.dims, values: Float64Array.from({ length: d.count }, (_, i) => d.at(i)), int: INT_TYPES.has(t.dataType ?? 1) };
}

function tensor(c: Constant): TensorProto {
  const values = Array.from(c.values);
  return c.int ? onnx.TensorProto.create({ dims: c.dims, dataType: 7, int64Data: values }) : onnx.TensorProto.create({ dims: c.dims, dataType: 1, floatData: values });
}

const axisOf = (axis: number, rank: number): number => (axis < 0 ? axis + rank : axis);

/** Strides of row-major dims. */
function strides(dims: readonly number[]): number[] {
  const s = dims.map(() => 1);
  for (let i = dims.length - 2; i >= 0; i--) s[i] = (s[i + 1] ?? 1) * (dims[i + 1] ?? 1);
  return s;
}

/** Element `flat` of `out` dims read from `c` under numpy broadcasting. */
function broadcastIndex(c: Constant, out: readonly number[], flat: number): number {
  const os = strides(out);
  const cs = strides(c.dims);
  const lead = out.length - c.dims.length;
  let index = 0;
  for (let a = 0; a < out.length; a++) {
    const coord = Math.floor(flat / (os[a] ?? 1)) % (out[a] ?? 1);
    const ca = a - lead;
    if (ca >= 0 && (c.dims[ca] ?? 1) !== 1) index += coord * (cs[ca] ?? 1);
  }
  return index;
}

function broadcastDims(shapes: readonly (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  return Array.from({ length: rank }, (_, a) => Math.max(...shapes.map((s) => s[a - rank + s.length] ?? 1)));
}

function elementwise(inputs: readonly Constant[], f: (...x: number[]) => number, int: boolean, to: readonly number[] = []): Constant {
  const dims = broadcastDims([to, ...inputs.map((c) => c.dims)]);
  const values = Float64Array.from({ length: count(dims) }, (_, i) => f(...inputs.map((c) => c.values[broadcastIndex(c, dims, i)] ?? 0)));
  return { dims, values, int };
}

const binary = (f: (a: number, b: number) => number, ints?: (a: number, b: number) => number) => (_ctx: NodeContext, [a, b]: Constant[]): Constant => {
  const x = a as Constant;
  const y = b as Constant;
  const int = x.int && y.int;
  return elementwise([x, y], (p, q) => (int && ints !== undefined ? ints(p, q) : f(p, q)), int);
};
const compare = (f: (a: number, b: number) => boolean) => (_ctx: NodeContext, [a, b]: Constant[]): Constant =>
  elementwise([a as Constant, b as Constant], (p, q) => (f(p, q) ? 1 : 0), true);
const unary = (f: (a: number) => number) => (_ctx: NodeContext, [a]: Constant[]): Constant => {
  const x = a as Constant;
  return elementwise([x], f, x.int);
};

/** Elements of `c` taken along `axis` at the given indices (Gather, Slice). */
function take(c: Constant, axis: number, indices: readonly number[]): Constant {
  const dims = c.dims.map((d, a) => (a === axis ? indices.length : d));
  const inner = count(c.dims.slice(axis + 1));
  const outer = count(c.dims.slice(0, axis));
  const n = c.dims[axis] ?? 1;
  const values = new Float64Array(count(dims));
  let k = 0;
  for (let o = 0; o < outer; o++) for (const i of indices) for (let j = 0; j < inner; j++) values[k++] = c.values[(o * n + i) * inner + j] ?? 0;
  return { dims, values, int: c.int };
}

function ints(c: Constant | undefined): number[] {
  return c === undefined ? [] : Array.from(c.values);
}

/** Axes of Squeeze/Unsqueeze: attribute before opset 13, input 1 from it. */
function axesOf(ctx: NodeContext, inputs: readonly (Constant | undefined)[]): number[] | undefined {
  return ctx.opset < 13 ? attrInts(ctx.node, 'axes') : inputs[1] === undefined ? undefined : ints(inputs[1]);
}

type Folder = (ctx: NodeContext, inputs: Constant[]) => Constant;

const FOLDERS: Readonly<Record<string, Folder>> = {
  Identity: (_ctx, [a]) => a as Constant,
  Cast: (ctx, [a]) => {
    const to = attrInt(ctx.node, 'to', 1);
    const int = INT_TYPES.has(to);
    const x = a as Constant;
    return { dims: x.dims, values: int ? Float64Array.from(x.values, Math.trunc) : x.values, int };
  },
  Add: binary((a, b) => a + b),
  Sub: binary((a, b) => a - b),
  Mul: binary((a, b) => a * b),
  Div: binary((a, b) => a / b, (a, b) => Math.trunc(a / b)),
  Mod: (ctx, inputs) => {
    const fmod = attrInt(ctx.node, 'fmod', 0) === 1;
    return binary((a, b) => (fmod ? a % b : a - b * Math.floor(a / b)))(ctx, inputs);
  },
  Pow: binary((a, b) => a ** b),
  Min: binary(Math.min),
  Max: binary(Math.max),
  Neg: unary((a) => -a),
  Abs: unary(Math.abs),
  Floor: unary(Math.floor),
  Ceil: unary(Math.ceil),
  Sqrt: unary(Math.sqrt),
  Not: unary((a) => (a === 0 ? 1 : 0)),
  Equal: compare((a, b) => a === b),
  Less: compare((a, b) => a < b),
  Greater: compare((a, b) => a > b),
  Where: (_ctx, [c, x, y]) => elementwise([c as Constant, x as Constant, y as Constant], (p, q, r) => (p !== 0 ? q : r), (x as Constant).int && (y as Constant).int),
  ConstantOfShape: (ctx, [shape]) => {
    const t = attrTensor(ctx.node, 'value');
    const v = t === undefined ? { dims: [1], values: [0], int: false } : read(t, ctx.g.file);
    const dims = ints(shape);
    return { dims, values: new Float64Array(count(dims)).fill(v.values[0] ?? 0), int: v.int };
  },
  Range: (_ctx, [start, limit, delta]) => {
    const [s = 0, l = 0, d = 1] = [start, limit, delta].map((c) => c?.values[0] ?? 0);
    const n = Math.max(Math.ceil((l - s) / d), 0);
    return { dims: [n], values: Float64Array.from({ length: n }, (_, i) => s + i * d), int: (start as Constant).int };
  },
  Expand: (_ctx, [a, shape]) => elementwise([a as Constant], (v) => v, (a as Constant).int, ints(shape)),
  Reshape: (ctx, [a, shape]) => {
    const x = a as Constant;
    const allowZero = attrInt(ctx.node, 'allowzero', 0) === 1;
    const want = ints(shape).map((s, i) => (s === 0 && !allowZero ? (x.dims[i] ?? 0) : s));
    const known = count(want.filter((s) => s !== -1));
    return { ...x, dims: want.map((s) => (s === -1 ? count(x.dims) / known : s)) };
  },
  Unsqueeze: (ctx, inputs) => {
    const x = inputs[0] as Constant;
    const rank = x.dims.length + (axesOf(ctx, inputs)?.length ?? 0);
    const axes = new Set((axesOf(ctx, inputs) ?? []).map((a) => axisOf(a, rank)));
    const dims: number[] = [];
    let k = 0;
    for (let a = 0; a < rank; a++) dims.push(axes.has(a) ? 1 : (x.dims[k++] ?? 1));
    return { ...x, dims };
  },
  Squeeze: (ctx, inputs) => {
    const x = inputs[0] as Constant;
    const given = axesOf(ctx, inputs);
    const axes = new Set(given === undefined ? x.dims.flatMap((d, a) => (d === 1 ? [a] : [])) : given.map((a) => axisOf(a, x.dims.length)));
    return { ...x, dims: x.dims.filter((_, a) => !axes.has(a)) };
  },
  Concat: (ctx, inputs) => {
    const first = inputs[0] as Constant;
    const axis = axisOf(attrInt(ctx.node, 'axis', 0), first.dims.length);
    const outer = count(first.dims.slice(0, axis));
    const values: number[] = [];
    for (let o = 0; o < outer; o++) {
      for (const c of inputs) {
        const block = count(c.dims.slice(axis));
        for (let j = 0; j < block; j++) values.push(c.values[o * block + j] ?? 0);
      }
    }
    const dims = first.dims.map((d, a) => (a === axis ? inputs.reduce((s, c) => s + (c.dims[a] ?? 0), 0) : d));
    return { dims, values, int: inputs.every((c) => c.int) };
  },
  Transpose: (ctx, [a]) => {
    const x = a as Constant;
    const rank = x.dims.length;
    const perm = attrInts(ctx.node, 'perm') ?? x.dims.map((_, i) => rank - 1 - i);
    const dims = perm.map((p) => x.dims[p] ?? 1);
    const from = strides(x.dims);
    const to = strides(dims);
    const values = new Float64Array(count(dims));
    for (let i = 0; i < values.length; i++) {
      let index = 0;
      perm.forEach((p, axis) => (index += (Math.floor(i / (to[axis] ?? 1)) % (dims[axis] ?? 1)) * (from[p] ?? 1)));
      values[i] = x.values[index] ?? 0;
    }
    return { dims, values, int: x.int };
  },
  ScatterND: (_ctx, [a, idx, upd]) => {
    // data with updates written at indices (reduction "none"): Swin's attention mask, built from shapes only.
    const data = a as Constant;
    const indices = idx as Constant;
    const updates = upd as Constant;
    const k = indices.dims[indices.dims.length - 1] ?? 0;
    const slice = count(data.dims.slice(k));
    const ds = strides(data.dims);
    const values = Float64Array.from(data.values);
    const entries = count(indices.dims.slice(0, -1));
    for (let e = 0; e < entries; e++) {
      let offset = 0;
      for (let j = 0; j < k; j++) offset += (indices.values[e * k + j] ?? 0) * (ds[j] ?? 1);
      for (let i = 0; i < slice; i++) values[offset + i] = updates.values[e * slice + i] ?? 0;
    }
    return { dims: data.dims, values, int: data.int };
  },
  Gather: (ctx, [a, idx]) => {
    const x = a as Constant;
    const axis = axisOf(attrInt(ctx.node, 'axis', 0), x.dims.length);
    const n = x.dims[axis] ?? 1;
    const i = idx as Constant;
    const picked = take(x, axis, ints(i).map((k) => (k < 0 ? k + n : k)));
    // Output dims: x's with the axis replaced by the indices' dims (a scalar index drops it).
    return { ...picked, dims: [...x.dims.slice(0, axis), ...i.dims, ...x.dims.slice(axis + 1)] };
  },
  Slice: (ctx, inputs) => {
    const x = inputs[0] as Constant;
    const rank = x.dims.length;
    const list = (i: number, name: string): number[] | undefined => (ctx.opset < 10 ? attrInts(ctx.node, name) : inputs[i] === undefined ? undefined : ints(inputs[i]));
    const starts = list(1, 'starts') ?? [];
    const ends = list(2, 'ends') ?? [];
    const axes = (list(3, 'axes') ?? starts.map((_, i) => i)).map((a) => axisOf(a, rank));
    const steps = list(4, 'steps') ?? starts.map(() => 1);
    let out = x;
    axes.forEach((axis, k) => {
      const n = out.dims[axis] ?? 1;
      const step = steps[k] ?? 1;
      const clamp = (v: number, lo: number, hi: number): number => Math.min(Math.max(v < 0 ? v + n : v, lo), hi);
      const s = clamp(starts[k] ?? 0, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
      const e = clamp(ends[k] ?? n, step > 0 ? 0 : -1, step > 0 ? n : n - 1);
      const picked: number[] = [];
      for (let i = s; step > 0 ? i < e : i > e; i += step) picked.push(i);
      out = take(out, axis, picked);
    });
    return out;
  },
};

/** Shape of an activation or a constant: its dims (opset 15's start/end select a range of them). */
function shapeOf(ctx: NodeContext): Constant | undefined {
  const v = ctx.optional(0);
  if (v === undefined) return undefined;
  const dims = v.constant !== undefined ? tensorDims(v.constant) : v.dims;
  const rank = dims.length;
  const start = axisOf(attrInt(ctx.node, 'start', 0), rank);
  const end = ctx.node.attribute?.some((a) => a.name === 'end') === true ? axisOf(attrInt(ctx.node, 'end', rank), rank) : rank;
  const picked = dims.slice(Math.max(start, 0), Math.min(end, rank));
  return { dims: [picked.length], values: picked, int: true };
}

/** Evaluate the node when it can be: true when its outputs are now constants. */
export function foldConstant(ctx: NodeContext): boolean {
  const op = ctx.node.opType ?? '';
  const first = ctx.optional(0);
  if (op === 'Identity' && first?.constant !== undefined) {
    // torch.onnx.export names one initializer shared by several layers through Identity nodes: no copy.
    ctx.output(first);
    ctx.absorb();
    return true;
  }
  let result: Constant | undefined;
  if (op === 'Shape' || op === 'Size') {
    const s = shapeOf(ctx);
    if (s === undefined) return false;
    result = op === 'Shape' ? s : { dims: [], values: [count(Array.from(s.values))], int: true };
  } else {
    const folder = FOLDERS[op];
    const names = ctx.node.input ?? [];
    if (folder === undefined || names.length === 0) return false;
    const values = names.map((_, i) => ctx.optional(i));
    if (values.some((v, i) => (names[i] ?? '') !== '' && v?.constant === undefined)) return false;
    if (values.some((v) => v?.constant !== undefined && count(tensorDims(v.constant)) > MAX_ELEMENTS)) return false;
    const inputs = values.map((v) => (v?.constant === undefined ? undefined : read(v.constant, ctx.g.file)));
    result = folder(ctx, inputs as Constant[]);
  }
  ctx.output({ dims: result.dims, constant: tensor(result) });
  ctx.absorb();
  return true;
}

/**
 * Shape rules of the shape-only operators (Flatten, Reshape, Transpose) on ONNX dims, and how ONNX dims map to the
 * trace's height × width × channels: N×C×H×W is H×W×C; N×M×K (tokens) and M×K are M rows of K channels (M×1×K).
 */

export interface Shape {
  height: number;
  width: number;
  channels: number;
}

export const elements = (dims: readonly number[]): number => dims.reduce((a, b) => a * b, 1);

/** The trace shape ONNX dims stand for; undefined for ranks the trace cannot hold (or a batch other than 1). */
export function traceShape(dims: readonly number[]): Shape | undefined {
  const [a, b, c, d] = dims;
  if (dims.length === 4) return a === 1 ? { height: c ?? 1, width: d ?? 1, channels: b ?? 1 } : undefined;
  if (dims.length === 3) return a === 1 ? { height: b ?? 1, width: 1, channels: c ?? 1 } : undefined;
  if (dims.length === 2) return { height: a ?? 1, width: 1, channels: b ?? 1 };
  if (dims.length === 1) return { height: 1, width: 1, channels: a ?? 1 };
  return undefined;
}

export const sameShape = (x: Shape, y: Shape): boolean => x.height === y.height && x.width === y.width && x.channels === y.channels;

export const shapeText = (s: Shape): string => `${s.height}×${s.width}×${s.channels}`;

/** Flatten: [prod(dims[:axis]), prod(dims[axis:])]; a negative axis counts from the end. */
export function flattenDims(dims: readonly number[], axis: number): number[] {
  const a = axis < 0 ? axis + dims.length : axis;
  return [elements(dims.slice(0, a)), elements(dims.slice(a))];
}

/**
 * Reshape: 0 copies the input's dim at that index (unless allowzero, opset 14), −1 takes what is left.
 * Returns a message when the shape cannot apply.
 */
export function reshapeDims(dims: readonly number[], shape: readonly number[], allowZero: boolean): number[] | string {
  const out = shape.map((s, i) => (s === 0 && !allowZero ? (dims[i] ?? 0) : s));
  const free = out.filter((s) => s === -1).length;
  if (free > 1) return `shape [${shape.join(', ')}] has more than one -1`;
  const known = elements(out.filter((s) => s !== -1));
  const total = elements(dims);
  if (free === 1) {
    if (known === 0 || total % known !== 0) return `shape [${shape.join(', ')}] cannot hold the ${total} elements of [${dims.join(', ')}]`;
    return out.map((s) => (s === -1 ? total / known : s));
  }
  if (known !== total) return `shape [${shape.join(', ')}] holds ${known} elements, the input [${dims.join(', ')}] ${total}`;
  return out;
}

/** Transpose: output dim i is input dim perm[i]; perm defaults to reversing the dims. */
export function transposeDims(dims: readonly number[], perm: readonly number[] | undefined): number[] | string {
  const p = perm ?? dims.map((_, i) => dims.length - 1 - i);
  const sorted = [...p].sort((a, b) => a - b);
  if (p.length !== dims.length || sorted.some((v, i) => v !== i)) return `perm [${p.join(', ')}] is not a permutation of the ${dims.length} axes`;
  return p.map((i) => dims[i] ?? 0);
}

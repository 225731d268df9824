import { attrFloat, attrInt, attrInts, attrTensor, hasAttr } from './attributes.js';
import type { NodeContext, Value } from './node-context.js';
import { onnx, type TensorProto } from './proto.js';
import { tensorInts } from './tensor-data.js';
import { pointwiseLayer } from './pointwise-layer.js';
import { elements, flattenDims, reshapeDims, sameShape, traceShape, transposeDims, type Shape } from './tensor-shape.js';

/**
 * Operators that change only how a tensor is indexed (Flatten, Reshape, Transpose), copy it (Identity, Dropout at
 * inference) or name a constant (Constant). None is a layer, except the Reshape that ends a data-moving Transpose
 * in an image shape (a channel shuffle), which is a host layer: the output stays the producer's output with new dims;
 * the layer reading it checks that its layout still matches (node-context.ts shapeOf, ops-matrix.ts).
 */

function reshaped(ctx: NodeContext, dims: number[] | string, moves = false, channelAxes?: number[]): void {
  const x = ctx.activation(0);
  if (typeof dims === 'string') ctx.fail(dims, 'a shape with the input\'s element count', 'check the input shape (--input-shape)');
  const { channelAxes: _old, ...rest } = x;
  ctx.output({ ...rest, dims, direct: false, ...(moves || x.moved === true ? { moved: true } : {}), ...(channelAxes !== undefined ? { channelAxes } : {}) });
  ctx.absorb();
}

/**
 * Where the channels of x go in `dims`: the axes that factor them, outermost first. Two reshapes are followed: the
 * last axis of tokens split into factors with the axes before it kept ([1, N, 3·C] → [1, N, 3, heads, C / heads]
 * gives [2, 3, 4]: a packed projection), and the channel axis kept whole, last or right after the batch, while the
 * other axes regroup (MaxViT's partitions of an image into windows and grids, and back). Undefined otherwise.
 */
function channelFactorAxes(x: Value, dims: readonly number[]): number[] | undefined {
  const r = x.dims.length;
  const natural = x.moved === true || x.view !== undefined ? undefined : [r === 4 && x.channelsLast !== true ? 1 : r - 1];
  const axes = x.channelAxes ?? natural;
  const a = axes?.length === 1 ? axes[0] : undefined;
  const c = a === undefined ? 0 : (x.dims[a] ?? 0);
  if (a === undefined || x.view !== undefined || x.shape === undefined || c !== x.shape.channels || r < 2) return undefined;
  if (a === r - 1 && x.moved !== true && dims.length > r && x.dims.slice(0, -1).every((d, i) => d === dims[i]) && elements(dims.slice(r - 1)) === c) {
    return Array.from({ length: dims.length - r + 1 }, (_, i) => r - 1 + i);
  }
  if (a === r - 1 && dims[dims.length - 1] === c) return [dims.length - 1];
  if (a === 1 && dims[1] === c && dims[0] === x.dims[0]) return [1];
  return undefined;
}

export const flattenOp = (ctx: NodeContext): void => reshaped(ctx, flattenDims(ctx.activation(0).dims, attrInt(ctx.node, 'axis', 1)));

/** Reshape's shape is input 1 (opset ≥ 5); allowzero from opset 14. */
export function reshapeOp(ctx: NodeContext): void {
  const shape = ctx.constant(1, 'shape');
  if (shape === undefined) ctx.fail('has no shape input', 'the target shape as input 1', 'check the export');
  const allowZero = attrInt(ctx.node, 'allowzero', 0) === 1;
  const x = ctx.activation(0);
  const dims = reshapeDims(x.dims, tensorInts(shape, ctx.g.file), allowZero);
  const back = typeof dims === 'string' ? undefined : traceShape(dims);
  const axes = typeof dims === 'string' ? undefined : channelFactorAxes(x, dims);
  const image = x.shape !== undefined && typeof dims !== 'string' && dims.length === 4 && x.view === undefined;
  if (image && x.moved === true && axes?.join() === '1' && back !== undefined && sameShape(back, x.shape as Shape)) {
    // Pixels regrouped with every pixel's channels kept together, then put back into the producer's N×C×H×W
    // (MaxViT's departition): the image as its producer wrote it. Assumption as for windows below.
    const { moved: _moved, channelAxes: _axes, channelsLast: _last, ...rest } = x;
    ctx.output({ ...rest, dims: dims as number[], direct: false });
    ctx.absorb();
    return;
  }
  if (image && axes?.join() === '3' && (dims as number[])[0] === 1 && ((dims as number[])[1] ?? 0) * ((dims as number[])[2] ?? 0) === (x.shape?.height ?? 0) * (x.shape?.width ?? 0)) {
    // Pixels regrouped into windows (or grids) of a channels-last N×G×P×C, every pixel's channels together, or
    // put back into N×H×W×C (Swin's and MaxViT's partitions and their reverse): per-pixel operations (layer norm,
    // Linear) read the producer's surface as it is, row order aside. Assumption: a genuine spatial transpose that
    // lands on the same dims is not told apart.
    const { moved: _moved, channelAxes: _axes, ...rest } = x;
    ctx.output({ ...rest, dims: dims as number[], direct: false, channelsLast: true });
    ctx.absorb();
    return;
  }
  if (x.moved === true && dims.length === 4 && back !== undefined && x.shape !== undefined && sameShape(back, x.shape)) {
    // A Transpose between two Reshapes that ends in the producer's own shape (ShuffleNet's channel shuffle) moves
    // data: NVDLA's RUBIK unit could, but it is not modelled, so the host copies it (src/hw/host/spec.ts).
    ctx.emit({ ...pointwiseLayer('host', [x.producer ?? 'input'], back, back.channels), hostOp: 'transpose' }, dims as number[]);
    return;
  }
  reshaped(ctx, dims, false, axes);
}

/**
 * A Transpose moves data unless the axes longer than 1 keep their order, or it is the permute to channels-last
 * [0, 2, 3, 1] of an N×C×H×W output (or back, [0, 3, 1, 2]): NVDLA's surfaces keep channels innermost already.
 */
export function transposeOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  const dims = x.dims;
  const perm = attrInts(ctx.node, 'perm') ?? dims.map((_, i) => dims.length - 1 - i);
  const toLast = perm.join() === '0,2,3,1' && x.channelsLast !== true && x.moved !== true && x.view === undefined;
  if (toLast || (perm.join() === '0,3,1,2' && x.channelsLast === true)) {
    const { channelsLast: _last, ...rest } = x;
    ctx.output({ ...rest, dims: perm.map((a) => dims[a] ?? 1), direct: false, ...(toLast ? { channelsLast: true } : {}) });
    ctx.absorb();
    return;
  }
  const last = dims.length - 1;
  if (x.channelsLast === true && dims.length === 4 && perm[last] === last && x.view === undefined) {
    // Rows of a channels-last image regrouped, each pixel's channels kept together (MaxViT's partition swap):
    // per-pixel operations read it as it is.
    ctx.output({ ...x, dims: perm.map((a) => dims[a] ?? 1), direct: false });
    ctx.absorb();
    return;
  }
  const s = x.shape;
  if (perm.join() === '0,2,1' && s !== undefined && x.moved !== true && x.view === undefined && dims[1] === s.channels && dims[2] === s.height * s.width) {
    // An image flattened to N×C×(H·W) and permuted to tokens N×(H·W)×C (ViT's patch embedding): NVDLA's surface
    // already keeps channels innermost, so the tokens are the image's pixels in order, no copy.
    ctx.output({ ...x, dims: [dims[0] ?? 1, dims[2] ?? 1, dims[1] ?? 1], direct: false });
    ctx.absorb();
    return;
  }
  const kept = perm.filter((axis) => (dims[axis] ?? 1) > 1);
  reshaped(ctx, transposeDims(dims, perm), kept.some((axis, i) => i > 0 && axis < (kept[i - 1] ?? 0)), x.channelAxes?.map((a) => perm.indexOf(a)));
}

/** Identity, and Dropout at inference (ratio: an attribute before opset 12, input 1 from it; no effect either way). */
export function identityOp(ctx: NodeContext): void {
  const x = ctx.activation(0);
  if (ctx.node.opType === 'Dropout' && ctx.opset >= 12) ctx.constant(1, 'ratio');
  const mask = ctx.node.output?.[1] ?? '';
  if (mask !== '' && (ctx.g.readers.get(mask) ?? 0) > 0) ctx.fail('its mask output is read', 'Dropout\'s mask unused (inference)', 'export the model in eval mode (model.eval())');
  ctx.output(x);
  ctx.absorb();
}

/** Constant: value (a tensor), or from opset 12 value_float(s) / value_int(s). */
export function constantOp(ctx: NodeContext): void {
  const t: TensorProto | undefined =
    attrTensor(ctx.node, 'value') ??
    (hasAttr(ctx.node, 'value_ints') ? onnx.TensorProto.create({ dims: [attrInts(ctx.node, 'value_ints')?.length ?? 0], dataType: 7, int64Data: attrInts(ctx.node, 'value_ints') })
    : hasAttr(ctx.node, 'value_int') ? onnx.TensorProto.create({ dims: [], dataType: 7, int64Data: [attrInt(ctx.node, 'value_int', 0)] })
    : hasAttr(ctx.node, 'value_float') ? onnx.TensorProto.create({ dims: [], dataType: 1, floatData: [attrFloat(ctx.node, 'value_float', 0)] })
    : undefined);
  if (t === undefined) ctx.fail('holds no value, value_int(s) or value_float', 'a tensor, integer or float value', 'sparse and string constants are not supported');
  ctx.output({ dims: (t.dims ?? []).map(Number), constant: t });
  ctx.absorb();
}

import { attrInt, attrString } from './attributes.js';
import type { NodeContext, Value } from './node-context.js';
import { pointwiseLayer } from './pointwise-layer.js';
import type { TensorData } from './tensor-data.js';
import { elements, shapeText } from './tensor-shape.js';

/**
 * Gemm and MatMul. With weights (an initializer operand) they are the trace's fc: over the whole input when it
 * has one row (a classifier after Flatten), or one dense layer per row (tokens). A MatMul of two activations
 * (attention's Q·Kᵀ and scores·V) is the trace's matmul, its batch dims the heads.
 */

const LAYOUT = 'Reshape, Flatten and Transpose only where they do not move data: before a Gemm/MatMul or between products of two activations';

/** A: M rows of K; the producer's recorded shape decides whole-input or per-row. */
function fcLayer(ctx: NodeContext, a: Value, rows: number, k: number, n: number, w: TensorData, stride: number, outDims: number[]): void {
  const ps = ctx.recorded(a);
  const producer = a.producer ?? 'input';
  const source = { data: w, channels: n, stride };
  if (ps.channels === k && ps.height * ps.width === rows) {
    ctx.emit({ ...pointwiseLayer('fc', [producer], ps, n) }, outDims, source);
    return;
  }
  if (rows === 1 && elements([ps.height, ps.width, ps.channels]) === k) {
    const whole = { ...pointwiseLayer('fc', [producer], ps, n), kernelHeight: ps.height, kernelWidth: ps.width, outputHeight: 1, outputWidth: 1 };
    ctx.emit(whole, outDims, source);
    return;
  }
  ctx.fail(`reads layer "${producer}"'s ${shapeText(ps)} output as ${rows} row(s) of ${k}`, LAYOUT, 'a layout change is a copy NVDLA cannot express in a trace; restructure the model around it');
}


export function gemmOp(ctx: NodeContext): void {
  const a = ctx.activation(0);
  if (attrInt(ctx.node, 'transA', 0) !== 0) ctx.fail('has transA = 1', 'transA = 0 (activations as rows)', 'export the linear layer as torch.nn.Linear does');
  if (a.dims.length !== 2) ctx.fail(`input A has dims [${a.dims.join(', ')}]`, 'A of rank 2 (M×K)', 'add a Flatten before the Gemm');
  const b = ctx.optional(1);
  if (b?.constant === undefined) ctx.fail('multiplies two activations', 'a Gemm whose B is an initializer (weights); MatMul for two activations', 'export the product as MatMul');
  const w = ctx.weights(1, 'weights B');
  const transB = attrInt(ctx.node, 'transB', 0) === 1;
  const [rows = 0, k = 0] = a.dims;
  const [b0 = 0, b1 = 0] = w.dims;
  const [wk, n] = transB ? [b1, b0] : [b0, b1];
  if (w.dims.length !== 2 || wk !== k) ctx.fail(`weights "${w.name}" [${w.dims.join(', ')}] (transB ${transB ? 1 : 0}) do not take ${k} inputs`, `B of ${transB ? 'N×K' : 'K×N'} with K = ${k}`, 'check the input shape (--input-shape)');
  fcLayer(ctx, a, rows, k, n, w, transB ? k : 1, [rows, n]);
}

export function matMulOp(ctx: NodeContext): void {
  const a = ctx.optional(0);
  const b = ctx.optional(1);
  if (a?.producer === undefined) ctx.fail('has a constant left operand', 'activations on the left (A) and weights, if any, on the right (B)', 'export x @ W rather than W @ x');
  const ad = a.dims.length === 1 ? [1, ...a.dims] : a.dims;
  const m = ad[ad.length - 2] ?? 1;
  const k = ad[ad.length - 1] ?? 1;
  if (b?.constant !== undefined) {
    const w = ctx.weights(1, 'weights B');
    const [wk = 0, n = 0] = w.dims;
    if (w.dims.length !== 2 || wk !== k) ctx.fail(`weights "${w.name}" [${w.dims.join(', ')}] do not take ${k} inputs`, `B of K×N with K = ${k}`, 'batched weights are not supported');
    // A Linear applies to every row its leading dims hold: tokens (M×K, 1×M×K, or M×1×K as torch's
    // MultiheadAttention orders them) or channels-last pixels (ConvNeXt's Linear over N×H×W×C: H·W rows).
    const rows = elements(ad.slice(0, -1));
    fcLayer(ctx, ctx.activation(0), rows, k, n, w, 1, [...ad.slice(0, -1), n]);
    return;
  }
  // A first: the layer's slices match its inputs to the values read in order (both may be views of one projection).
  const x = ctx.activation(0);
  const bv = ctx.activation(1);
  const bd = bv.dims;
  if (bd.length !== ad.length || bd[bd.length - 2] !== k || ad.slice(0, -2).some((d, i) => d !== bd[i])) {
    ctx.fail(`multiplies [${a.dims.join(', ')}] by [${bd.join(', ')}]`, 'operands […, M, K] and […, K, N] with the same leading (head) dims', 'broadcasting products are not supported');
  }
  activationProduct(ctx, x, bv, ad.slice(0, -2), m, k, bd[bd.length - 1] ?? 1);
}

/**
 * The product of two activations, batch dims `batch`, A of M×K per batch entry, N columns: a trace matmul. A's
 * channels are heads × K; the batch dims beyond the heads are windows of M rows each (Swin's window attention: 64
 * windows of 49 tokens of a 56×56 image), each window with its own B.
 */
function activationProduct(ctx: NodeContext, x: Value, bv: Value, batchDims: readonly number[], m: number, k: number, n: number): void {
  const batch = elements(batchDims);
  const ps = ctx.recorded(x);
  const heads = ps.channels / k;
  const windows = batch / heads;
  if (!Number.isInteger(heads) || !Number.isInteger(windows) || ps.height * ps.width !== windows * m) {
    ctx.fail(`reads layer "${x.producer ?? '?'}"'s ${shapeText(ps)} output as ${batch} product(s) of ${m}×${k}`, `${LAYOUT} (A as M rows, or windows of M rows, of heads·K channels)`, 'a layout change is a copy NVDLA cannot express in a trace');
  }
  const layer = { ...pointwiseLayer('matmul', [x.producer ?? 'input', bv.producer ?? 'input'], ps, heads * n), groups: heads };
  ctx.emit(windows > 1 ? { ...layer, windows } : layer, [...batchDims, m, n]);
}

/**
 * Einsum of two activations in the two forms attention takes (MaxViT writes them so): "…id,…jd→…ij" (A·Bᵀ, scores)
 * and "…ij,…jd→…id" (A·B, context), the same batch letters on both sides; anything else is refused.
 */
export function einsumOp(ctx: NodeContext): void {
  const equation = attrString(ctx.node, 'equation', '').replace(/\s+/g, '');
  const [lhs = '', out = ''] = equation.split('->');
  const [ea = '', eb = ''] = lhs.split(',');
  const x = ctx.activation(0);
  const bv = ctx.activation(1);
  const r = ea.length;
  const batch = ea.slice(0, -2);
  const ok = r >= 2 && eb.length === r && out.length === r && eb.startsWith(batch) && out.startsWith(batch) && x.dims.length === r && bv.dims.length === r;
  const [i, d] = [ea[r - 2], ea[r - 1]];
  const [bj, bd] = [eb[r - 2], eb[r - 1]];
  const scores = ok && bd === d && out.slice(-2) === `${i}${bj}`; // …id,…jd→…ij
  const context = ok && bj === d && out.slice(-2) === `${i}${bd}`; // …ij,…jd→…id
  if (!scores && !context) {
    ctx.fail(`computes "${equation}"`, 'an attention product: "…id,…jd->…ij" or "…ij,…jd->…id" over the same batch letters', 'export the product as MatMul');
  }
  const m = x.dims[r - 2] ?? 1;
  const k = x.dims[r - 1] ?? 1;
  const n = scores ? (bv.dims[r - 2] ?? 1) : (bv.dims[r - 1] ?? 1);
  activationProduct(ctx, x, bv, x.dims.slice(0, -2), m, k, n);
}

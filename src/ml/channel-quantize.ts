/**
 * Symmetric int8 quantization with one scale per output channel, as NVDLA runs int8 (nvdla/sw release
 * 1.2.0 notes: "INT8 precision support: per-tensor and per-kernel scale factors, symmetric scaling";
 * github.com/nvdla/sw/releases). For kernel k: scale_k = max|w_k| / 127, q = clamp(round(w / scale_k), −127, 127),
 * and the weight read back is q · scale_k. −128 is never used, so the range is symmetric; a kernel of
 * zeros gets scale 1 (any scale reads it back as zeros).
 *
 * Weights are in [K][W] order: K kernels (output channels) of W weights each.
 */

import { kMeans1d } from './kmeans.js';
import { applyMask, magnitudeMask } from './prune.js';

export const INT8_MAX = 127;

export interface ChannelQuantized {
  readonly kernels: number;
  /** One scale per kernel: real weight = scales[k] × q. */
  readonly scales: Float64Array;
  /** int8 values in [K][W] order. */
  readonly values: Int32Array;
}

export function quantizePerChannel(weights: Float32Array, kernels: number): ChannelQuantized {
  const size = weights.length / kernels;
  if (!Number.isInteger(size)) throw new Error(`${weights.length} weights do not split into ${kernels} kernels`);
  const scales = new Float64Array(kernels);
  const values = new Int32Array(weights.length);
  for (let k = 0; k < kernels; k++) {
    let maxAbs = 0;
    for (let i = k * size; i < (k + 1) * size; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i] as number));
    const scale = maxAbs > 0 ? maxAbs / INT8_MAX : 1;
    scales[k] = scale;
    for (let i = k * size; i < (k + 1) * size; i++) {
      values[i] = Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round((weights[i] as number) / scale)));
    }
  }
  return { kernels, scales, values };
}

/** Float weights read back from int8 values (e.g. decoded from faulty cells) with the kernels' scales. */
export function dequantizePerChannel(values: Int32Array, scales: Float64Array): Float32Array {
  const size = values.length / scales.length;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = (values[i] as number) * (scales[Math.floor(i / size)] as number);
  return out;
}

export interface StoredLayerOptions {
  /** Share of weights kept non-zero (magnitude pruning over the whole layer); undefined: no pruning. */
  readonly density?: number;
  /** Codebook size for the non-zero int8 values (k-means over the layer); undefined: no clustering. */
  readonly clusters?: number;
}

export interface StoredLayer extends ChannelQuantized {
  /** Distinct non-zero int8 values, ascending, when clustered. */
  readonly codebook?: Int32Array;
}

/**
 * Prune (magnitude, per layer), quantize per output channel, then cluster: the non-zero int8 values of the
 * layer are grouped by 1-D k-means and each becomes its centroid rounded to int8 (never to 0, so
 * clustering does not prune). The codebook is shared by the layer's kernels; each kernel keeps its scale.
 */
export function storedLayer(weights: Float32Array, kernels: number, options: StoredLayerOptions = {}): StoredLayer {
  const w = weights.slice();
  if (options.density !== undefined) applyMask(w, magnitudeMask(w, options.density));
  const q = quantizePerChannel(w, kernels);
  if (options.clusters === undefined) return q;
  const nonZero = Float32Array.from(q.values.filter((v) => v !== 0));
  const { centroids, assignment } = kMeans1d(nonZero, options.clusters);
  const codes = Int32Array.from(centroids, (c) => {
    const r = Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(c)));
    return r !== 0 ? r : c < 0 ? -1 : 1;
  });
  const values = new Int32Array(q.values.length);
  let next = 0;
  for (let i = 0; i < values.length; i++) if (q.values[i] !== 0) values[i] = codes[assignment[next++] as number] as number;
  return { ...q, values, codebook: Int32Array.from(new Set(codes)).sort() };
}

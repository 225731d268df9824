import type { LayerWeights } from '../layer.js';
import { clusterIndexBits } from '../clustering.js';
import type { TensorData } from './tensor-data.js';

/**
 * Storage properties of a layer's weights from its initializer: the density (fraction of non-zero weights) and,
 * when the non-zero weights take few distinct values (a clustered or palettized model), the cluster count.
 */

/**
 * Clusters are reported when the non-zero weights take at most this many distinct values. Assumption: codes of
 * at most 7 bits, fewer than the int8 values a trace otherwise stores; a denser codebook would not pay for itself.
 */
export const MAX_CLUSTERS = 128;

/** Bits per stored value of an unclustered layer: int8, as NVDLA and the shipped traces (assumption for float models). */
export const VALUE_BITS = 8;

/** Per-output-channel scale of a folded batch normalization (bn-fold.ts), and where element i's channel is. */
export interface ChannelScale {
  scale: Float64Array;
  /** Channel of element i: floor(i / stride) mod scale.length. */
  stride: number;
}

export interface WeightStats {
  count: number;
  nonZero: number;
  /** Distinct non-zero values, when at most MAX_CLUSTERS; undefined when more. */
  distinct?: number;
}

/**
 * Count non-zeros and distinct non-zero values (folded by `fold` when given), stopping the distinct count early.
 * Elements are visited as [outer][channel][stride] so that a channel's scale is looked up once per run.
 */
export function weightStats(t: TensorData, fold?: ChannelScale): WeightStats {
  const { count, at } = t;
  const scale = fold?.scale ?? Float64Array.of(1);
  const stride = fold?.stride ?? count;
  const channels = scale.length;
  const outer = Math.max(1, Math.round(count / (channels * stride)));
  const values = new Set<number>();
  let tracking = true;
  let nonZero = 0;
  let i = 0;
  for (let o = 0; o < outer; o++) {
    for (let c = 0; c < channels; c++) {
      const s = scale[c] ?? 1;
      for (let end = i + stride; i < end; i++) {
        const v = at(i);
        if (v === 0 || s === 0) continue;
        nonZero++;
        if (!tracking) continue;
        // The folded weight is stored as float32, as an exporter folding the BN would store it.
        values.add(s === 1 ? v : Math.fround(v * s));
        if (values.size > MAX_CLUSTERS) tracking = false;
      }
    }
  }
  return { count, nonZero, ...(tracking ? { distinct: values.size } : {}) };
}

/** The trace's weight properties from the statistics; undefined when every weight is zero (no density > 0). */
export function layerWeights(s: WeightStats): LayerWeights | undefined {
  if (s.nonZero === 0) return undefined;
  const density = s.nonZero / s.count;
  const d = s.distinct;
  if (d !== undefined && d >= 2) return { density, valueBits: clusterIndexBits(d), clusters: d };
  return { density, valueBits: VALUE_BITS };
}

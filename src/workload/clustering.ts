import type { Trace } from './layer.js';
import { hasWeights } from './layer.js';
import { UserError } from '../errors.js';

/**
 * Weight clustering (palettization): each weight is stored as an index into a
 * per-layer codebook of `clusters` values, so it needs ceil(log2(clusters)) bits.
 */
export const CLUSTERING_SOURCE =
  'apple/coremltools palettization guide: ResNet-50 with 16 clusters (4-bit) and fine-tuning keeps 76.6 % top-1, ' +
  '4 clusters (2-bit) 75.5 % (reference/README.md)';

/** Clusters with a published ResNet-50 accuracy (CLUSTERING_SOURCE). */
const PUBLISHED_CLUSTER_COUNTS: readonly number[] = [16, 4];

/** Bits per stored weight index for a codebook of `clusters` entries. */
export function clusterIndexBits(clusters: number): number {
  return Math.ceil(Math.log2(clusters));
}

/** A copy of `trace` with every conv and fc layer's weights clustered to `clusters` values. */
export function applyClustering(trace: Trace, clusters: number): Trace {
  if (!Number.isInteger(clusters) || clusters < 2 || clusters > 256) {
    throw new UserError(`invalid cluster count ${clusters}`, {
      expected: 'an integer from 2 to 256 (clustering int8 weights to at most 256 values)',
      suggestion: `use one of the published counts: ${PUBLISHED_CLUSTER_COUNTS.join(', ')}`,
    });
  }
  const valueBits = clusterIndexBits(clusters);
  const layers = trace.layers.map((l) =>
    hasWeights(l) && l.weights !== undefined ? { ...l, weights: { ...l.weights, valueBits, clusters } } : l,
  );
  return { ...trace, layers };
}

/**
 * One-dimensional k-means (Lloyd's algorithm) for weight clustering, as in
 * Deep Compression (Han et al., ICLR 2016): centroids start evenly spaced
 * between the smallest and largest value (their "linear initialization",
 * which keeps the rare large weights represented), so no random draw is needed.
 */

export interface Clustering {
  /** Centroids in increasing order. */
  readonly centroids: Float64Array;
  /** Index of each value's centroid. */
  readonly assignment: Uint8Array;
  readonly iterations: number;
}

export function kMeans1d(values: Float32Array, k: number, maxIterations = 100): Clustering {
  if (!Number.isInteger(k) || k < 1 || k > 256) throw new Error(`cluster count must be 1..256, got ${k}`);
  if (values.length === 0) return { centroids: new Float64Array(0), assignment: new Uint8Array(0), iterations: 0 };
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    lo = Math.min(lo, v);
    hi = Math.max(hi, v);
  }
  const centroids = Float64Array.from({ length: k }, (_, j) => (k === 1 ? (lo + hi) / 2 : lo + ((hi - lo) * j) / (k - 1)));
  const assignment = new Uint8Array(values.length);
  const sums = new Float64Array(k);
  const counts = new Float64Array(k);
  let iterations = 0;
  for (let changed = true; changed && iterations < maxIterations; iterations++) {
    changed = false;
    for (let i = 0; i < values.length; i++) {
      const j = nearestCentroid(centroids, values[i] as number);
      if (j !== assignment[i] || iterations === 0) changed = true;
      assignment[i] = j;
    }
    sums.fill(0);
    counts.fill(0);
    for (let i = 0; i < values.length; i++) {
      const j = assignment[i] as number;
      sums[j] = (sums[j] as number) + (values[i] as number);
      counts[j] = (counts[j] as number) + 1;
    }
    // An empty cluster keeps its centroid; means of sorted-value intervals stay sorted.
    for (let j = 0; j < k; j++) if ((counts[j] as number) > 0) centroids[j] = (sums[j] as number) / (counts[j] as number);
  }
  return { centroids, assignment, iterations };
}

/** Index of the centroid nearest to v (centroids sorted; ties go to the lower one). */
export function nearestCentroid(centroids: Float64Array, v: number): number {
  let lo = 0;
  let hi = centroids.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    // v belongs above mid when it is past the midpoint between centroids mid and mid + 1.
    if (v > ((centroids[mid] as number) + (centroids[mid + 1] as number)) / 2) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

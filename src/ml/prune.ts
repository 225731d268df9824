/**
 * Magnitude pruning: keep the largest-magnitude weights of a layer so that a
 * target share (density) of them stays non-zero, zero the rest.
 */

/** Keep mask (1 = kept) of the round(density · N) largest |w|; ties broken by lower index, so the mask is deterministic. */
export function magnitudeMask(weights: Float32Array, density: number): Uint8Array {
  if (!(density > 0 && density <= 1)) throw new Error(`density must be in (0, 1], got ${density}`);
  const keep = Math.round(density * weights.length);
  const order = Int32Array.from({ length: weights.length }, (_, i) => i);
  order.sort((a, b) => Math.abs(weights[b] as number) - Math.abs(weights[a] as number) || a - b);
  const mask = new Uint8Array(weights.length);
  for (let r = 0; r < keep; r++) mask[order[r] as number] = 1;
  return mask;
}

/** Zero the weights the mask drops, in place. */
export function applyMask(weights: Float32Array, mask: Uint8Array): void {
  for (let i = 0; i < weights.length; i++) if (mask[i] === 0) weights[i] = 0;
}

/** Share of non-zero entries. */
export function density(weights: ArrayLike<number>): number {
  let nz = 0;
  for (let i = 0; i < weights.length; i++) if (weights[i] !== 0) nz++;
  return weights.length === 0 ? 0 : nz / weights.length;
}

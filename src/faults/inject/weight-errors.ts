/**
 * How far decoded weights are from the originals. Both sides are compared as
 * int8 weight values (what the MAC array multiplies): unclustered values as
 * they are, cluster codes looked up in the layer's (decoded) codebook.
 *
 * Errors are in LSB, steps of the int8 quantization (for the MNIST model,
 * × the layer's weightScale gives the real weight).
 */

/** Weight errors of one layer or of a whole network in one trial. */
export interface WeightErrorStats {
  weights: number;
  /** Weights whose int8 value differs from the original. */
  changed: number;
  /** Non-zero decoded weights that took a value field stored for another position (misplacement.ts). */
  misplaced: number;
  /** Pruned (zero) weights that decoded non-zero. */
  zeroToNonZero: number;
  /** Non-zero weights that decoded as zero. */
  nonZeroToZero: number;
  maxAbsError_lsb: number;
  meanAbsError_lsb: number;
}

/**
 * int8 value of every decoded weight. Unclustered: the value itself. Clustered:
 * code 0 is a pruned weight and reads as 0 without a lookup (the storage
 * format reserves it, weight-tensor.ts; assumption: the decoder hard-wires it,
 * as NVDLA inserts zeros for mask bits of 0); other codes read the codebook,
 * and a code past the codebook's end (a corrupted code when the codebook
 * does not fill all 2^b codes) reads 0 (assumption: unused lookup-table
 * entries are zero).
 */
export function int8Weights(values: Int32Array, codebook: Int32Array | undefined, out = new Int32Array(values.length)): Int32Array {
  if (codebook === undefined) {
    out.set(values);
    return out;
  }
  const n = codebook.length;
  for (let i = 0; i < values.length; i++) {
    const code = values[i] as number;
    out[i] = code > 0 && code < n ? (codebook[code] as number) : 0;
  }
  return out;
}

/** Compare decoded int8 weights with the originals; `misplaced` is counted separately (misplacement.ts). */
export function compareWeights(original: Int32Array, decoded: Int32Array, misplaced = 0): WeightErrorStats {
  if (original.length !== decoded.length) throw new Error(`${decoded.length} decoded weights for ${original.length} originals`);
  let changed = 0;
  let zeroToNonZero = 0;
  let nonZeroToZero = 0;
  let maxAbs = 0;
  let sumAbs = 0;
  for (let i = 0; i < original.length; i++) {
    const a = original[i] as number;
    const b = decoded[i] as number;
    if (a === b) continue;
    changed++;
    if (a === 0) zeroToNonZero++;
    else if (b === 0) nonZeroToZero++;
    const d = Math.abs(a - b);
    sumAbs += d;
    if (d > maxAbs) maxAbs = d;
  }
  const weights = original.length;
  return { weights, changed, misplaced, zeroToNonZero, nonZeroToZero, maxAbsError_lsb: maxAbs, meanAbsError_lsb: weights > 0 ? sumAbs / weights : 0 };
}

/** Error-free statistics of `weights` weights. */
export function noErrors(weights: number): WeightErrorStats {
  return { weights, changed: 0, misplaced: 0, zeroToNonZero: 0, nonZeroToZero: 0, maxAbsError_lsb: 0, meanAbsError_lsb: 0 };
}

/** Several layers as one: counts add, the largest error is the largest, the mean is weighted by weights. */
export function combineStats(parts: readonly WeightErrorStats[]): WeightErrorStats {
  const out = noErrors(0);
  let sumAbs = 0;
  for (const p of parts) {
    out.weights += p.weights;
    out.changed += p.changed;
    out.misplaced += p.misplaced;
    out.zeroToNonZero += p.zeroToNonZero;
    out.nonZeroToZero += p.nonZeroToZero;
    out.maxAbsError_lsb = Math.max(out.maxAbsError_lsb, p.maxAbsError_lsb);
    sumAbs += p.meanAbsError_lsb * p.weights;
  }
  out.meanAbsError_lsb = out.weights > 0 ? sumAbs / out.weights : 0;
  return out;
}

/** Over Monte Carlo trials: the mean of every count and of the mean error; the largest error of any trial. */
export function averageOverTrials(trials: readonly WeightErrorStats[]): WeightErrorStats {
  if (trials.length === 0) throw new Error('no trials to average');
  const n = trials.length;
  const mean = (f: (s: WeightErrorStats) => number): number => trials.reduce((a, s) => a + f(s), 0) / n;
  return {
    weights: (trials[0] as WeightErrorStats).weights,
    changed: mean((s) => s.changed),
    misplaced: mean((s) => s.misplaced),
    zeroToNonZero: mean((s) => s.zeroToNonZero),
    nonZeroToZero: mean((s) => s.nonZeroToZero),
    maxAbsError_lsb: Math.max(...trials.map((s) => s.maxAbsError_lsb)),
    meanAbsError_lsb: mean((s) => s.meanAbsError_lsb),
  };
}

/**
 * A small fully connected classifier in floating point: dense layers with
 * ReLU between them and softmax at the end. Weights are stored [K][C]
 * (output-major), the storage module's layer layout [K][C/groups][R][S] with
 * R = S = 1 and one group, so a fully connected layer maps onto it directly.
 */

import { randomStream } from '../engine/random.js';

export interface DenseLayer {
  /** K: output neurons. */
  readonly outputs: number;
  /** C: inputs. */
  readonly inputs: number;
  /** K × C weights, [K][C]. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface Mlp {
  readonly layers: readonly DenseLayer[];
}

/** sizes = [inputs, hidden…, outputs]; He-normal weights (std √(2/C)), zero biases, from a seeded stream. */
export function initMlp(sizes: readonly number[], seed: number): Mlp {
  const layers: DenseLayer[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const inputs = sizes[l] as number;
    const outputs = sizes[l + 1] as number;
    const rng = randomStream(seed, `ml/mlp/init/${l}`);
    const std = Math.sqrt(2 / inputs);
    const weights = Float32Array.from({ length: outputs * inputs }, () => rng.normal() * std);
    layers.push({ outputs, inputs, weights, bias: new Float32Array(outputs) });
  }
  return { layers };
}

/** Indices of the non-zero entries of x (MNIST images are ~80 % zeros, so layer 1 only visits these). */
function nonZeroIndices(x: Float32Array, out: Int32Array): number {
  let n = 0;
  for (let c = 0; c < x.length; c++) if (x[c] !== 0) out[n++] = c;
  return n;
}

/**
 * Pre-activations of every layer for one input: z[l][k] = b[k] + Σ_c W[k][c]·a[c],
 * where a is the input for layer 0 and ReLU(z[l−1]) after. `z` holds one buffer per layer.
 * Leaves the input's non-zero indices in `nz` and returns how many there are.
 */
export function forward(mlp: Mlp, x: Float32Array, z: readonly Float64Array[], nz: Int32Array): number {
  const nzCount = nonZeroIndices(x, nz);
  mlp.layers.forEach((layer, l) => {
    const out = z[l] as Float64Array;
    const { outputs: K, inputs: C, weights: W, bias } = layer;
    if (l === 0) {
      for (let k = 0; k < K; k++) {
        let sum = bias[k] as number;
        const row = k * C;
        for (let i = 0; i < nzCount; i++) {
          const c = nz[i] as number;
          sum += (W[row + c] as number) * (x[c] as number);
        }
        out[k] = sum;
      }
    } else {
      const prev = z[l - 1] as Float64Array;
      for (let k = 0; k < K; k++) {
        let sum = bias[k] as number;
        const row = k * C;
        for (let c = 0; c < C; c++) {
          const a = prev[c] as number;
          if (a > 0) sum += (W[row + c] as number) * a;
        }
        out[k] = sum;
      }
    }
  });
  return nzCount;
}

/** Softmax of the logits into `p`, shifted by the maximum so exp never overflows. */
export function softmax(logits: Float64Array, p: Float64Array): void {
  let max = -Infinity;
  for (let k = 0; k < logits.length; k++) max = Math.max(max, logits[k] as number);
  let sum = 0;
  for (let k = 0; k < logits.length; k++) {
    const e = Math.exp((logits[k] as number) - max);
    p[k] = e;
    sum += e;
  }
  for (let k = 0; k < p.length; k++) p[k] = (p[k] as number) / sum;
}

export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let k = 1; k < v.length; k++) if ((v[k] as number) > (v[best] as number)) best = k;
  return best;
}

/** Buffers for `forward`: one per layer. */
export function activationBuffers(mlp: Mlp): Float64Array[] {
  return mlp.layers.map((l) => new Float64Array(l.outputs));
}

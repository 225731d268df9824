/**
 * Deterministic mini-batch SGD with momentum and softmax cross-entropy.
 * Every random choice (the order of samples in each epoch) comes from a
 * seeded stream, and the arithmetic is sequential, so the same seed gives the
 * same weights bit for bit on the same Node version.
 */

import { randomStream } from '../engine/random.js';
import { IMAGE_SIDE, IMAGE_SIZE, seededPermutation, type Dataset } from './mnist-data.js';
import { activationBuffers, forward, softmax, type Mlp } from './mlp.js';

export interface TrainOptions {
  readonly epochs: number;
  readonly batchSize: number;
  /** Learning rate of the first epoch; it falls linearly to `finalLearningRateShare` of that by the last. */
  readonly learningRate: number;
  readonly finalLearningRateShare: number;
  readonly momentum: number;
  /** L2 weight decay coefficient. */
  readonly weightDecay: number;
  readonly seed: number;
  /** Augmentation: each sample is shifted by up to this many pixels in x and y, drawn afresh every epoch. */
  readonly maxShift_pixels: number;
  /** Per layer: 1 keeps a weight trainable, 0 pins it at 0 (pruned). Undefined: all trainable. */
  readonly masks?: readonly (Uint8Array | undefined)[];
}

/** Train in place. Returns the mean training loss of each epoch (nats per sample). */
export function trainMlp(mlp: Mlp, data: Dataset, options: TrainOptions): number[] {
  const layers = mlp.layers;
  const grads = layers.map((l) => ({ w: new Float64Array(l.weights.length), b: new Float64Array(l.outputs) }));
  const velocity = layers.map((l) => ({ w: new Float32Array(l.weights.length), b: new Float32Array(l.outputs) }));
  const z = activationBuffers(mlp);
  const deltas = activationBuffers(mlp);
  const p = new Float64Array((layers[layers.length - 1] as { outputs: number }).outputs);
  const nz = new Int32Array(IMAGE_SIZE);
  const shifted = new Float32Array(IMAGE_SIZE);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const share = options.epochs > 1 ? epoch / (options.epochs - 1) : 0;
    const lr = options.learningRate * (1 - share * (1 - options.finalLearningRateShare));
    const order = seededPermutation(data.count, options.seed, `ml/train/epoch/${epoch}`);
    const shifts = randomStream(options.seed, `ml/train/shift/${epoch}`);
    const span = 2 * options.maxShift_pixels + 1;
    let loss = 0;
    for (let start = 0; start < data.count; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, data.count);
      for (const g of grads) {
        g.w.fill(0);
        g.b.fill(0);
      }
      for (let i = start; i < end; i++) {
        const sample = order[i] as number;
        const x = augmentedImage(data, sample, shifts.int(span) - options.maxShift_pixels, shifts.int(span) - options.maxShift_pixels, shifted);
        const nzCount = forward(mlp, x, z, nz);
        softmax(z[z.length - 1] as Float64Array, p);
        const label = data.labels[sample] as number;
        loss -= Math.log(Math.max(p[label] as number, 1e-300));
        backward(mlp, x, z, deltas, p, label, grads, nz, nzCount);
      }
      applyUpdate(mlp, grads, velocity, lr, end - start, options);
    }
    losses.push(loss / data.count);
  }
  return losses;
}

/** Training image `sample`, moved by (dx, dy) pixels (augmentation; `shifted` holds the moved copy). */
export function augmentedImage(data: Dataset, sample: number, dx: number, dy: number, shifted: Float32Array): Float32Array {
  const image = data.images.subarray(sample * IMAGE_SIZE, (sample + 1) * IMAGE_SIZE);
  return dx === 0 && dy === 0 ? image : shiftImage(image, dx, dy, shifted);
}

/** The image moved by (dx, dy) pixels, zeros shifted in at the edges. */
export function shiftImage(image: Float32Array, dx: number, dy: number, out: Float32Array): Float32Array {
  out.fill(0);
  for (let y = Math.max(0, dy); y < Math.min(IMAGE_SIDE, IMAGE_SIDE + dy); y++) {
    for (let x = Math.max(0, dx); x < Math.min(IMAGE_SIDE, IMAGE_SIDE + dx); x++) {
      out[y * IMAGE_SIDE + x] = image[(y - dy) * IMAGE_SIDE + (x - dx)] as number;
    }
  }
  return out;
}

/** Accumulate one sample's gradients; `nz[0..nzCount)` are the input's non-zero indices from `forward`. */
function backward(
  mlp: Mlp,
  x: Float32Array,
  z: readonly Float64Array[],
  deltas: readonly Float64Array[],
  p: Float64Array,
  label: number,
  grads: readonly { w: Float64Array; b: Float64Array }[],
  nz: Int32Array,
  nzCount: number,
): void {
  const last = mlp.layers.length - 1;
  const top = deltas[last] as Float64Array;
  for (let k = 0; k < top.length; k++) top[k] = (p[k] as number) - (k === label ? 1 : 0);
  for (let l = last; l >= 0; l--) {
    const { outputs: K, inputs: C, weights: W } = mlp.layers[l] as Mlp['layers'][number];
    const delta = deltas[l] as Float64Array;
    const g = grads[l] as { w: Float64Array; b: Float64Array };
    const below = l > 0 ? (deltas[l - 1] as Float64Array) : undefined;
    if (below !== undefined) below.fill(0);
    const input = l > 0 ? (z[l - 1] as Float64Array) : undefined;
    for (let k = 0; k < K; k++) {
      const d = delta[k] as number;
      if (d === 0) continue;
      g.b[k] = (g.b[k] as number) + d;
      const row = k * C;
      if (input === undefined) {
        for (let i = 0; i < nzCount; i++) {
          const c = nz[i] as number;
          g.w[row + c] = (g.w[row + c] as number) + d * (x[c] as number);
        }
      } else {
        for (let c = 0; c < C; c++) {
          const a = input[c] as number;
          if (a <= 0) continue; // ReLU: no activation, no gradient through it
          g.w[row + c] = (g.w[row + c] as number) + d * a;
          (below as Float64Array)[c] = ((below as Float64Array)[c] as number) + d * (W[row + c] as number);
        }
      }
    }
  }
}

function applyUpdate(
  mlp: Mlp,
  grads: readonly { w: Float64Array; b: Float64Array }[],
  velocity: readonly { w: Float32Array; b: Float32Array }[],
  lr: number,
  batch: number,
  options: TrainOptions,
): void {
  mlp.layers.forEach((layer, l) => {
    const g = grads[l] as { w: Float64Array; b: Float64Array };
    const v = velocity[l] as { w: Float32Array; b: Float32Array };
    const mask = options.masks?.[l];
    const W = layer.weights;
    for (let i = 0; i < W.length; i++) {
      if (mask !== undefined && mask[i] === 0) {
        W[i] = 0;
        continue;
      }
      const w = W[i] as number;
      const step = options.momentum * (v.w[i] as number) - lr * ((g.w[i] as number) / batch + options.weightDecay * w);
      v.w[i] = step;
      W[i] = w + step;
    }
    for (let k = 0; k < layer.outputs; k++) {
      const step = options.momentum * (v.b[k] as number) - lr * ((g.b[k] as number) / batch);
      v.b[k] = step;
      layer.bias[k] = (layer.bias[k] as number) + step;
    }
  });
}

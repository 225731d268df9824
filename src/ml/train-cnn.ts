/**
 * Training of the LeNet-5-class CNN (cnn.ts): mini-batch SGD with momentum, weight decay, a learning rate
 * falling linearly over the epochs, softmax cross-entropy and 1-pixel shift augmentation, as train.ts does
 * for the MLP. Every random choice comes from seeded streams and the arithmetic is sequential, so the same
 * recipe gives the same weights bit for bit on the same Node version.
 */

import { randomStream } from '../engine/random.js';
import { activationBuffers, forwardCnn, SIDES, type Activations, type Cnn, type ConvLayer, type FcLayer } from './cnn.js';
import { IMAGE_SIDE, IMAGE_SIZE, seededPermutation, type Dataset } from './mnist-data.js';
import { softmax } from './mlp.js';
import { augmentedImage, type TrainOptions } from './train.js';

interface Param {
  readonly w: Float32Array;
  readonly g: Float64Array;
  readonly v: Float32Array;
  /** Weight decay applies to weights, not biases. */
  readonly decay: boolean;
}

interface Grads {
  readonly conv: { w: Float64Array; b: Float64Array }[];
  readonly fc: { w: Float64Array; b: Float64Array }[];
}

function params(net: Cnn): { params: Param[]; grads: Grads } {
  const layers: (ConvLayer | FcLayer)[] = [...net.conv, ...net.fc];
  const list: Param[] = [];
  const pairs = layers.map((l) => {
    const w = { w: l.weights, g: new Float64Array(l.weights.length), v: new Float32Array(l.weights.length), decay: true };
    const b = { w: l.bias, g: new Float64Array(l.bias.length), v: new Float32Array(l.bias.length), decay: false };
    list.push(w, b);
    return { w: w.g, b: b.g };
  });
  return { params: list, grads: { conv: pairs.slice(0, 2), fc: pairs.slice(2) } };
}

/** fc backward: gradients of the weights and bias, and (when `below` is given) of the input, masked by ReLU. */
function fcBackward(l: FcLayer, input: Float64Array, delta: Float64Array, g: { w: Float64Array; b: Float64Array }, below?: Float64Array): void {
  below?.fill(0);
  for (let o = 0; o < l.outputs; o++) {
    const d = delta[o] as number;
    if (d === 0) continue;
    g.b[o] = (g.b[o] as number) + d;
    const row = o * l.inputs;
    for (let c = 0; c < l.inputs; c++) {
      g.w[row + c] = (g.w[row + c] as number) + d * (input[c] as number);
      if (below !== undefined) below[c] = (below[c] as number) + d * (l.weights[row + c] as number);
    }
  }
  if (below !== undefined) for (let c = 0; c < below.length; c++) if ((input[c] as number) <= 0) below[c] = 0;
}

/** conv backward from the gradient at its (post-ReLU) output; the input gradient only when `below` is given. */
function convBackward(l: ConvLayer, input: ArrayLike<number>, side: number, delta: Float64Array, g: { w: Float64Array; b: Float64Array }, below?: Float64Array): void {
  const k = l.kernel;
  const os = side + 2 * l.pad - k + 1;
  below?.fill(0);
  for (let o = 0; o < l.outputs; o++) {
    for (let y = 0; y < os; y++) {
      for (let x = 0; x < os; x++) {
        const d = delta[(o * os + y) * os + x] as number;
        if (d === 0) continue;
        g.b[o] = (g.b[o] as number) + d;
        for (let c = 0; c < l.inputs; c++) {
          const wBase = (o * l.inputs + c) * k * k;
          const iBase = c * side * side;
          for (let r = 0; r < k; r++) {
            const iy = y + r - l.pad;
            if (iy < 0 || iy >= side) continue;
            for (let s = 0; s < k; s++) {
              const ix = x + s - l.pad;
              if (ix < 0 || ix >= side) continue;
              const i = iBase + iy * side + ix;
              g.w[wBase + r * k + s] = (g.w[wBase + r * k + s] as number) + d * (input[i] as number);
              if (below !== undefined) below[i] = (below[i] as number) + d * (l.weights[wBase + r * k + s] as number);
            }
          }
        }
      }
    }
  }
}

/** Route pooled gradients to where each maximum came from, and through the ReLU before the pool. */
function poolBackward(delta: Float64Array, from: Int32Array, relu: Float64Array, out: Float64Array): void {
  out.fill(0);
  for (let i = 0; i < delta.length; i++) {
    const j = from[i] as number;
    if ((relu[j] as number) > 0) out[j] = (out[j] as number) + (delta[i] as number);
  }
}

interface Scratch {
  readonly a: Activations;
  readonly p: Float64Array;
  readonly d: { f3: Float64Array; f2: Float64Array; f1: Float64Array; p2: Float64Array; c2: Float64Array; p1: Float64Array; c1: Float64Array };
}

function sampleGradients(net: Cnn, x: Float32Array, label: number, grads: Grads, s: Scratch): number {
  const a = s.a;
  softmax(forwardCnn(net, x, a), s.p);
  const d = s.d;
  for (let k = 0; k < 10; k++) d.f3[k] = (s.p[k] as number) - (k === label ? 1 : 0);
  fcBackward(net.fc[2], a.f[1], d.f3, grads.fc[2] as Grads['fc'][number], d.f2);
  fcBackward(net.fc[1], a.f[0], d.f2, grads.fc[1] as Grads['fc'][number], d.f1);
  fcBackward(net.fc[0], a.p2, d.f1, grads.fc[0] as Grads['fc'][number], d.p2);
  poolBackward(d.p2, a.p2From, a.c2, d.c2);
  convBackward(net.conv[1], a.p1, SIDES.pool1, d.c2, grads.conv[1] as Grads['conv'][number], d.p1);
  poolBackward(d.p1, a.p1From, a.c1, d.c1);
  convBackward(net.conv[0], x, IMAGE_SIDE, d.c1, grads.conv[0] as Grads['conv'][number]);
  return -Math.log(Math.max(s.p[label] as number, 1e-300));
}

/** Train in place; returns the mean training loss of each epoch (nats per sample). */
export function trainCnn(net: Cnn, data: Dataset, options: Omit<TrainOptions, 'masks'>, onEpoch?: (epoch: number, loss: number) => void): number[] {
  const { params: list, grads } = params(net);
  const a = activationBuffers();
  const s: Scratch = {
    a,
    p: new Float64Array(10),
    d: { f3: new Float64Array(10), f2: new Float64Array(84), f1: new Float64Array(120), p2: new Float64Array(400), c2: new Float64Array(a.c2.length), p1: new Float64Array(a.p1.length), c1: new Float64Array(a.c1.length) },
  };
  const shifted = new Float32Array(IMAGE_SIZE);
  const losses: number[] = [];
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    const share = options.epochs > 1 ? epoch / (options.epochs - 1) : 0;
    const lr = options.learningRate * (1 - share * (1 - options.finalLearningRateShare));
    const order = seededPermutation(data.count, options.seed, `ml/train-cnn/epoch/${epoch}`);
    const shifts = randomStream(options.seed, `ml/train-cnn/shift/${epoch}`);
    const span = 2 * options.maxShift_pixels + 1;
    let loss = 0;
    for (let start = 0; start < data.count; start += options.batchSize) {
      const end = Math.min(start + options.batchSize, data.count);
      for (const p of list) p.g.fill(0);
      for (let i = start; i < end; i++) {
        const sample = order[i] as number;
        const x = augmentedImage(data, sample, shifts.int(span) - options.maxShift_pixels, shifts.int(span) - options.maxShift_pixels, shifted);
        loss += sampleGradients(net, x, data.labels[sample] as number, grads, s);
      }
      const batch = end - start;
      for (const p of list) {
        for (let i = 0; i < p.w.length; i++) {
          const w = p.w[i] as number;
          const step = options.momentum * (p.v[i] as number) - lr * ((p.g[i] as number) / batch + (p.decay ? options.weightDecay * w : 0));
          p.v[i] = step;
          p.w[i] = w + step;
        }
      }
    }
    losses.push(loss / data.count);
    onEpoch?.(epoch, loss / data.count);
  }
  return losses;
}

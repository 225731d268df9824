/**
 * A LeNet-5-class convolutional network for 28×28 digits, in floating point, with its forward and backward
 * passes (LeCun et al., Proc. IEEE 1998, with ReLU and max pooling as usual today):
 * conv1 6@5×5 (pad 2) → ReLU → max pool 2 → conv2 16@5×5 → ReLU → max pool 2 → fc 400→120 → ReLU → fc 120→84
 * → ReLU → fc 84→10. Tensors are channel-major ([C][H][W]); conv weights [K][C][R][S], fc weights [K][C]: the
 * storage layout, and ONNX's.
 */

import { randomStream } from '../engine/random.js';
import { IMAGE_SIDE } from './mnist-data.js';

export interface ConvLayer {
  readonly name: string;
  readonly outputs: number;
  readonly inputs: number;
  readonly kernel: number;
  readonly pad: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface FcLayer {
  readonly name: string;
  readonly outputs: number;
  readonly inputs: number;
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

export interface Cnn {
  readonly conv: readonly [ConvLayer, ConvLayer];
  readonly fc: readonly [FcLayer, FcLayer, FcLayer];
}

/** Side of each feature map: 28 → conv1 28 → pool 14 → conv2 10 → pool 5. */
export const SIDES = { conv1: 28, pool1: 14, conv2: 10, pool2: 5 } as const;

/** He-uniform initialization (He et al., ICCV 2015) from a seeded stream; biases 0. */
function init(n: number, fanIn: number, seed: number, path: string): Float32Array {
  const r = randomStream(seed, path);
  const bound = Math.sqrt(6 / fanIn);
  return Float32Array.from({ length: n }, () => (2 * r.next() - 1) * bound);
}

export function initCnn(seed: number): Cnn {
  const conv = (name: string, outputs: number, inputs: number, pad: number): ConvLayer => ({
    name, outputs, inputs, kernel: 5, pad, weights: init(outputs * inputs * 25, inputs * 25, seed, `ml/cnn/${name}`), bias: new Float32Array(outputs),
  });
  const fc = (name: string, outputs: number, inputs: number): FcLayer => ({
    name, outputs, inputs, weights: init(outputs * inputs, inputs, seed, `ml/cnn/${name}`), bias: new Float32Array(outputs),
  });
  return { conv: [conv('conv1', 6, 1, 2), conv('conv2', 16, 6, 0)], fc: [fc('fc1', 120, 400), fc('fc2', 84, 120), fc('fc3', 10, 84)] };
}

/** The activations of one forward pass, kept for the backward pass. */
export interface Activations {
  readonly c1: Float64Array; // 6×28×28 after ReLU
  readonly p1: Float64Array; // 6×14×14
  readonly p1From: Int32Array; // index into c1 each pooled value came from
  readonly c2: Float64Array; // 16×10×10 after ReLU
  readonly p2: Float64Array; // 16×5×5 = fc1's input
  readonly p2From: Int32Array;
  readonly f: readonly [Float64Array, Float64Array, Float64Array]; // fc outputs (ReLU on the first two)
}

export function activationBuffers(): Activations {
  return {
    c1: new Float64Array(6 * 28 * 28), p1: new Float64Array(6 * 14 * 14), p1From: new Int32Array(6 * 14 * 14),
    c2: new Float64Array(16 * 10 * 10), p2: new Float64Array(400), p2From: new Int32Array(400),
    f: [new Float64Array(120), new Float64Array(84), new Float64Array(10)],
  };
}

/** out = ReLU(conv(input)) for an input of side `side` (square), zero padding `pad`. */
function convRelu(l: ConvLayer, input: ArrayLike<number>, side: number, out: Float64Array): void {
  const k = l.kernel;
  const os = side + 2 * l.pad - k + 1;
  for (let o = 0; o < l.outputs; o++) {
    for (let y = 0; y < os; y++) {
      for (let x = 0; x < os; x++) {
        let sum = l.bias[o] as number;
        for (let c = 0; c < l.inputs; c++) {
          const wBase = (o * l.inputs + c) * k * k;
          const iBase = c * side * side;
          for (let r = 0; r < k; r++) {
            const iy = y + r - l.pad;
            if (iy < 0 || iy >= side) continue;
            for (let s = 0; s < k; s++) {
              const ix = x + s - l.pad;
              if (ix < 0 || ix >= side) continue;
              sum += (l.weights[wBase + r * k + s] as number) * (input[iBase + iy * side + ix] as number);
            }
          }
        }
        out[(o * os + y) * os + x] = sum > 0 ? sum : 0;
      }
    }
  }
}

/** 2×2 max pooling, stride 2, remembering where each maximum came from. */
function maxPool(input: Float64Array, channels: number, side: number, out: Float64Array, from: Int32Array): void {
  const os = side / 2;
  for (let c = 0; c < channels; c++) {
    for (let y = 0; y < os; y++) {
      for (let x = 0; x < os; x++) {
        const base = (c * side + 2 * y) * side + 2 * x;
        let best = base;
        for (const d of [1, side, side + 1]) if ((input[base + d] as number) > (input[best] as number)) best = base + d;
        out[(c * os + y) * os + x] = input[best] as number;
        from[(c * os + y) * os + x] = best;
      }
    }
  }
}

function fcForward(l: FcLayer, input: Float64Array, out: Float64Array, relu: boolean): void {
  for (let o = 0; o < l.outputs; o++) {
    let sum = l.bias[o] as number;
    const row = o * l.inputs;
    for (let c = 0; c < l.inputs; c++) sum += (l.weights[row + c] as number) * (input[c] as number);
    out[o] = relu && sum < 0 ? 0 : sum;
  }
}

/** Forward pass of one 28×28 image; the class scores are `a.f[2]`. */
export function forwardCnn(net: Cnn, image: ArrayLike<number>, a: Activations): Float64Array {
  convRelu(net.conv[0], image, IMAGE_SIDE, a.c1);
  maxPool(a.c1, 6, SIDES.conv1, a.p1, a.p1From);
  convRelu(net.conv[1], a.p1, SIDES.pool1, a.c2);
  maxPool(a.c2, 16, SIDES.conv2, a.p2, a.p2From);
  fcForward(net.fc[0], a.p2, a.f[0], true);
  fcForward(net.fc[1], a.f[0], a.f[1], true);
  fcForward(net.fc[2], a.f[1], a.f[2], false);
  return a.f[2];
}

/** Predicted class of each image (count × 784 pixels). */
export function predictCnn(net: Cnn, images: Float32Array, count: number): Int32Array {
  const a = activationBuffers();
  const size = IMAGE_SIDE * IMAGE_SIDE;
  const out = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const scores = forwardCnn(net, images.subarray(i * size, (i + 1) * size), a);
    let best = 0;
    for (let c = 1; c < scores.length; c++) if ((scores[c] as number) > (scores[best] as number)) best = c;
    out[i] = best;
  }
  return out;
}

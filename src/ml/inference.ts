/**
 * Inference of a quantized MLP with int8 weights supplied from outside, so
 * that weights decoded from faulty cells can be plugged in. Activations stay
 * in floating point; a layer computes y[k] = scale · Σ_c W[k][c]·a[c] + b[k].
 */

import { IMAGE_SIZE, type Dataset } from './mnist-data.js';
import { argmax } from './mlp.js';
import type { QuantizedMlp } from './quantize.js';

/** Weights of every layer as int8 values in Int32Arrays, [K][C] order; the model's own when omitted. */
export type LayerWeights = readonly Int32Array[];

export interface AccuracyCount {
  readonly correct: number;
  readonly total: number;
}

export function modelWeights(model: QuantizedMlp): LayerWeights {
  return model.layers.map((l) => l.weights);
}

/**
 * Count correct classifications of `data`. Layer 0 is evaluated column by column over the
 * image's non-zero pixels (~20 % of them), through a [C][K] transpose made once per call.
 */
export function countCorrect(model: QuantizedMlp, data: Dataset, weights: LayerWeights = modelWeights(model)): AccuracyCount {
  const layers = model.layers;
  if (weights.length !== layers.length) throw new Error(`${weights.length} weight arrays for ${layers.length} layers`);
  layers.forEach((l, i) => {
    if (weights[i]?.length !== l.outputs * l.inputs) {
      throw new Error(`layer ${l.name}: ${weights[i]?.length} weights, expected ${l.outputs} × ${l.inputs}`);
    }
  });
  const first = layers[0];
  if (first === undefined || first.inputs !== IMAGE_SIZE) throw new Error('the first layer must take a 28×28 image');
  const firstT = transpose(weights[0] as Int32Array, first.outputs, first.inputs);
  const acts = layers.map((l) => new Float64Array(l.outputs));
  let correct = 0;
  for (let s = 0; s < data.count; s++) {
    const a0 = acts[0] as Float64Array;
    a0.fill(0);
    const base = s * IMAGE_SIZE;
    for (let c = 0; c < IMAGE_SIZE; c++) {
      const x = data.images[base + c] as number;
      if (x === 0) continue;
      const col = c * first.outputs;
      for (let k = 0; k < first.outputs; k++) a0[k] = (a0[k] as number) + (firstT[col + k] as number) * x;
    }
    finishLayer(a0, first.weightScale, first.bias, layers.length > 1);
    for (let l = 1; l < layers.length; l++) {
      const layer = layers[l] as QuantizedMlp['layers'][number];
      const W = weights[l] as Int32Array;
      const input = acts[l - 1] as Float64Array;
      const out = acts[l] as Float64Array;
      for (let k = 0; k < layer.outputs; k++) {
        let sum = 0;
        const row = k * layer.inputs;
        for (let c = 0; c < layer.inputs; c++) sum += (W[row + c] as number) * (input[c] as number);
        out[k] = sum;
      }
      finishLayer(out, layer.weightScale, layer.bias, l < layers.length - 1);
    }
    if (argmax(acts[acts.length - 1] as Float64Array) === data.labels[s]) correct++;
  }
  return { correct, total: data.count };
}

/** Scale, add the bias and, between layers, apply ReLU. */
function finishLayer(out: Float64Array, scale: number, bias: Float32Array, relu: boolean): void {
  for (let k = 0; k < out.length; k++) {
    const v = (out[k] as number) * scale + (bias[k] as number);
    out[k] = relu && v < 0 ? 0 : v;
  }
}

function transpose(w: Int32Array, rows: number, cols: number): Int32Array {
  const t = new Int32Array(w.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) t[c * rows + r] = w[r * cols + c] as number;
  return t;
}

/**
 * A campaign trial on a user's ONNX model: its weight initializers quantized to int8 per output channel
 * (optionally pruned and clustered), encoded under a storage choice, faulted in their cells, corrected
 * and decoded by the real decoders, dequantized, written back into the graph, and the graph run by
 * onnxruntime on the image set for top-1 accuracy.
 *
 * The baseline ("clean") accuracy is that of the quantized model: the loss a campaign reports is what
 * the faults cost, not what quantization costs; the float model's accuracy is reported beside it.
 */

import { fileURLToPath } from 'node:url';
import { loadImageSet, type ImageSet } from '../../ml/onnx/image-set.js';
import { encodeWithWeights, loadOnnxModel, type OnnxModel } from '../../ml/onnx/onnx-model.js';
import { predict } from '../../ml/onnx/runtime.js';
import type { AccuracyCount, LayerWeights } from '../../ml/inference.js';
import type { StorageChoice } from '../../storage/types.js';
import type { TrialRunner } from '../campaign/campaign.js';
import type { FaultMode } from '../cells/cell-faults.js';
import { faultTablesFor, type FaultModel } from '../cells/fault-model.js';
import { prepareNetwork, type PreparedNetwork } from '../inject/inject-network.js';
import { networkFaultTrial } from './network-trial.js';
import { initializerValues, onnxLayerTensors, onnxStoredLayers, type OnnxStoredLayer } from './onnx-weights.js';

export const ONNX_FAULT_TRIAL_MODULE = fileURLToPath(import.meta.url);

/** Which model, which images, and how its weights are stored before encoding. */
export interface OnnxNetworkOptions {
  readonly modelPath: string;
  /** A folder of .npy images with labels.csv, or "mnist". */
  readonly data: string;
  /** Use the first N images (all when undefined). */
  readonly images?: number;
  readonly density?: number;
  readonly clusters?: number;
}

export interface OnnxFaultTrialOptions {
  readonly network: OnnxNetworkOptions;
  readonly choice: StorageChoice;
  readonly faultModel: FaultModel;
  readonly mode: FaultMode;
}

export interface OnnxHarness {
  readonly model: OnnxModel;
  readonly images: ImageSet;
  readonly layers: readonly OnnxStoredLayer[];
  /** Accuracy with the stored (quantized, pruned, clustered) weights. */
  readonly clean: AccuracyCount;
  /** Accuracy of the model as given (float weights). */
  readonly float: AccuracyCount;
  /** Accuracy with these int8 weights (one array per layer, [K][C][R][S]) written into the graph. */
  count(weights: LayerWeights): Promise<AccuracyCount>;
}

const harnesses = new Map<string, Promise<OnnxHarness>>();

async function buildHarness(o: OnnxNetworkOptions): Promise<OnnxHarness> {
  const model = loadOnnxModel(o.modelPath);
  const images = loadImageSet(o.data, o.images);
  const layers = onnxStoredLayers(model, { ...(o.density === undefined ? {} : { density: o.density }), ...(o.clusters === undefined ? {} : { clusters: o.clusters }) });
  const count = async (weights: LayerWeights): Promise<AccuracyCount> => {
    const byName = new Map(layers.map((l, i) => [l.init.name, initializerValues(l, weights[i] as Int32Array)]));
    const p = await predict(encodeWithWeights(model, (name) => byName.get(name)), model, images);
    return { correct: p.correct, total: p.total };
  };
  const float = await predict(encodeWithWeights(model, () => undefined), model, images);
  const clean = await count(layers.map((l) => l.stored.values));
  return { model, images, layers, clean, float: { correct: float.correct, total: float.total }, count };
}

/** The model, its images and stored weights, loaded once per thread and options. */
export function onnxHarness(options: OnnxNetworkOptions): Promise<OnnxHarness> {
  const key = JSON.stringify(options);
  let h = harnesses.get(key);
  if (h === undefined) {
    h = buildHarness(options);
    harnesses.set(key, h);
    h.catch(() => harnesses.delete(key));
  }
  return h;
}

/** The model's layers encoded under `choice` (clustered codes need --clusters). */
export function prepareOnnx(h: OnnxHarness, choice: StorageChoice): PreparedNetwork {
  return prepareNetwork(onnxLayerTensors(h.layers, choice.clustered), choice);
}

export async function createOnnxFaultTrial(options: OnnxFaultTrialOptions): Promise<TrialRunner> {
  const h = await onnxHarness(options.network);
  const net = prepareOnnx(h, options.choice);
  const tables = faultTablesFor(options.faultModel, options.choice);
  return networkFaultTrial(net, { tables, mapping: options.faultModel.mapping, mode: options.mode }, { clean: h.clean, count: h.count });
}

/**
 * The networks a fault campaign stores, and for those with a data set, what accuracy needs: the
 * fault-free accuracy, the test images and the layers encoded under a storage choice. The MNIST MLP
 * and an ONNX model (the in-project CNN or a user's) have one; a trace on synthetic weights has not.
 * Descriptions name the model relative to the working folder, so results do not carry the machine's paths.
 */

import { relative } from 'node:path';
import type { AccuracyCount } from '../../ml/inference.js';
import type { StorageChoice } from '../../storage/types.js';
import type { PreparedNetwork } from '../inject/inject-network.js';
import { mnistHarness, prepareMnist } from './mnist-fault-trial.js';
import { mnistLayerTensors, type NamedTensor } from './network-weights.js';
import { onnxHarness, prepareOnnx, type OnnxNetworkOptions } from './onnx-fault-trial.js';
import { onnxLayerTensors } from './onnx-weights.js';

/** The network whose weights are stored: the MNIST MLP, an ONNX model on an image set, or a trace on synthetic weights. */
export type FaultNetwork =
  | { kind: 'mnist'; modelPath?: string }
  | ({ kind: 'onnx' } & OnnxNetworkOptions)
  | { kind: 'trace'; file: string };

export interface AccuracyNetwork {
  /** For tables: what the model is and what it is judged on. */
  readonly description: string;
  readonly layers: number;
  /** Stored weights (all layers). */
  readonly weights: number;
  readonly testImages: number;
  /** Accuracy of the stored weights without faults (the baseline of every loss). */
  readonly clean: AccuracyCount;
  /** Accuracy of the float model, when it differs from the stored one (ONNX: before int8 quantization). */
  readonly float?: AccuracyCount;
  prepare(choice: StorageChoice): PreparedNetwork;
  /** The stored weights of every layer, as the encoders take them (cluster codes when `clustered`). */
  tensors(clustered: boolean): readonly NamedTensor[];
}

/** The network's accuracy harness, or undefined for a trace (no data set). */
export async function accuracyNetwork(net: FaultNetwork): Promise<AccuracyNetwork | undefined> {
  if (net.kind === 'trace') return undefined;
  if (net.kind === 'mnist') {
    const h = mnistHarness(net.modelPath);
    return {
      description: `MNIST MLP (${h.model.layers.length} layers, ${h.test.count.toLocaleString('en-US')} test images)`,
      layers: h.model.layers.length,
      weights: h.model.layers.reduce((a, l) => a + l.weights.length, 0),
      testImages: h.test.count,
      clean: h.clean,
      prepare: (choice) => prepareMnist(choice, net.modelPath),
      tensors: (clustered) => mnistLayerTensors(h.model, clustered),
    };
  }
  const h = await onnxHarness(net);
  const data = net.data === 'mnist' ? 'MNIST test images' : `images of ${net.data}`;
  const stored = [net.density === undefined ? '' : `density ${net.density}`, net.clusters === undefined ? '' : `${net.clusters} clusters`].filter((s) => s !== '');
  return {
    description: `ONNX ${relative(process.cwd(), net.modelPath) || net.modelPath} (${h.layers.length} weight tensors, int8 per output channel${stored.length > 0 ? `, ${stored.join(', ')}` : ''}; ${h.images.count.toLocaleString('en-US')} ${data}; onnxruntime)`,
    layers: h.layers.length,
    weights: h.layers.reduce((a, l) => a + l.stored.values.length, 0),
    testImages: h.images.count,
    clean: h.clean,
    float: h.float,
    prepare: (choice) => prepareOnnx(h, choice),
    tensors: (clustered) => onnxLayerTensors(h.layers, clustered),
  };
}

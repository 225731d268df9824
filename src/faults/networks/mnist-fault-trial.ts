/**
 * A ready-made campaign trial: the cached MNIST model's weights encoded with
 * the storage module's real encoders under a storage choice (dense int8,
 * clustered codes, bitmask, CSR; with or without IdxSync and ECC), stored in
 * MLC cells at each stream's bits per cell, faulted, corrected, decoded and
 * evaluated on the test split. The encoding choice therefore changes which
 * faults reach the weights, and so the accuracy.
 *
 * Use with runCampaign:
 *   trial: { module: MNIST_FAULT_TRIAL_MODULE, exportName: 'createMnistFaultTrial', options: { ... } }
 */

import { fileURLToPath } from 'node:url';
import { countCorrect, type AccuracyCount } from '../../ml/inference.js';
import { loadMnist, type Dataset } from '../../ml/mnist-data.js';
import { DEFAULT_MODEL_PATH, loadModelFile } from '../../ml/model-file.js';
import type { QuantizedMlp } from '../../ml/quantize.js';
import type { StorageChoice } from '../../storage/types.js';
import type { TrialRunner } from '../campaign/campaign.js';
import type { FaultMode } from '../cells/cell-faults.js';
import { faultTablesFor, type FaultModel } from '../cells/fault-model.js';
import { prepareNetwork, type PreparedNetwork } from '../inject/inject-network.js';
import { mnistLayerTensors } from './network-weights.js';
import { networkFaultTrial } from './network-trial.js';

export const MNIST_FAULT_TRIAL_MODULE = fileURLToPath(import.meta.url);

export interface MnistFaultTrialOptions {
  readonly choice: StorageChoice;
  readonly faultModel: FaultModel;
  readonly mode: FaultMode;
  /** Model file; default models/mnist-mlp.json. */
  readonly modelPath?: string;
}

export interface MnistHarness {
  readonly model: QuantizedMlp;
  readonly test: Dataset;
  /** Accuracy of the stored (fault-free) weights on the test split. */
  readonly clean: AccuracyCount;
}

/** The model, its test split and its fault-free accuracy, loaded once per thread and model file. */
const harnesses = new Map<string, MnistHarness>();

export function mnistHarness(modelPath: string = DEFAULT_MODEL_PATH): MnistHarness {
  let h = harnesses.get(modelPath);
  if (h === undefined) {
    const built = loadModelFile(modelPath);
    const { test } = loadMnist(built.recipe.split);
    h = { model: built.model, test, clean: countCorrect(built.model, test) };
    harnesses.set(modelPath, h);
  }
  return h;
}

/** The MNIST model's layers encoded under `choice`. */
export function prepareMnist(choice: StorageChoice, modelPath?: string): PreparedNetwork {
  return prepareNetwork(mnistLayerTensors(mnistHarness(modelPath).model, choice.clustered), choice);
}

/** Trial factory: encodes the model and builds the fault tables once per campaign and thread. */
export function createMnistFaultTrial(options: MnistFaultTrialOptions): TrialRunner {
  const h = mnistHarness(options.modelPath);
  const net = prepareMnist(options.choice, options.modelPath);
  const tables = faultTablesFor(options.faultModel, options.choice);
  return networkFaultTrial(
    net,
    { tables, mapping: options.faultModel.mapping, mode: options.mode },
    { clean: h.clean, count: (weights) => countCorrect(h.model, h.test, weights) },
  );
}

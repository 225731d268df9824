/**
 * Speed checks of the fault code, for the bench runner (wall-clock time, so
 * never called from a model or a test):
 * - a Monte Carlo campaign on the MNIST model (target: 1,000 trials < 60 s on
 *   2 cores), with every stream at 3 bits per cell so every trial has faults
 *   and runs inference;
 * - a campaign on the LeNet-5 CNN through onnxruntime (target: 100 trials over
 *   1,000 test images < 60 s on 2 cores), the same choice;
 * - one trial of injection and decoding over all layers of the pruned,
 *   clustered ResNet-50 (target: < 2 s), encoding timed separately because a
 *   campaign encodes once and reuses the streams.
 */

import { randomStream } from '../engine/random.js';
import { DEFAULT_CNN_PATH, SHIPPED_CNN_STORAGE } from '../ml/cnn-model.js';
import type { StorageChoice } from '../storage/types.js';
import { loadTrace } from '../workload/load-trace.js';
import { campaignFor } from './faults-run.js';
import { faultTablesFor, technologyFaultModel } from './cells/fault-model.js';
import { injectNetwork, prepareNetwork } from './inject/inject-network.js';
import { traceLayerTensors } from './networks/network-weights.js';

/** The bench's storage choice: NVDLA bitmask, clustered, 3 bits per cell, SECDED (72,64) on the metadata, IdxSync 1024. */
const BENCH_CHOICE: StorageChoice = {
  label: 'bench: bitmask clustered 3b/cell ecc sync1024',
  encoding: 'bitmask',
  bitmaskLayout: 'nvdla',
  clustered: true,
  bitsPerCell: {},
  defaultBitsPerCell: 3,
  ecc: { dataBits: 64, streams: ['codebook', 'mask', 'groupSizes', 'sync'] },
  idxSync: { interval: 1024 },
};

const BENCH_TRACE = 'traces/resnet50-v1.5-str81-c16.json';

export interface FaultBenchTimings {
  /** The LeNet-5 campaign through onnxruntime: trials, test images, wall time [s] and faulty cells per trial. */
  readonly cnn: { trials: number; images: number; campaign_s: number; meanFaultyCells: number; accuracy: number };
  readonly mnistTrials: number;
  readonly workers: number;
  /** Wall time of the whole campaign, worker start-up included [s]. */
  readonly mnistCampaign_s: number;
  readonly mnistMeanFaultyCells: number;
  /** Synthetic weights of every layer of the trace [s]. */
  readonly resnetWeights_s: number;
  /** Encoding every layer under the bench choice [s]. */
  readonly resnetEncode_s: number;
  /**
   * The first trial: fault every stream of every layer, ECC, decode, compare [s]. It includes a one-time cost: the
   * clean metadata's value-field map, decoded the first time a fault moves values (misplacement.ts).
   */
  readonly resnetInjectDecode_s: number;
  /** A second trial, without that one-time cost [s]. */
  readonly resnetInjectDecodeNext_s: number;
  readonly resnetFaultyCells: number;
}

export async function benchFaults(options: { trials?: number; workers?: number; trace?: string } = {}): Promise<FaultBenchTimings> {
  const trials = options.trials ?? 1000;
  const workers = options.workers ?? 2;
  const faultModel = technologyFaultModel('RRAM', 'gray');
  // The CNN (models/lenet5.onnx, stored as the study stores it), 100 trials over 1,000 test images (target < 60 s).
  const cnnTrials = 100;
  const cnnImages = 1000;
  let t = performance.now();
  const cnnNetwork = { kind: 'onnx' as const, modelPath: DEFAULT_CNN_PATH, data: 'mnist', images: cnnImages, ...SHIPPED_CNN_STORAGE };
  const cnnCampaign = await campaignFor({ network: cnnNetwork, faultModel, mode: { kind: 'sampled' }, trials: cnnTrials, seed: 1, confidence: 0.95, workers }, BENCH_CHOICE);
  const cnn = { trials: cnnTrials, images: cnnImages, campaign_s: (performance.now() - t) / 1000, meanFaultyCells: cnnCampaign.meanFaultyCells, accuracy: cnnCampaign.accuracy?.mean ?? NaN };
  t = performance.now();
  const campaign = await campaignFor({ network: { kind: 'mnist' }, faultModel, mode: { kind: 'sampled' }, trials, seed: 1, confidence: 0.95, workers }, BENCH_CHOICE);
  const mnistCampaign_s = (performance.now() - t) / 1000;

  t = performance.now();
  const tensors = traceLayerTensors(loadTrace(options.trace ?? BENCH_TRACE), BENCH_CHOICE.clustered, 1);
  const resnetWeights_s = (performance.now() - t) / 1000;
  t = performance.now();
  const net = prepareNetwork(tensors, BENCH_CHOICE);
  const resnetEncode_s = (performance.now() - t) / 1000;
  const tables = faultTablesFor(faultModel, BENCH_CHOICE);
  const trial = (seed: number): { seconds: number; faultyCells: number } => {
    const start = performance.now();
    const r = injectNetwork(net, { tables, mapping: faultModel.mapping, mode: { kind: 'sampled' } }, randomStream(seed, 'bench/faults/resnet'));
    return { seconds: (performance.now() - start) / 1000, faultyCells: r.total.faultyCells };
  };
  const first = trial(1);
  const next = trial(2);
  return {
    cnn,
    mnistTrials: trials,
    workers,
    mnistCampaign_s,
    mnistMeanFaultyCells: campaign.meanFaultyCells,
    resnetWeights_s,
    resnetEncode_s,
    resnetInjectDecode_s: first.seconds,
    resnetInjectDecodeNext_s: next.seconds,
    resnetFaultyCells: first.faultyCells,
  };
}

/**
 * `maxnvm faults` as a library: a Monte Carlo campaign for one storage choice
 * on the MNIST model (weight errors and accuracy) or on a trace (weight errors
 * on synthetic weights, no accuracy), and the report of it.
 */

import { wilsonInterval } from '../ml/confidence.js';
import { STREAM_ORDER } from '../storage/streams.js';
import { networkStorage } from '../storage/stream-sizes.js';
import type { StorageChoice, StreamName } from '../storage/types.js';
import { loadTrace } from '../workload/load-trace.js';
import type { CampaignPool } from './campaign/campaign-pool.js';
import { runCampaign, type CampaignResult, type CampaignWeightErrors, type TrialSpec } from './campaign/campaign.js';
import type { FaultMode } from './cells/cell-faults.js';
import { faultTablesFor, meanFaultRates, type FaultModel } from './cells/fault-model.js';
import { accuracyNetwork, type FaultNetwork } from './networks/accuracy-network.js';
import { MNIST_FAULT_TRIAL_MODULE, type MnistFaultTrialOptions } from './networks/mnist-fault-trial.js';
import { ONNX_FAULT_TRIAL_MODULE, type OnnxFaultTrialOptions } from './networks/onnx-fault-trial.js';
import { bitsPerCellOf, layerCells } from './inject/prepared-layer.js';
import { accuracyLoss_pp } from './search/search.js';
import { TRACE_FAULT_TRIAL_MODULE, type TraceFaultTrialOptions } from './networks/trace-fault-trial.js';

export type { FaultNetwork } from './networks/accuracy-network.js';

/** Seed of a trace's synthetic weights: the default of `maxnvm size` and `simulate` (assumption: any fixed seed). */
const TRACE_WEIGHT_SEED = 1;

const ACCURACY_NOT_MEASURED =
  'accuracy is not measured for a trace: its weights are synthetic (each layer\'s density and cluster count, seeded), with no trained network or data set behind them; only weight errors are reported';

export interface CampaignSettings {
  readonly network: FaultNetwork;
  readonly faultModel: FaultModel;
  readonly mode: FaultMode;
  readonly trials: number;
  readonly seed: number;
  readonly confidence: number;
  /** Worker threads (ignored when a pool is given); results do not depend on it. */
  readonly workers: number;
}

export interface StreamCells {
  readonly stream: StreamName;
  readonly bits: number;
  readonly bitsPerCell: number;
  readonly cells: number;
  /** Mean per-cell fault rate of the stream's density (uniform level use) [faults/cell]. */
  readonly cellFaultRate: number;
}

export interface FaultsReport {
  readonly network:
    | { kind: 'mnist' | 'onnx'; description: string; layers: number; testImages: number }
    | { kind: 'trace'; file: string; name: string };
  readonly faultModel: { name: string; mapping: string; levels: { bitsPerCell: number; cellFaultRate: number; source: string }[] };
  readonly choice: StorageChoice;
  readonly mode: FaultMode;
  readonly trials: number;
  readonly seed: number;
  readonly confidence: number;
  readonly storage: { streams: StreamCells[]; totalCells: number };
  /** Fault-free accuracy on the test split with its Wilson interval (test-set sampling). */
  readonly cleanAccuracy?: { share: number; correct: number; total: number; low: number; high: number };
  /** ONNX: accuracy of the float model as given, before int8 quantization (share of correct answers). */
  readonly floatAccuracy?: number;
  /** Mean accuracy over trials with its Student t interval, and the loss against the fault-free accuracy. */
  readonly accuracy?: { mean: number; low: number; high: number; stdDev: number; accuracyLoss_pp: number };
  readonly accuracyNote?: string;
  readonly meanFaultyCells: number;
  readonly weightErrors: CampaignWeightErrors;
}

function trialSpec(network: FaultNetwork, choice: StorageChoice, faultModel: FaultModel, mode: FaultMode): TrialSpec {
  if (network.kind === 'mnist') {
    const options: MnistFaultTrialOptions = { choice, faultModel, mode, ...(network.modelPath === undefined ? {} : { modelPath: network.modelPath }) };
    return { module: MNIST_FAULT_TRIAL_MODULE, exportName: 'createMnistFaultTrial', options };
  }
  if (network.kind === 'onnx') {
    const { kind: _kind, ...onnxNetwork } = network;
    const options: OnnxFaultTrialOptions = { network: onnxNetwork, choice, faultModel, mode };
    return { module: ONNX_FAULT_TRIAL_MODULE, exportName: 'createOnnxFaultTrial', options };
  }
  const options: TraceFaultTrialOptions = { tracePath: network.file, choice, faultModel, mode, weightSeed: TRACE_WEIGHT_SEED };
  return { module: TRACE_FAULT_TRIAL_MODULE, exportName: 'createTraceFaultTrial', options };
}

/** Bits and cells of every stream of the whole network under `choice`: one row per stream and bits per cell (layers may differ). */
export async function storageCells(network: FaultNetwork, choice: StorageChoice, faultModel: FaultModel): Promise<{ streams: StreamCells[]; totalCells: number }> {
  const rates = meanFaultRates(faultModel);
  const rows = new Map<string, { stream: StreamName; bitsPerCell: number; bits: number; cells: number }>();
  const add = (stream: StreamName, bitsPerCell: number, bits: number, cells: number): void => {
    const key = `${STREAM_ORDER.indexOf(stream)}:${bitsPerCell}`;
    const row = rows.get(key) ?? { stream, bitsPerCell, bits: 0, cells: 0 };
    row.bits += bits;
    row.cells += cells;
    rows.set(key, row);
  };
  const accuracy = await accuracyNetwork(network);
  if (accuracy !== undefined) {
    for (const layer of accuracy.prepare(choice).layers) {
      const c = layerCells(layer);
      for (const [s, stream] of Object.entries(layer.encoded.streams) as [StreamName, { length: number }][]) add(s, bitsPerCellOf(layer, s), stream.length, c[s] ?? 0);
    }
  } else if (network.kind === 'trace') {
    for (const l of networkStorage(loadTrace(network.file), choice, { seed: TRACE_WEIGHT_SEED }).layers) for (const s of l.streams) add(s.stream, s.bitsPerCell, s.bits, s.cells);
  }
  const streams = [...rows.values()]
    .sort((a, b) => STREAM_ORDER.indexOf(a.stream) - STREAM_ORDER.indexOf(b.stream) || a.bitsPerCell - b.bitsPerCell)
    .map((r) => ({ stream: r.stream, bits: r.bits, bitsPerCell: r.bitsPerCell, cells: r.cells, cellFaultRate: rates.get(r.bitsPerCell) ?? NaN }));
  return { streams, totalCells: streams.reduce((a, s) => a + s.cells, 0) };
}

/** One campaign for one choice. Validates the choice against the fault model before any worker starts. */
export async function campaignFor(settings: CampaignSettings, choice: StorageChoice, pool?: CampaignPool): Promise<CampaignResult> {
  faultTablesFor(settings.faultModel, choice);
  return runCampaign({
    seed: settings.seed,
    trials: settings.trials,
    workers: settings.workers,
    confidence: settings.confidence,
    trial: trialSpec(settings.network, choice, settings.faultModel, settings.mode),
    ...(pool === undefined ? {} : { pool }),
  });
}

export async function runFaults(settings: CampaignSettings, choice: StorageChoice, pool?: CampaignPool): Promise<FaultsReport> {
  faultTablesFor(settings.faultModel, choice);
  const net = settings.network;
  const storage = await storageCells(net, choice, settings.faultModel);
  const campaign = await campaignFor(settings, choice, pool);
  if (campaign.weightErrors === undefined) throw new Error('fault trials returned no weight errors');
  const rates = meanFaultRates(settings.faultModel);
  const common = {
    faultModel: {
      name: settings.faultModel.name,
      mapping: settings.faultModel.mapping,
      levels: settings.faultModel.levelModels.map((m) => ({ bitsPerCell: m.bitsPerCell, cellFaultRate: rates.get(m.bitsPerCell) ?? NaN, source: m.source })),
    },
    choice,
    mode: settings.mode,
    trials: settings.trials,
    seed: settings.seed,
    confidence: settings.confidence,
    storage,
    meanFaultyCells: campaign.meanFaultyCells,
    weightErrors: campaign.weightErrors,
  };
  if (net.kind === 'trace') {
    return { network: { kind: 'trace', file: net.file, name: loadTrace(net.file).name }, ...common, accuracyNote: ACCURACY_NOT_MEASURED };
  }
  const h = await accuracyNetwork(net);
  const a = campaign.accuracy;
  if (h === undefined || a === undefined) throw new Error('fault trials returned no accuracy');
  const clean = h.clean;
  const w = wilsonInterval(clean.correct, clean.total, settings.confidence);
  return {
    network: { kind: net.kind, description: h.description, layers: h.layers, testImages: h.testImages },
    ...common,
    cleanAccuracy: { share: clean.correct / clean.total, correct: clean.correct, total: clean.total, low: w.low, high: w.high },
    ...(h.float === undefined ? {} : { floatAccuracy: h.float.correct / h.float.total }),
    accuracy: { mean: a.mean, low: a.low, high: a.high, stdDev: a.stdDev, accuracyLoss_pp: accuracyLoss_pp(clean.correct / clean.total, a) },
  };
}

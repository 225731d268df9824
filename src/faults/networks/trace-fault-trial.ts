/**
 * A campaign trial on a workload trace (e.g. ResNet-50): every conv and fc
 * layer gets seeded synthetic weights that follow the layer's density and
 * cluster count (src/storage/synthetic-weights.ts), encoded under the storage
 * choice and faulted like the MNIST model's. There is no data set and no
 * trained network behind a trace, so a trial reports weight errors only and
 * accuracy is not measured.
 */

import { fileURLToPath } from 'node:url';
import type { StorageChoice } from '../../storage/types.js';
import { loadTrace } from '../../workload/load-trace.js';
import type { TrialRunner } from '../campaign/campaign.js';
import type { FaultMode } from '../cells/cell-faults.js';
import { faultTablesFor, type FaultModel } from '../cells/fault-model.js';
import { prepareNetwork, type PreparedNetwork } from '../inject/inject-network.js';
import { traceLayerTensors } from './network-weights.js';
import { networkFaultTrial } from './network-trial.js';

export const TRACE_FAULT_TRIAL_MODULE = fileURLToPath(import.meta.url);

export interface TraceFaultTrialOptions {
  readonly tracePath: string;
  readonly choice: StorageChoice;
  readonly faultModel: FaultModel;
  readonly mode: FaultMode;
  /** Seed of the synthetic weights (as `maxnvm size` and `simulate` use for their patterns). */
  readonly weightSeed: number;
}

/** The last network prepared in this thread: a search runs many campaigns on the same weights. */
let cached: { key: string; net: PreparedNetwork } | undefined;

function prepareTrace(tracePath: string, choice: StorageChoice, weightSeed: number): PreparedNetwork {
  const key = JSON.stringify([tracePath, choice, weightSeed]);
  if (cached?.key !== key) cached = { key, net: prepareNetwork(traceLayerTensors(loadTrace(tracePath), choice.clustered, weightSeed), choice) };
  return cached.net;
}

export function createTraceFaultTrial(options: TraceFaultTrialOptions): TrialRunner {
  const net = prepareTrace(options.tracePath, options.choice, options.weightSeed);
  const tables = faultTablesFor(options.faultModel, options.choice);
  return networkFaultTrial(net, { tables, mapping: options.faultModel.mapping, mode: options.mode });
}

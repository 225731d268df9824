import type { RandomStream } from '../../engine/random.js';
import type { LayerFaultResult } from '../inject/inject-layer.js';
import type { NetworkFaultTotals } from '../inject/inject-network.js';

/** One trial of a fault campaign: what it returns, and where its factory lives (shared by the campaign and its worker pool). */

export interface TrialOutcome {
  /** Correctly classified test images; `total` 0 means accuracy is not measured. */
  readonly correct: number;
  readonly total: number;
  /** Cells the trial made faulty (0 when the trial does not say). */
  readonly faultyCells: number;
  /** Weight errors of the trial, when the trial stores encoded weights. */
  readonly weights?: { readonly total: NetworkFaultTotals; readonly layers: readonly LayerFaultResult[] };
}

export interface TrialRunner {
  run(stream: RandomStream, trial: number): TrialOutcome | Promise<TrialOutcome>;
}

/** Where the trial factory lives; `options` must survive structured cloning (plain JSON-like data). */
export interface TrialSpec {
  /** Absolute path or file: URL of the module. */
  readonly module: string;
  /** Name of the exported factory. */
  readonly exportName: string;
  readonly options: unknown;
}

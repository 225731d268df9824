/**
 * Monte Carlo fault campaign: trials t = 0 … n−1, each with its own random
 * stream derived from (seed, t) alone, run on worker threads. A trial's result
 * depends on nothing else, results are gathered by trial index and summarized
 * in index order, so the outcome is the same whatever the number of workers
 * and whichever worker runs which trial.
 *
 * Functions cannot cross a thread boundary, so the trial is named by module
 * and export: the module exports a factory `(options) => TrialRunner`, called
 * once per worker (load the model and data there), and the runner maps a
 * trial's stream to an outcome, typically "faulty weights from the stream,
 * then their accuracy" (see `accuracyTrial`). An outcome may also carry the
 * trial's weight errors; a trial without a data set (a trace on synthetic
 * weights) reports `total: 0`, and the campaign then has no accuracy.
 */

import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { randomStream, type RandomStream } from '../../engine/random.js';
import { UserError } from '../../errors.js';
import { meanInterval, type MeanWithInterval } from '../../ml/confidence.js';
import { runOnWorkers, type CampaignPool } from './campaign-pool.js';
import type { LayerFaultResult } from '../inject/inject-layer.js';
import type { TrialOutcome, TrialRunner, TrialSpec } from './trial.js';
import { averageOverTrials, type WeightErrorStats } from '../inject/weight-errors.js';

export type { TrialRunner, TrialSpec } from './trial.js';

export interface CampaignOptions {
  readonly seed: number;
  readonly trials: number;
  /** Worker threads; 0 runs the trials in this thread. Default: the machine's parallelism. Ignored with `pool`. */
  readonly workers?: number;
  /** Workers already running (several campaigns in a row); the caller closes it. */
  readonly pool?: CampaignPool;
  readonly trial: TrialSpec;
  /** Of the interval on the mean accuracy; default 0.95. */
  readonly confidence?: number;
}

export interface CampaignResult {
  readonly seed: number;
  /** Outcome of trial t at index t. */
  readonly outcomes: readonly TrialOutcome[];
  /** Mean per-trial accuracy with a Student t interval over the trials (see src/ml/confidence.ts for why t); absent when not measured. */
  readonly accuracy?: MeanWithInterval;
  readonly meanFaultyCells: number;
  /** Weight errors over the trials, when the trials report them. */
  readonly weightErrors?: CampaignWeightErrors;
}

/** Weight errors averaged over trials (averageOverTrials: counts and mean errors averaged, the largest error the largest). */
export interface CampaignWeightErrors {
  readonly total: WeightErrorStats;
  readonly layers: readonly { readonly layer: string; readonly stats: WeightErrorStats; readonly meanFaultyCells: number }[];
  readonly meanFaultyCellsByStream: Readonly<Record<string, number>>;
  readonly meanEccCorrectedWords: number;
  readonly meanEccUncorrectableWords: number;
}

/** The random stream of trial t: a function of (seed, t) only. */
export function trialStream(seed: number, trial: number): RandomStream {
  return randomStream(seed, `faults/campaign/trial/${trial}`);
}

/** Import the factory named by `spec` and build this thread's runner. */
export async function loadTrialRunner(spec: TrialSpec): Promise<TrialRunner> {
  const url = spec.module.startsWith('file:') ? spec.module : pathToFileURL(spec.module).href;
  const mod = (await import(url)) as Record<string, unknown>;
  const factory = mod[spec.exportName];
  if (typeof factory !== 'function') {
    throw new UserError(`${spec.module} exports no trial factory "${spec.exportName}"`, {
      file: spec.module,
      expected: 'an exported function (options) => TrialRunner',
    });
  }
  return (await (factory as (o: unknown) => TrialRunner | Promise<TrialRunner>)(spec.options)) as TrialRunner;
}

export async function runCampaign(options: CampaignOptions): Promise<CampaignResult> {
  const { seed, trials } = options;
  if (!Number.isInteger(trials) || trials < 1) {
    throw new UserError(`trials must be a positive integer, got ${trials}`, { expected: 'integer ≥ 1' });
  }
  const workers = Math.min(options.workers ?? availableParallelism(), trials);
  if (!Number.isInteger(workers) || workers < 0) {
    throw new UserError(`workers must be a non-negative integer, got ${options.workers}`, { expected: 'integer ≥ 0' });
  }
  let outcomes: TrialOutcome[];
  if (options.pool !== undefined) {
    outcomes = await options.pool.run({ seed, trials, trial: options.trial });
  } else if (workers === 0) {
    const runner = await loadTrialRunner(options.trial);
    outcomes = [];
    for (let t = 0; t < trials; t++) outcomes.push(await runner.run(trialStream(seed, t), t));
  } else {
    outcomes = await runOnWorkers({ seed, trials, workers, trial: options.trial });
  }
  return summarize(seed, outcomes, options.confidence ?? 0.95);
}

function summarize(seed: number, outcomes: TrialOutcome[], confidence: number): CampaignResult {
  const n = outcomes.length;
  const meanFaultyCells = outcomes.reduce((a, o) => a + o.faultyCells, 0) / n;
  const measured = outcomes.every((o) => o.total > 0);
  const result: { -readonly [K in keyof CampaignResult]: CampaignResult[K] } = { seed, outcomes, meanFaultyCells };
  if (measured) result.accuracy = meanInterval(outcomes.map((o) => o.correct / o.total), confidence);
  const withWeights = outcomes.flatMap((o) => (o.weights === undefined ? [] : [o.weights]));
  if (withWeights.length === n) result.weightErrors = summarizeWeightErrors(withWeights);
  return result;
}

function summarizeWeightErrors(trials: NonNullable<TrialOutcome['weights']>[]): CampaignWeightErrors {
  const n = trials.length;
  const mean = (f: (t: NonNullable<TrialOutcome['weights']>) => number): number => trials.reduce((a, t) => a + f(t), 0) / n;
  const byStream: Record<string, number> = {};
  for (const t of trials) {
    for (const [s, c] of Object.entries(t.total.faultyCellsByStream)) byStream[s] = (byStream[s] ?? 0) + (c ?? 0) / n;
  }
  const first = trials[0]?.layers ?? [];
  return {
    total: averageOverTrials(trials.map((t) => t.total.stats)),
    layers: first.map((l, i) => ({
      layer: l.layer,
      stats: averageOverTrials(trials.map((t) => (t.layers[i] as LayerFaultResult).stats)),
      meanFaultyCells: mean((t) => (t.layers[i] as LayerFaultResult).faultyCells),
    })),
    meanFaultyCellsByStream: byStream,
    meanEccCorrectedWords: mean((t) => t.total.eccCorrectedWords),
    meanEccUncorrectableWords: mean((t) => t.total.eccUncorrectableWords),
  };
}

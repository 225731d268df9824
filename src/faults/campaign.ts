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
 * then their accuracy" (see `accuracyTrial`).
 */

import { availableParallelism } from 'node:os';
import { pathToFileURL } from 'node:url';
import { randomStream, type RandomStream } from '../engine/random.js';
import { UserError } from '../errors.js';
import { meanInterval, type MeanWithInterval } from '../ml/confidence.js';
import type { AccuracyCount, LayerWeights } from '../ml/inference.js';
import { runOnWorkers } from './campaign-pool.js';

export interface TrialOutcome {
  readonly correct: number;
  readonly total: number;
  /** Cells the trial made faulty (0 when the trial does not say). */
  readonly faultyCells: number;
}

export interface TrialRunner {
  run(stream: RandomStream, trial: number): TrialOutcome | Promise<TrialOutcome>;
}

export type TrialFactory = (options: never) => TrialRunner | Promise<TrialRunner>;

/** Where the trial factory lives; `options` must survive structured cloning (plain JSON-like data). */
export interface TrialSpec {
  /** Absolute path or file: URL of the module. */
  readonly module: string;
  /** Name of the exported factory. */
  readonly exportName: string;
  readonly options: unknown;
}

export interface CampaignOptions {
  readonly seed: number;
  readonly trials: number;
  /** Worker threads; 0 runs the trials in this thread. Default: the machine's parallelism. */
  readonly workers?: number;
  readonly trial: TrialSpec;
  /** Of the interval on the mean accuracy; default 0.95. */
  readonly confidence?: number;
}

export interface CampaignResult {
  readonly seed: number;
  /** Outcome of trial t at index t. */
  readonly outcomes: readonly TrialOutcome[];
  /** Mean per-trial accuracy with a Student t interval over the trials (see src/ml/confidence.ts for why t). */
  readonly accuracy: MeanWithInterval;
  readonly meanFaultyCells: number;
}

/** The random stream of trial t: a function of (seed, t) only. */
export function trialStream(seed: number, trial: number): RandomStream {
  return randomStream(seed, `faults/campaign/trial/${trial}`);
}

/** A trial built from the `(trialStream) => weights` callback and an evaluator of weights. */
export function accuracyTrial(
  weightsForTrial: (stream: RandomStream, trial: number) => { weights: LayerWeights; faultyCells: number },
  evaluate: (weights: LayerWeights) => AccuracyCount,
): TrialRunner {
  return {
    run(stream, trial) {
      const { weights, faultyCells } = weightsForTrial(stream, trial);
      const { correct, total } = evaluate(weights);
      return { correct, total, faultyCells };
    },
  };
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
  if (workers === 0) {
    const runner = await loadTrialRunner(options.trial);
    outcomes = [];
    for (let t = 0; t < trials; t++) outcomes.push(await runner.run(trialStream(seed, t), t));
  } else {
    outcomes = await runOnWorkers({ seed, trials, workers, trial: options.trial });
  }
  return summarize(seed, outcomes, options.confidence ?? 0.95);
}

function summarize(seed: number, outcomes: TrialOutcome[], confidence: number): CampaignResult {
  const accuracy = meanInterval(
    outcomes.map((o) => o.correct / o.total),
    confidence,
  );
  const meanFaultyCells = outcomes.reduce((a, o) => a + o.faultyCells, 0) / outcomes.length;
  return { seed, outcomes, accuracy, meanFaultyCells };
}

/**
 * The worker-thread side of a fault campaign, seen from the main thread: start
 * the workers, hand out trial indices one at a time to whichever worker is
 * free, and collect each outcome at its trial's index. Which worker runs which
 * trial varies from run to run; the results do not, because a trial depends
 * only on (seed, trial index).
 *
 * A pool can run several campaigns one after the other (a bits-per-cell search
 * runs one per step): starting a worker under tsx and loading the data set
 * costs about a second, so the workers stay up between campaigns and only
 * build the new campaign's trial runner.
 */

import type { Worker } from 'node:worker_threads';
import { startModuleWorker } from '../../util/module-worker.js';
import type { TrialOutcome, TrialSpec } from './trial.js';

export interface PoolJob {
  readonly seed: number;
  readonly trials: number;
  readonly trial: TrialSpec;
}

/**
 * Messages from a worker, tagged with the campaign (`job`) they belong to: a worker that was still setting up when
 * the previous campaign finished answers "ready" for that campaign, and the answer must not start the next one.
 */
export type WorkerMessage =
  | { kind: 'ready'; job: number }
  | { kind: 'outcome'; job: number; trial: number; outcome: TrialOutcome }
  | { kind: 'error'; job: number; message: string };

/** Messages to a worker: build a campaign's runner, run a trial of it, or stop. The worker handles them in order. */
export type PoolMessage = { kind: 'setup'; job: number; trial: TrialSpec } | { kind: 'run'; job: number; seed: number; trial: number } | { kind: 'stop' };

export class CampaignPool {
  private readonly workers: Worker[];
  private busy = false;
  private broken: Error | undefined;
  private jobs = 0;

  constructor(readonly size: number) {
    if (!Number.isInteger(size) || size < 1) throw new Error(`a campaign pool needs at least one worker, got ${size}`);
    this.workers = Array.from({ length: size }, () => startWorker());
    for (const w of this.workers) {
      w.on('error', (e) => (this.broken ??= e));
      w.unref(); // an idle pool must not keep the process alive
    }
  }

  /** Run one campaign's trials on the pool's workers; outcome t at index t. */
  run(spec: PoolJob): Promise<TrialOutcome[]> {
    if (this.broken !== undefined) return Promise.reject(this.broken);
    if (this.busy) return Promise.reject(new Error('a campaign pool runs one campaign at a time'));
    this.busy = true;
    const job = ++this.jobs;
    return new Promise<TrialOutcome[]>((resolve, reject) => {
      const outcomes: (TrialOutcome | undefined)[] = new Array(spec.trials).fill(undefined);
      let next = 0;
      let done = 0;
      let finished = false;
      const cleanups: (() => void)[] = [];
      const finish = (error?: Error): void => {
        if (finished) return;
        finished = true;
        for (const c of cleanups) c();
        this.busy = false;
        if (error === undefined) {
          resolve(outcomes as TrialOutcome[]);
          return;
        }
        this.broken = error;
        void this.close();
        reject(error);
      };
      const feed = (worker: Worker): void => {
        if (next < spec.trials) worker.postMessage({ kind: 'run', job, seed: spec.seed, trial: next++ } satisfies PoolMessage);
      };
      for (const worker of this.workers) {
        const onMessage = (message: WorkerMessage): void => {
          if (message.job !== job) return; // an answer to an earlier campaign
          if (message.kind === 'error') return finish(new Error(`campaign worker: ${message.message}`));
          if (message.kind === 'outcome') {
            outcomes[message.trial] = message.outcome;
            if (++done === spec.trials) return finish();
          }
          feed(worker);
        };
        const onError = (e: Error): void => finish(e);
        const onExit = (code: number): void => finish(new Error(`campaign worker exited with code ${code}`));
        worker.on('message', onMessage);
        worker.on('error', onError);
        worker.on('exit', onExit);
        worker.ref(); // keep the process alive while trials run
        cleanups.push(() => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          worker.off('exit', onExit);
          worker.unref();
        });
        worker.postMessage({ kind: 'setup', job, trial: spec.trial } satisfies PoolMessage);
      }
    });
  }

  /** Stop the workers. */
  async close(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}

/** Run one campaign on a pool of its own. */
export async function runOnWorkers(job: PoolJob & { readonly workers: number }): Promise<TrialOutcome[]> {
  const pool = new CampaignPool(job.workers);
  try {
    return await pool.run(job);
  } finally {
    await pool.close();
  }
}

/** Start campaign-worker (from TypeScript sources or compiled JavaScript alike). */
function startWorker(): Worker {
  return startModuleWorker(new URL('./campaign-worker.ts', import.meta.url), undefined);
}

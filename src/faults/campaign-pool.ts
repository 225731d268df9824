/**
 * The worker-thread side of a fault campaign, seen from the main thread: start
 * the workers, hand out trial indices one at a time to whichever worker is
 * free, and collect each outcome at its trial's index. Which worker runs which
 * trial varies from run to run; the results do not, because a trial depends
 * only on (seed, trial index).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TrialOutcome, TrialSpec } from './campaign.js';

export interface PoolJob {
  readonly seed: number;
  readonly trials: number;
  readonly workers: number;
  readonly trial: TrialSpec;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'outcome'; trial: number; outcome: TrialOutcome }
  | { kind: 'error'; message: string };

/** Messages to a worker: run a trial, or stop. */
export type PoolMessage = { kind: 'run'; trial: number } | { kind: 'stop' };

export function runOnWorkers(job: PoolJob): Promise<TrialOutcome[]> {
  return new Promise((resolve, reject) => {
    const outcomes: (TrialOutcome | undefined)[] = new Array(job.trials).fill(undefined);
    const pool: Worker[] = [];
    let next = 0;
    let done = 0;
    let failed = false;
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      for (const w of pool) void w.terminate();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      const message: PoolMessage = next < job.trials ? { kind: 'run', trial: next++ } : { kind: 'stop' };
      worker.postMessage(message);
    };
    for (let i = 0; i < job.workers; i++) {
      const worker = startWorker({ seed: job.seed, trial: job.trial });
      pool.push(worker);
      worker.on('message', (message: WorkerMessage) => {
        if (message.kind === 'error') return fail(new Error(`campaign worker: ${message.message}`));
        if (message.kind === 'outcome') {
          outcomes[message.trial] = message.outcome;
          if (++done === job.trials) {
            for (const w of pool) w.postMessage({ kind: 'stop' } satisfies PoolMessage);
            resolve(outcomes as TrialOutcome[]);
            return;
          }
        }
        feed(worker);
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && done < job.trials) fail(new Error(`campaign worker exited with code ${code}`));
      });
    }
  });
}

/**
 * Start campaign-worker. From TypeScript sources (tsx, vitest) the worker has no
 * TypeScript loader of its own, so a one-line bootstrap registers tsx first;
 * from compiled JavaScript the worker file is started directly.
 */
/** URL of tsx's ESM API (`tsx/esm/api`, import condition), read from its package exports. */
function tsxEsmApi(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as {
    exports: Record<string, { import?: { default?: string } } | string>;
  };
  const entry = pkg.exports['./esm/api'];
  const file = typeof entry === 'object' ? entry.import?.default : undefined;
  if (file === undefined) throw new Error(`tsx at ${pkgPath} has no ESM API to load TypeScript in workers`);
  return pathToFileURL(join(dirname(pkgPath), file)).href;
}

function startWorker(workerData: { seed: number; trial: TrialSpec }): Worker {
  const isTypeScript = import.meta.url.endsWith('.ts');
  const entry = new URL(isTypeScript ? './campaign-worker.ts' : './campaign-worker.js', import.meta.url);
  if (!isTypeScript) return new Worker(entry, { workerData });
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApi())})` +
    `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

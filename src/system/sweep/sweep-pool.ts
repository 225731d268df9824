import { Worker } from 'node:worker_threads';
import type { SweepUnit } from './grid.js';
import { startModuleWorker } from '../../util/module-worker.js';
import type { UnitResult } from './run-unit.js';
import { errorFromMessage, type ErrorMessage } from './unit-error.js';

/**
 * Run sweep units on worker threads: each worker takes the next pending unit
 * when it is free. Which worker runs which unit varies from run to run; the
 * results do not, because a unit depends only on its inputs, and the caller
 * places each result by its unit index.
 */

export interface WorkerData {
  fps: readonly number[];
  seed: number;
  exact: boolean;
}

/** Messages from a worker. */
export type WorkerMessage =
  | { kind: 'ready' }
  | { kind: 'point' }
  | { kind: 'unit'; result: UnitResult }
  | ErrorMessage;

/** Messages to a worker. */
export type PoolMessage = { kind: 'run'; unit: SweepUnit } | { kind: 'stop' };

export interface PoolCallbacks {
  /** A point finished (any unit). */
  onPoint(): void;
  /** A unit finished; may throw to stop the sweep (the error rejects the run). */
  onUnit(result: UnitResult): void;
}

export function runUnitsOnWorkers(units: readonly SweepUnit[], workers: number, data: WorkerData, cb: PoolCallbacks): Promise<void> {
  return new Promise((resolve, reject) => {
    if (units.length === 0) return resolve();
    const pool: Worker[] = [];
    let next = 0;
    let finished = 0;
    let failed = false;
    const stopAll = (): void => {
      for (const w of pool) void w.terminate();
    };
    const fail = (error: Error): void => {
      if (failed) return;
      failed = true;
      stopAll();
      reject(error);
    };
    const feed = (worker: Worker): void => {
      const unit = units[next];
      if (unit === undefined) return worker.postMessage({ kind: 'stop' } satisfies PoolMessage);
      next++;
      worker.postMessage({ kind: 'run', unit } satisfies PoolMessage);
    };
    for (let i = 0; i < Math.min(workers, units.length); i++) {
      const worker = startModuleWorker(new URL('./sweep-worker.ts', import.meta.url), data satisfies WorkerData);
      pool.push(worker);
      worker.on('message', (m: WorkerMessage) => {
        if (failed) return;
        switch (m.kind) {
          case 'ready':
            return feed(worker);
          case 'point':
            return cb.onPoint();
          case 'error':
            return fail(errorFromMessage(m));
          case 'unit':
            try {
              cb.onUnit(m.result);
            } catch (e) {
              return fail(e as Error);
            }
            if (++finished === units.length) {
              stopAll();
              return resolve();
            }
            return feed(worker);
        }
      });
      worker.on('error', fail);
      worker.on('exit', (code) => {
        if (code !== 0 && finished < units.length) fail(new Error(`sweep worker exited with code ${code}`));
      });
    }
  });
}

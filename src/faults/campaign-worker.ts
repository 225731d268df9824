/**
 * Worker-thread entry of a fault campaign: build the trial runner once, then
 * run the trials the main thread hands over, each with the stream of (seed, t).
 */

import { parentPort, workerData } from 'node:worker_threads';
import { loadTrialRunner, trialStream, type TrialSpec } from './campaign.js';
import type { PoolMessage, WorkerMessage } from './campaign-pool.js';

const { seed, trial } = workerData as { seed: number; trial: TrialSpec };
const port = parentPort;
if (port === null) throw new Error('campaign-worker must run in a worker thread');
const send = (message: WorkerMessage): void => port.postMessage(message);

try {
  const runner = await loadTrialRunner(trial);
  port.on('message', async (message: PoolMessage) => {
    if (message.kind === 'stop') {
      port.close();
      return;
    }
    try {
      const outcome = await runner.run(trialStream(seed, message.trial), message.trial);
      send({ kind: 'outcome', trial: message.trial, outcome });
    } catch (e) {
      send({ kind: 'error', message: (e as Error).stack ?? String(e) });
    }
  });
  send({ kind: 'ready' });
} catch (e) {
  send({ kind: 'error', message: (e as Error).stack ?? String(e) });
}

/**
 * Worker-thread entry of a fault campaign: build a campaign's trial runner when
 * the main thread sets it up, then run the trials it hands over, each with the
 * stream of (seed, t). The worker stays up for the next campaign of its pool.
 */

import { parentPort } from 'node:worker_threads';
import { loadTrialRunner, trialStream, type TrialRunner } from './campaign.js';
import type { PoolMessage, WorkerMessage } from './campaign-pool.js';

const port = parentPort;
if (port === null) throw new Error('campaign-worker must run in a worker thread');
const send = (message: WorkerMessage): void => port.postMessage(message);
const failed = (e: unknown): void => send({ kind: 'error', message: (e as Error).stack ?? String(e) });

let runner: TrialRunner | undefined;

port.on('message', async (message: PoolMessage) => {
  try {
    if (message.kind === 'stop') {
      port.close();
    } else if (message.kind === 'setup') {
      runner = await loadTrialRunner(message.trial);
      send({ kind: 'ready' });
    } else {
      if (runner === undefined) throw new Error('trial before setup');
      const outcome = await runner.run(trialStream(message.seed, message.trial), message.trial);
      send({ kind: 'outcome', trial: message.trial, outcome });
    }
  } catch (e) {
    failed(e);
  }
});

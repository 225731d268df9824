/**
 * Worker-thread entry of a fault campaign: build a campaign's trial runner when
 * the main thread sets it up, then run the trials it hands over, each with the
 * stream of (seed, t). The worker stays up for the next campaign of its pool.
 *
 * Messages are handled strictly one after the other: setting up loads modules
 * asynchronously, and a trial handled meanwhile would run on the previous
 * campaign's runner.
 */

import { parentPort } from 'node:worker_threads';
import { loadTrialRunner, trialStream, type TrialRunner } from './campaign.js';
import type { PoolMessage, WorkerMessage } from './campaign-pool.js';

if (parentPort === null) throw new Error('campaign-worker must run in a worker thread');
const port = parentPort;
const send = (message: WorkerMessage): void => port.postMessage(message);

let runner: { job: number; runner: TrialRunner } | undefined;

async function handle(message: PoolMessage): Promise<void> {
  if (message.kind === 'stop') {
    port.close();
    return;
  }
  try {
    if (message.kind === 'setup') {
      runner = { job: message.job, runner: await loadTrialRunner(message.trial) };
      send({ kind: 'ready', job: message.job });
    } else {
      if (runner?.job !== message.job) throw new Error(`trial of campaign ${message.job} before its setup`);
      const outcome = await runner.runner.run(trialStream(message.seed, message.trial), message.trial);
      send({ kind: 'outcome', job: message.job, trial: message.trial, outcome });
    }
  } catch (e) {
    send({ kind: 'error', job: message.job, message: (e as Error).stack ?? String(e) });
  }
}

let queue: Promise<void> = Promise.resolve();
port.on('message', (message: PoolMessage) => {
  queue = queue.then(() => handle(message));
});

/**
 * Worker-thread entry of a sweep: run the units the main thread hands over,
 * one at a time, reporting each finished point (for the progress bar) and
 * each finished unit. The worker loads configs and traces itself from their
 * paths, so only small plain messages cross the thread boundary.
 */

import { parentPort, workerData } from 'node:worker_threads';
import { runUnit } from './run-unit.js';
import type { PoolMessage, WorkerData, WorkerMessage } from './sweep-pool.js';
import { errorToMessage } from './unit-error.js';

const { fps, seed, exact } = workerData as WorkerData;
const port = parentPort;
if (port === null) throw new Error('sweep-worker must run in a worker thread');
const send = (message: WorkerMessage): void => port.postMessage(message);

port.on('message', (message: PoolMessage) => {
  if (message.kind === 'stop') {
    port.close();
    return;
  }
  try {
    const result = runUnit(message.unit, fps, { seed, exact, onPoint: () => send({ kind: 'point' }) });
    send({ kind: 'unit', result });
  } catch (e) {
    // Plain data: a thrown UserError would arrive as a bare Error without its details.
    send(errorToMessage(e));
  }
});
send({ kind: 'ready' });

import type { Picoseconds } from '../engine/time.js';
import type { System } from './system.js';

/**
 * What happens at a frame boundary, in one place so that the frame replay and
 * the composed sweep follow the same protocol.
 */

/**
 * End of an idle gap, before the frame's books are read: weights lost by an
 * `off` DRAM are reloaded from the backing store (a DMA that needs no
 * accelerator) in the time the DRAM powered up early for. Idempotent.
 */
export function preloadBeforeFrame(sys: System): void {
  sys.reload?.preload();
}

/**
 * Frame start: memories wake first; weights still lost are reloaded now (and
 * count against the frame period); the core wakes when its data is there.
 * Returns the time the inference may start.
 */
export function wakeForFrame(sys: System, frameStart: Picoseconds): Picoseconds {
  preloadBeforeFrame(sys);
  let ready = frameStart;
  for (const { name, device } of sys.ledger.powerManaged) if (name !== 'nvdla') ready = Math.max(ready, device.wake(frameStart));
  if (sys.reload !== undefined) ready = sys.reload.readyAt(ready);
  return Math.max(ready, sys.core.wake(ready));
}

/** Frame end: every power-managed device sleeps from `end` until the next frame starts at `nextStart`. */
export function sleepUntilNextFrame(sys: System, end: Picoseconds, nextStart: Picoseconds): void {
  for (const { device } of sys.ledger.powerManaged) device.sleep(end, nextStart);
}

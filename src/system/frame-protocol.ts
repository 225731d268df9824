import { PS_PER_S, psToSeconds, type Picoseconds } from '../engine/time.js';
import { si } from '../util/format.js';
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
  for (const { device } of sys.powerManaged) if (device !== sys.core) ready = Math.max(ready, device.wake(frameStart));
  if (sys.reload !== undefined) ready = sys.reload.readyAt(ready);
  return Math.max(ready, sys.core.wake(ready));
}

/** Frame end: every power-managed device sleeps from `end` until the next frame starts at `nextStart`. */
export function sleepUntilNextFrame(sys: System, end: Picoseconds, nextStart: Picoseconds): void {
  for (const { device } of sys.powerManaged) device.sleep(end, nextStart);
}

/** The frame period at `fps`, in whole ps (what the replay and the composed sweep both simulate). */
export function periodOf(fps: number): Picoseconds {
  return Math.round(PS_PER_S / fps);
}

/** Why a rate cannot be sustained: latency (and wake-up) against the period, and the highest rate that can. */
export function infeasibleReason(fps: number, period: Picoseconds, latency: Picoseconds, wake: Picoseconds): string {
  const total = latency + wake;
  return (
    `infeasible at ${fps} fps: one inference takes ${si(psToSeconds(total), 's', 4)}` +
    (wake > 0 ? ` (including ${si(psToSeconds(wake), 's', 4)} of wake-up)` : '') +
    ` but the frame period is ${si(psToSeconds(period), 's', 4)}; the highest sustainable rate is about ` +
    `${(PS_PER_S / total).toPrecision(4)} fps`
  );
}

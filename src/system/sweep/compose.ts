import { PS_PER_S, psToSeconds, type Picoseconds } from '../../engine/time.js';
import type { System } from '../system.js';
import { coldInference } from '../inference.js';
import { infeasibleReason, periodOf, sleepUntilNextFrame, wakeForFrame } from '../frame-protocol.js';
import { addParts, infeasible as infeasibleBecause, meanParts, measurement, partsBetween, type Parts } from '../measurement.js';
import type { PointMeasurement } from '../replay.js';

export { coldInference, periodOf };

/** The cold-start inference of a system as composition uses it: everything the frame rate does not change. */
export interface ColdStart {
  latency_ps: Picoseconds;
  parts: Parts;
}

/**
 * Steady-state frame periods composed from measured pieces instead of
 * replaying frames: one inference from a cold start with every device awake,
 * and, per frame rate, the idle gap between two frames measured on a fresh
 * system, O(1) whatever its length.
 *
 * Why this is exact up to the DRAM refresh phase: nothing during an inference
 * depends on the frame rate. The idle policy acts only between frames, and its
 * exit leaves every device as a cold start does (the core and gated memories
 * powered with their data intact; LPDDR4 out of power-down, self-refresh or
 * off, with its weights reloaded after off), so every steady-state inference
 * repeats the cold one: same commands, same latency, same energy. The gap is a
 * function of its length only: devices enter their low-power states at fixed
 * thresholds, draw a constant power in each and pay a fixed wake-up. It is
 * measured over the same absolute times as a steady frame's gap (sleep at the
 * inference's end, wake at the next frame start), so clock rounding matches.
 * Not reproduced: (1) LPDDR4 refreshes every tREFI whatever the frames do, so
 * where the refresh grid falls in a period moves a REF per channel between the
 * inference and the gap (±1 refresh of energy, ±tRFC of latency when it
 * collides with traffic); a replay of a few frames is off by as much from the
 * long-run mean; (2) the rows the inference leaves open are closed in the gap
 * of a replay (one PREA, and active instead of precharged standby until then),
 * while the fresh system's rows are closed. Both are a few refreshes' worth of
 * energy per frame; test/unit/sweep/compose.test.ts bounds them against
 * `replayFrames`.
 *
 * The wake-up latency w shortens the gap (gap = period − latency − w) and
 * depends on it through the "sleep only if it saves energy" rules: w = f(w).
 * A longer gap puts no fewer devices to sleep, so f does not increase with w:
 * frames iterated from a cold one (w = 0, as a replay starts) settle on its
 * fixed point, or on a two-frame cycle (a device sleeping every other frame),
 * which is averaged.
 */

/** An idle gap measured on a fresh system, and the wake-up latency it ends with. */
interface IdlePiece {
  /** Wake-up latency at the next frame start, ps. */
  wake_ps: Picoseconds;
  parts: Parts;
}

/**
 * The gap of a steady frame that began with wake-up latency `w`: on a fresh
 * system, stay awake up to the inference's end (w + latency), sleep until the
 * next frame start `period`, wake there and measure up to the moment every
 * device accepts requests again.
 */
function idlePiece(fresh: System, cold: ColdStart, w: Picoseconds, period: Picoseconds): IdlePiece {
  const { stats } = fresh;
  const end = w + cold.latency_ps;
  const a = stats.snapshot(end);
  sleepUntilNextFrame(fresh, end, period);
  const ready = wakeForFrame(fresh, period);
  const b = stats.snapshot(ready);
  return { wake_ps: ready - period, parts: partsBetween(a, b) };
}

/** Most wake-ups a composition tries before declaring the wake-up rules inconsistent (a bug). */
const MAX_WAKE_ITERATIONS = 8;

/**
 * Wake-up latencies closer than this are the same steady state. Frame starts
 * fall at a different phase of the LPDDR4 clock every frame (tCK = 0.625 ns),
 * so the wake-up jitters by up to one clock from frame to frame in a replay as
 * well; assumption: 1 ns is above that jitter and far below any wake-up that
 * changes a decision (tXP = 7.5 ns, gated memories 100 ns, a weight reload).
 * A composed period may then count up to 1 ns more or less of background at
 * the wake-up (4e-7 of a period at ResNet-50's maximum rate).
 */
export const WAKE_TOLERANCE_ps = 1000;

/**
 * A gap long enough for every policy to reach its deepest state (assumption:
 * 1 s, against thresholds of µs and a 2.2 ms LPDDR4 power-up).
 */
const DEEP_GAP_ps = PS_PER_S;

/** What the composition of every rate of one system shares. */
export interface Composer {
  fresh: () => System;
  cold: ColdStart;
  /** Wake-up latency after a long gap: the first guess of a rate's steady wake-up (right at all but the highest rates). */
  deepWake_ps: Picoseconds;
}

export function composer(fresh: () => System, cold: ColdStart): Composer {
  const deep = idlePiece(fresh(), cold, 0, cold.latency_ps + DEEP_GAP_ps);
  return { fresh, cold, deepWake_ps: deep.wake_ps };
}

/**
 * The steady-state frame period at `fps`, composed from the cold inference and
 * one or a few gaps measured on fresh systems: O(1) whatever the period. Rates
 * whose period is shorter than one inference are rejected before anything is
 * built. The guess (the wake-up after a long gap) is tried first; when it is
 * not the steady state, frames are iterated from a cold start.
 */
export function composePeriod(c: Composer, fps: number): PointMeasurement {
  const period = periodOf(fps);
  const L = c.cold.latency_ps;
  if (L > period) return infeasible(fps, period, L, 0);
  const same = (a: Picoseconds, b: Picoseconds | undefined): boolean => b !== undefined && Math.abs(a - b) <= WAKE_TOLERANCE_ps;
  if (L + c.deepWake_ps <= period) {
    const piece = idlePiece(c.fresh(), c.cold, c.deepWake_ps, period);
    if (same(piece.wake_ps, c.deepWake_ps)) return steady(fps, period, c.cold, [piece]);
  }
  // ws[i] starts the frame whose gap is pieces[i]; that gap's wake-up starts the next frame.
  const ws: Picoseconds[] = [0];
  const pieces: IdlePiece[] = [];
  for (let i = 0; i < MAX_WAKE_ITERATIONS; i++) {
    const piece = idlePiece(c.fresh(), c.cold, ws[i] as Picoseconds, period);
    if (L + piece.wake_ps > period) return infeasible(fps, period, L, piece.wake_ps);
    pieces.push(piece);
    ws.push(piece.wake_ps);
    // Fixed point: this gap's wake-up is the one it started with. Two-frame cycle: the one before.
    if (same(piece.wake_ps, ws[i])) return steady(fps, period, c.cold, [piece]);
    if (i >= 1 && same(piece.wake_ps, ws[i - 1])) return steady(fps, period, c.cold, pieces.slice(i - 1));
  }
  throw new Error(`frame composition at ${fps} fps: wake-up latency did not settle after ${MAX_WAKE_ITERATIONS} gaps`);
}

/** The cold inference plus the steady gap (the mean of a two-frame cycle). */
function steady(fps: number, period: Picoseconds, cold: ColdStart, used: IdlePiece[]): PointMeasurement {
  const period_s = psToSeconds(period);
  return {
    fps,
    period_s,
    latency_s: psToSeconds(cold.latency_ps + Math.max(...used.map((p) => p.wake_ps))),
    ...measurement(addParts(cold.parts, meanParts(used.map((p) => p.parts))), period_s),
  };
}

/** A rate whose period is shorter than the inference (plus the wake-up before it). */
export function infeasible(fps: number, period: Picoseconds, latency: Picoseconds, wake: Picoseconds): PointMeasurement {
  return { fps, period_s: psToSeconds(period), latency_s: psToSeconds(latency + wake), ...infeasibleBecause(infeasibleReason(fps, period, latency, wake)) };
}

import { PS_PER_S, psToSeconds, type Picoseconds } from '../../engine/time.js';
import { diffNested, type Nested as ComponentEnergy, type StatsSnapshot as LedgerSnapshot } from '../../engine/stats.js';
import type { System } from '../system.js';
import { coldInference, type ColdInference } from '../inference.js';

export { coldInference, periodOf, type ColdInference };
import { infeasibleReason, periodOf, sleepUntilNextFrame, wakeForFrame } from '../frame-protocol.js';

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

/** The cold-start inference of a system: everything the frame rate does not change. */

/** One frame period at one rate, composed or replayed. Infeasible periods carry a reason and no numbers. */
export type PeriodResult =
  | {
      fps: number;
      period_s: number;
      feasible: true;
      /** Wake-up plus inference, s. */
      latency_s: number;
      energy_J: ComponentEnergy;
      residency_s: Record<string, Record<string, number>>;
      /** Background energy by device and power state, J (part of energy_J). */
      stateEnergy_J: Record<string, Record<string, number>>;
    }
  | { fps: number; period_s: number; feasible: false; reason: string; latency_s: number };



interface IdlePiece {
  /** Wake-up latency at the next frame start, ps. */
  wake_ps: Picoseconds;
  energy_J: ComponentEnergy;
  residency_s: Record<string, Record<string, number>>;
  stateEnergy_J: Record<string, Record<string, number>>;
}

/**
 * The gap of a steady frame that began with wake-up latency `w`: on a fresh
 * system, stay awake up to the inference's end (w + latency), sleep until the
 * next frame start `period`, wake there and measure up to the moment every
 * device accepts requests again.
 */
function idlePiece(fresh: System, cold: ColdInference, w: Picoseconds, period: Picoseconds): IdlePiece {
  const { stats } = fresh;
  const end = w + cold.latency_ps;
  const a: LedgerSnapshot = stats.snapshot(end);
  sleepUntilNextFrame(fresh, end, period);
  const ready = wakeForFrame(fresh, period);
  const b = stats.snapshot(ready);
  return {
    wake_ps: ready - period,
    energy_J: diffNested(a.energy_J, b.energy_J),
    residency_s: diffNested(a.residency_s, b.residency_s),
    stateEnergy_J: diffNested(a.stateEnergy_J, b.stateEnergy_J),
  };
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
  cold: ColdInference;
  /** Wake-up latency after a long gap: the first guess of a rate's steady wake-up (right at all but the highest rates). */
  deepWake_ps: Picoseconds;
}

export function composer(fresh: () => System, cold: ColdInference): Composer {
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
export function composePeriod(c: Composer, fps: number): PeriodResult {
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
function steady(fps: number, period: Picoseconds, cold: ColdInference, used: IdlePiece[]): PeriodResult {
  return {
    fps,
    period_s: psToSeconds(period),
    feasible: true,
    latency_s: psToSeconds(cold.latency_ps + Math.max(...used.map((p) => p.wake_ps))),
    energy_J: addNested(cold.energy_J, average(used.map((p) => p.energy_J))),
    residency_s: addNested(cold.residency_s, average(used.map((p) => p.residency_s))),
    stateEnergy_J: addNested(cold.stateEnergy_J, average(used.map((p) => p.stateEnergy_J))),
  };
}

export function infeasible(fps: number, period: Picoseconds, latency: Picoseconds, wake: Picoseconds): PeriodResult {
  const total = latency + wake;
  const reason = infeasibleReason(fps, period, latency, wake);
  return { fps, period_s: psToSeconds(period), feasible: false, reason, latency_s: psToSeconds(total) };
}

/** a + scale·b term by term (terms missing on one side count as 0). */
function addNested(a: ComponentEnergy, b: ComponentEnergy, scale = 1): ComponentEnergy {
  const out: ComponentEnergy = {};
  for (const [src, k] of [[a, 1], [b, scale]] as const) {
    for (const [comp, terms] of Object.entries(src)) {
      const o = (out[comp] ??= {});
      for (const [term, v] of Object.entries(terms)) o[term] = (o[term] ?? 0) + v * k;
    }
  }
  return out;
}

function average(list: ComponentEnergy[]): ComponentEnergy {
  return list.reduce<ComponentEnergy>((sum, e) => addNested(sum, e, 1 / list.length), {});
}

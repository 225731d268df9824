import { PS_PER_S, psToSeconds, type Picoseconds } from '../../engine/time.js';
import { si } from '../../report/format.js';
import { diffNested, type ComponentEnergy, type LedgerSnapshot } from '../energy-ledger.js';
import { runInference, type InferenceRun } from '../inference.js';
import type { System } from '../system.js';
import { sleepUntilNextFrame, wakeForFrame } from './frame-protocol.js';

/**
 * Steady-state frame periods composed from two measured pieces instead of
 * replaying frames: one inference from a cold start with every device awake,
 * and, per frame rate, one idle gap measured on a fresh system.
 *
 * Why this is exact (up to the DRAM refresh phase): nothing that happens during
 * an inference depends on the frame rate. The idle policy only acts between
 * frames, and its exit leaves every device as a cold start does (gated memories
 * and the core powered with their data intact; LPDDR4 out of power-down,
 * self-refresh or off with its banks precharged), so every steady-state
 * inference repeats the cold one: same commands, same latency, same energy. The
 * gap between frames is a pure function of its length: devices enter their
 * low-power states on fixed thresholds, leak at constant power in each, and pay
 * a fixed wake-up; its energy is measured on a fresh system over the same
 * absolute times as a steady frame (sleep at the inference's end, wake at the
 * next frame start), so clock rounding matches too. What is not reproduced:
 * (1) the LPDDR4 refresh grid runs on regardless of frames, so where it falls
 * within a period moves one REF per channel between inference and gap (energy
 * ±1 refresh, latency ±tRFC when it collides with traffic); (2) under
 * `standby` the rows left open by one frame can turn the next frame's first
 * access into a row hit. Both are bounded by a few refreshes' energy per frame,
 * which test/unit/sweep/compose.test.ts checks against `replayFrames`.
 *
 * The wake-up latency w after a gap shortens that gap (gap = period − latency −
 * w) and, through the "gate only if it saves energy" rules, w depends on the
 * gap: w = f(period − latency − w). f does not increase with its argument's w
 * (a longer gap gates no fewer devices), so iterating from a cold frame (w = 0,
 * as replay starts) reaches its fixed point, or a two-frame cycle at the one
 * rate band where a device gates every other frame; the cycle is averaged.
 */

/** The cold-start inference of a system: everything the frame rate does not change. */
export interface ColdInference {
  latency_ps: Picoseconds;
  /** Energy of the inference by component and term, J. */
  energy_J: ComponentEnergy;
  /** Time in each power state during the inference, s. */
  residency_s: Record<string, Record<string, number>>;
  /** Events the inference took. */
  events: number;
}

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
    }
  | { fps: number; period_s: number; feasible: false; reason: string; latency_s: number };

/** Run one inference on a freshly built system whose devices are all awake at t = 0. */
export function coldInference(sys: System): ColdInference {
  const before = sys.ledger.snapshot(0);
  const eventsBefore = sys.sim.eventsProcessed;
  let run: InferenceRun | undefined;
  runInference(sys, (r) => (run = r));
  sys.sim.run();
  if (run === undefined) throw new Error('inference did not complete: an event chain stopped early');
  const after = sys.ledger.snapshot(run.end);
  return {
    latency_ps: run.end - run.start,
    energy_J: diffNested(before.energy_J, after.energy_J),
    residency_s: diffNested(before.residency_s, after.residency_s),
    events: sys.sim.eventsProcessed - eventsBefore,
  };
}

/** The frame period in ps, rounded as `replayFrames` rounds it. */
export function periodOf(fps: number): Picoseconds {
  return Math.round(PS_PER_S / fps);
}

interface IdlePiece {
  /** Wake-up latency at the next frame start, ps. */
  wake_ps: Picoseconds;
  energy_J: ComponentEnergy;
  residency_s: Record<string, Record<string, number>>;
}

/**
 * The gap of a steady frame that began with wake-up latency `w`: on a fresh
 * system, stay awake up to the inference's end (w + latency), sleep until the
 * next frame start `period`, wake there and measure up to the moment every
 * device accepts requests again.
 */
function idlePiece(fresh: System, cold: ColdInference, w: Picoseconds, period: Picoseconds): IdlePiece {
  const { ledger } = fresh;
  const end = w + cold.latency_ps;
  const a: LedgerSnapshot = ledger.snapshot(end);
  sleepUntilNextFrame(fresh, end, period);
  const ready = wakeForFrame(fresh, period);
  const b = ledger.snapshot(ready);
  return { wake_ps: ready - period, energy_J: diffNested(a.energy_J, b.energy_J), residency_s: diffNested(a.residency_s, b.residency_s) };
}

/** Most wake-ups a composition tries before declaring the wake-up rules inconsistent (a bug). */
const MAX_WAKE_ITERATIONS = 8;

/**
 * The steady-state frame period at `fps` composed from the cold inference and
 * measured gaps (`freshSystem` builds an untouched copy of the system). O(1) in
 * the frame period; rates whose period is shorter than one inference are
 * rejected before anything is built.
 */
export function composePeriod(freshSystem: () => System, cold: ColdInference, fps: number): PeriodResult {
  const period = periodOf(fps);
  const period_s = psToSeconds(period);
  const L = cold.latency_ps;
  if (L > period) return infeasible(fps, period, L, 0);
  // ws[i] starts the frame whose gap is pieces[i]; that gap's wake-up starts the next frame.
  const ws: Picoseconds[] = [0];
  const pieces: IdlePiece[] = [];
  for (let i = 0; i < MAX_WAKE_ITERATIONS; i++) {
    const piece = idlePiece(freshSystem(), cold, ws[i] as Picoseconds, period);
    if (L + piece.wake_ps > period) return infeasible(fps, period, L, piece.wake_ps);
    pieces.push(piece);
    ws.push(piece.wake_ps);
    // Fixed point: this gap's wake-up is the one it started with. Two-frame cycle: the one before.
    const used = piece.wake_ps === ws[i] ? [piece] : i >= 1 && piece.wake_ps === ws[i - 1] ? pieces.slice(i - 1) : undefined;
    if (used === undefined) continue;
    return {
      fps,
      period_s,
      feasible: true,
      latency_s: psToSeconds(L + Math.max(...used.map((p) => p.wake_ps))),
      energy_J: addNested(cold.energy_J, average(used.map((p) => p.energy_J))),
      residency_s: addNested(cold.residency_s, average(used.map((p) => p.residency_s))),
    };
  }
  throw new Error(`frame composition at ${fps} fps: wake-up latency did not settle after ${MAX_WAKE_ITERATIONS} gaps`);
}

export function infeasible(fps: number, period: Picoseconds, latency: Picoseconds, wake: Picoseconds): PeriodResult {
  const total = latency + wake;
  const reason =
    `infeasible at ${fps} fps: one inference takes ${si(psToSeconds(total), 's', 4)}` +
    (wake > 0 ? ` (including ${si(psToSeconds(wake), 's', 4)} of wake-up)` : '') +
    ` but the frame period is ${si(psToSeconds(period), 's', 4)}; the highest sustainable rate is about ` +
    `${(PS_PER_S / total).toPrecision(4)} fps`;
  return { fps, period_s: psToSeconds(period), feasible: false, reason, latency_s: psToSeconds(total) };
}

function addNested(a: ComponentEnergy, b: ComponentEnergy): ComponentEnergy {
  const zero: ComponentEnergy = {};
  const out = diffNested(zero, a);
  for (const [comp, terms] of Object.entries(b)) {
    const o = (out[comp] ??= {});
    for (const [term, v] of Object.entries(terms)) o[term] = (o[term] ?? 0) + v;
  }
  return out;
}

function average(list: ComponentEnergy[]): ComponentEnergy {
  let sum: ComponentEnergy = {};
  for (const e of list) sum = addNested(sum, e);
  return diffNested({}, sum, 1 / list.length);
}

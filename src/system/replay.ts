import { Priority } from '../engine/event-queue.js';
import { psToSeconds, type Picoseconds } from '../engine/time.js';
import { diffNested, sumNested, type StatsSnapshot as LedgerSnapshot } from '../engine/stats.js';
import { infeasibleReason, periodOf, preloadBeforeFrame, sleepUntilNextFrame, wakeForFrame } from './frame-protocol.js';
import { runInference, type InferenceRun } from './inference.js';
import type { System } from './system.js';

/** The result of running frames at one frame rate. Infeasible points carry a reason and no numbers. */
export type FramePoint =
  | {
      fps: number;
      feasible: true;
      period_s: number;
      /** Latency of the measured frames (wake-up to last output), s. */
      latency_s: number;
      power_W: number;
      energy_per_inference_J: number;
      breakdown_J: Record<string, Record<string, number>>;
      residency_s: Record<string, Record<string, number>>;
      /** Background energy per frame period by device and power state, J (same keys as residency_s). */
      state_energy_J: Record<string, Record<string, number>>;
      /** The DRAM's share of residency_s (absent without DRAM), s per frame period by power state. */
      dram_state_residency_s?: Record<string, number>;
      framesMeasured: number;
      events: number;
    }
  | { fps: number; feasible: false; reason: string; latency_s: number; period_s: number; events: number };

/**
 * Replay `frames` frames at `fps`: frame k starts at k/fps; devices wake at the
 * frame start, the inference runs, and the devices sleep until the next frame
 * (their idle policy decides how deeply). The first frame warms up the state;
 * energy and power are measured over the whole periods of the frames after it
 * (all frames when only one is run), so the figures are steady-state.
 */
export function replayFrames(sys: System, fps: number, frames: number): FramePoint {
  const { sim, stats } = sys;
  const period: Picoseconds = periodOf(fps);
  const period_s = psToSeconds(period);
  const snapshots: LedgerSnapshot[] = [];
  let worstLatency = 0;
  let failure: string | undefined;
  let k = 0;

  const startFrame = (): void => {
    const frameStart = sim.now;
    // A reload ahead of the frame belongs to the gap before it: run it before the frame's books are read.
    preloadBeforeFrame(sys);
    snapshots.push(stats.snapshot(frameStart));
    if (k === frames) return;
    // The reload of weights lost by an `off` DRAM counts against the frame period.
    const ready = wakeForFrame(sys, frameStart);
    sim.at(ready, Priority.CONTROL, () =>
      runInference(sys, (run: InferenceRun) => {
        const latency = run.end - frameStart;
        worstLatency = Math.max(worstLatency, latency);
        if (latency > period) {
          failure = infeasibleReason(fps, period, latency - (ready - frameStart), ready - frameStart);
          return;
        }
        k++;
        const nextStart = k * period;
        sleepUntilNextFrame(sys, run.end, nextStart);
        sim.at(nextStart, Priority.CONTROL, startFrame);
      }),
    );
  };

  const eventsBefore = sim.eventsProcessed;
  sim.at(sim.now, Priority.CONTROL, startFrame);
  sim.run();
  const events = sim.eventsProcessed - eventsBefore;
  if (failure !== undefined) {
    return { fps, feasible: false, reason: failure, latency_s: psToSeconds(worstLatency), period_s, events };
  }
  // Warm-up frame excluded when there is more than one.
  const first = frames > 1 ? 1 : 0;
  const a = snapshots[first];
  const b = snapshots[frames];
  if (a === undefined || b === undefined) throw new Error('replay ended without its frame snapshots');
  const measured = frames - first;
  const breakdown = diffNested(a.energy_J, b.energy_J, 1 / measured);
  const energy = sumNested(breakdown);
  const residency = diffNested(a.residency_s, b.residency_s, 1 / measured);
  return {
    fps,
    feasible: true,
    period_s,
    latency_s: psToSeconds(worstLatency),
    power_W: energy / period_s,
    energy_per_inference_J: energy,
    breakdown_J: breakdown,
    residency_s: residency,
    state_energy_J: diffNested(a.stateEnergy_J, b.stateEnergy_J, 1 / measured),
    ...(residency.dram === undefined ? {} : { dram_state_residency_s: residency.dram }),
    framesMeasured: measured,
    events,
  };
}


import { Priority } from '../engine/event-queue.js';
import { psToSeconds, type Picoseconds } from '../engine/time.js';
import type { StatsSnapshot as LedgerSnapshot } from '../engine/stats.js';
import { infeasible, measurement, partsBetween, type Measured } from './measurement.js';
import { infeasibleReason, periodOf, preloadBeforeFrame, sleepUntilNextFrame, wakeForFrame } from './frame-protocol.js';
import { runInference, type InferenceRun } from './inference.js';
import type { System } from './system.js';

/** What names a frame period's measurement: the rate, and the latency of its frames. */
export interface PointContext {
  fps: number;
  /** 1 / fps, s (the measured interval when feasible). */
  period_s: number;
  /** Wake-up to last output of the slowest measured frame, s; null when the system cannot run the trace at all. */
  latency_s: number | null;
  /** Frames measured by a replay (absent when the period was composed). */
  framesMeasured?: number;
  /** Simulator events of a replay (absent when composed). */
  events?: number;
}

/** One frame period at one rate, replayed or composed; infeasible periods carry a reason and no figures. */
export type PointMeasurement = Measured<PointContext>;

/**
 * Replay `frames` frames at `fps`: frame k starts at k/fps; devices wake at the
 * frame start, the inference runs, and the devices sleep until the next frame
 * (their idle policy decides how deeply). The first frame warms up the state;
 * energy and power are measured over the whole periods of the frames after it
 * (all frames when only one is run), so the figures are steady-state.
 */
export function replayFrames(sys: System, fps: number, frames: number): PointMeasurement {
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
    return { fps, period_s, latency_s: psToSeconds(worstLatency), events, ...infeasible(failure) };
  }
  // Warm-up frame excluded when there is more than one.
  const first = frames > 1 ? 1 : 0;
  const a = snapshots[first];
  const b = snapshots[frames];
  if (a === undefined || b === undefined) throw new Error('replay ended without its frame snapshots');
  const measured = frames - first;
  return {
    fps,
    period_s,
    latency_s: psToSeconds(worstLatency),
    framesMeasured: measured,
    events,
    ...measurement(partsBetween(a, b, 1 / measured), period_s),
  };
}


import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { distinct } from './series.js';

/** Default rates of the breakdown plot and the report's rate table, fps (assumption: low, mid and video rates). */
export const DEFAULT_RATES_fps: readonly number[] = [1, 10, 30];

/** A requested frame rate and the swept rate used for it. */
export interface ChosenRate {
  requested_fps: number;
  fps: number;
}

/** Distance of two rates on a log scale. */
const logDistance = (a: number, b: number): number => Math.abs(Math.log(a / b));

/**
 * For each requested rate the nearest rate present in the rows, nearest on a
 * log scale (3 fps is as far from 1 as from 9); ties go to the lower rate.
 * Several requests that land on the same swept rate keep the one nearest to
 * it (the first of equals), so a rate asked for exactly is reported as asked:
 * rates 1, 10, 30 on a run of 30 fps alone give 30 fps "asked 30", never
 * "nearest to 1". Returned in ascending order of the swept rate.
 */
export function chooseRates(rows: readonly SweepRow[], requested: readonly number[]): ChosenRate[] {
  const available = distinct(rows.map((r) => r.fps)).sort((a, b) => a - b);
  const out: ChosenRate[] = [];
  for (const want of requested) {
    let best: number | undefined;
    let bestD = Infinity;
    for (const fps of available) {
      const d = logDistance(fps, want);
      if (d < bestD - 1e-12) {
        bestD = d;
        best = fps;
      }
    }
    if (best === undefined) continue;
    const same = out.findIndex((c) => c.fps === best);
    if (same < 0) out.push({ requested_fps: want, fps: best });
    else if (bestD < logDistance(best, (out[same] as ChosenRate).requested_fps) - 1e-12) out[same] = { requested_fps: want, fps: best };
  }
  return out.sort((a, b) => a.fps - b.fps);
}

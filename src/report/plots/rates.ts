import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { distinct } from './series.js';

/** Default rates of the breakdown plot and the report's rate table, fps (assumption: low, mid and video rates). */
export const DEFAULT_RATES_fps: readonly number[] = [1, 10, 30];

/** A requested frame rate and the swept rate used for it. */
export interface ChosenRate {
  requested_fps: number;
  fps: number;
}

/**
 * For each requested rate the nearest rate present in the rows, nearest on a
 * log scale (3 fps is as far from 1 as from 9); ties go to the lower rate.
 * Two requests that land on the same swept rate keep only the first.
 * Returned in ascending order of the swept rate.
 */
export function chooseRates(rows: readonly SweepRow[], requested: readonly number[]): ChosenRate[] {
  const available = distinct(rows.map((r) => r.fps)).sort((a, b) => a - b);
  const out: ChosenRate[] = [];
  for (const want of requested) {
    let best: number | undefined;
    let bestD = Infinity;
    for (const fps of available) {
      const d = Math.abs(Math.log(fps / want));
      if (d < bestD - 1e-12) {
        bestD = d;
        best = fps;
      }
    }
    if (best !== undefined && !out.some((c) => c.fps === best)) out.push({ requested_fps: want, fps: best });
  }
  return out.sort((a, b) => a.fps - b.fps);
}

import { benchSweep } from '../src/system/sweep/bench.js';

/** Benchmarks of the sweep and the fault campaigns. */
export async function extraBenches(): Promise<string[]> {
  const s = await benchSweep();
  return [
    `maxnvm sweep, ${s.points} points (${s.units} units, ${s.workers} workers): ${s.wall_s.toFixed(1)} s, ` +
      `${s.pointsPerSecond.toFixed(0)} points/s, ${s.coresBusy.toFixed(2)} cores busy (target < 30 s, both cores)`,
    `  one more frame rate on a simulated system costs ${(s.perRate_s * 1e3).toFixed(2)} ms = ${s.rateToInferenceRatio.toFixed(4)} × one inference (${(s.inference_s * 1e3).toFixed(0)} ms)`,
  ];
}

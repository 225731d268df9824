import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildSystem } from '../build.js';
import { coldInference, composePeriod, composer } from './compose.js';
import { logSpacedRates, resolveGrid, unitConfig, unitTrace, type SweepGrid } from './grid.js';
import { runSweepUnits } from './run-sweep.js';

/**
 * The sweep benchmark of issue 4: 200 log-spaced frame rates × 6 systems on
 * pruned ResNet-50 (the NVDLA + LPDDR4 baseline under four DRAM idle policies,
 * and two MaxNVM eNVM systems), on every core. Also measures, in this thread,
 * what one more rate costs on a system whose inference is already simulated,
 * against what the inference itself costs.
 */

const BENCH_GRID: SweepGrid = {
  archFiles: ['arch-configs/nvdla-full-lpddr4.json', 'arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json', 'arch-configs/maxnvm-ctt-3bpc-bitmask-ecc-idxsync.json'],
  traceFiles: ['traces/resnet50-v1.5-str81.json'],
  fps: logSpacedRates(0.1, 300, 200),
  policies: ['power-down', 'self-refresh', 'off', 'best'],
  seed: 1,
};

export interface SweepBenchResult {
  points: number;
  units: number;
  workers: number;
  wall_s: number;
  pointsPerSecond: number;
  /** Process CPU time (all threads) over wall time: about the number of cores kept busy. */
  coresBusy: number;
  /** One cold inference on the slowest-to-simulate system (the LPDDR4 baseline), s. */
  inference_s: number;
  /** One more composed rate on that system, s (mean over the grid's feasible rates). */
  perRate_s: number;
  /** perRate_s / inference_s. */
  rateToInferenceRatio: number;
}

export async function benchSweep(grid: SweepGrid = BENCH_GRID, workers = availableParallelism()): Promise<SweepBenchResult> {
  const out = mkdtempSync(join(tmpdir(), 'maxnvm-sweep-bench-'));
  try {
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const outcome = await runSweepUnits(grid, { out, workers });
    const wall_s = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const points = outcome.rows.length;
    return { points, units: outcome.units.length, workers, wall_s, pointsPerSecond: points / wall_s, coresBusy: (cpu.user + cpu.system) / 1e6 / wall_s, ...rateCost(grid) };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

/** Time one cold inference and the composition of every feasible rate on the grid's first unit, in this thread. */
function rateCost(grid: SweepGrid): Pick<SweepBenchResult, 'inference_s' | 'perRate_s' | 'rateToInferenceRatio'> {
  const unit = resolveGrid(grid).units[0];
  if (unit === undefined) throw new Error('bench grid has no unit');
  const config = unitConfig(unit);
  const trace = unitTrace(unit);
  const fresh = (): ReturnType<typeof buildSystem> => buildSystem(config, trace, { seed: grid.seed });
  fresh(); // warm the sizing caches and the JIT, as a sweep unit's first build does
  const t0 = performance.now();
  const cold = coldInference(fresh());
  const inference_s = (performance.now() - t0) / 1000;
  const rates = grid.fps.filter((f) => 1 / f >= cold.latency_ps * 1e-12);
  const t1 = performance.now();
  const c = composer(fresh, cold);
  for (const f of rates) composePeriod(c, f);
  const perRate_s = (performance.now() - t1) / 1000 / Math.max(1, rates.length);
  return { inference_s, perRate_s, rateToInferenceRatio: perRate_s / inference_s };
}

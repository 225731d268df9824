import { availableParallelism } from 'node:os';
import { benchSweep } from '../src/system/sweep/bench.js';
import { parseSetFlag } from '../src/system/sweep/design/set-values.js';

/**
 * Design-space grids as README "Large studies" runs them: nv_full + LPDDR4 designs (clock, DRAM channels, port
 * bandwidth) × 3 frame rates on ResNet-50, every design feasible, on every core. Two sizes, so that the fixed cost
 * (worker start-up, the first inferences before the JIT has compiled the simulator) is apart from the cost per
 * design. The cost per further design is taken in CPU time (this process, all threads), which other jobs on a
 * shared machine disturb far less than wall time; 10,000 designs on 2 free cores take about the small grid's wall
 * time plus the other designs' CPU time over 2 (target < 10 min).
 */
const SMALL = ['nvdla.clock_GHz=0.5,0.8,1,1.25,2', 'dram.channels=2,4', 'memoryPort.peakBandwidth_GBps=5:50:5'];
const LARGE = ['nvdla.clock_GHz=0.5,0.8,1,1.25,2', 'dram.channels=1,2,4,8', 'memoryPort.peakBandwidth_GBps=5:50:10'];
const RATES = [1, 10, 30];
const CORES = 2;

export interface GridBench {
  workers: number;
  small: { designs: number; wall_s: number; cpu_s: number };
  large: { designs: number; points: number; wall_s: number; cpu_s: number; pointsPerSecond: number; coresBusy: number };
  /** CPU time per design beyond the small grid, s (NaN when the machine was too busy to tell). */
  marginalCpu_s: number;
  /** 10,000 designs × 3 rates on 2 free cores: the small grid, then the others' CPU time over 2 cores, s. */
  tenThousandDesigns_s: number;
}

async function run(sets: readonly string[], workers: number): Promise<{ designs: number; points: number; wall_s: number; cpu_s: number; pointsPerSecond: number; coresBusy: number }> {
  const grid = { archFiles: ['arch-configs/nvdla-full-lpddr4.json'], traceFiles: ['traces/resnet50-v1.5.json'], fps: RATES, seed: 1, set: sets.map(parseSetFlag) };
  const r = await benchSweep(grid, workers);
  return { designs: r.units, points: r.points, wall_s: r.wall_s, cpu_s: r.coresBusy * r.wall_s, pointsPerSecond: r.pointsPerSecond, coresBusy: r.coresBusy };
}

export async function benchGrid(workers = availableParallelism()): Promise<GridBench> {
  const small = await run(SMALL, workers);
  const large = await run(LARGE, workers);
  const m = (large.cpu_s - small.cpu_s) / (large.designs - small.designs);
  const marginalCpu_s = m > 0 ? m : NaN;
  return {
    workers,
    small: { designs: small.designs, wall_s: small.wall_s, cpu_s: small.cpu_s },
    large,
    marginalCpu_s,
    tenThousandDesigns_s: small.wall_s + ((10_000 - small.designs) * marginalCpu_s) / CORES,
  };
}

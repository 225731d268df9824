import { availableParallelism } from 'node:os';
import { benchSweep } from '../src/system/sweep/bench.js';
import { parseSetFlag } from '../src/system/sweep/design/set-values.js';

/**
 * Design-space grids as README "Large studies" runs them: nv_full + LPDDR4 designs (clock, DRAM channels, port
 * bandwidth) × 3 frame rates on ResNet-50, every design feasible, on every core. Two sizes, so that the fixed cost
 * (worker start-up, the first inferences before the JIT has compiled the simulator) is apart from the cost per
 * design: 10,000 designs take the small grid's time plus the marginal cost of the others (target < 10 min on
 * 2 cores).
 */
const SMALL = ['nvdla.clock_GHz=0.5,0.8,1,1.25,2', 'dram.channels=2,4', 'memoryPort.peakBandwidth_GBps=5:50:5'];
const LARGE = ['nvdla.clock_GHz=0.5,0.8,1,1.25,2', 'dram.channels=1,2,4,8', 'memoryPort.peakBandwidth_GBps=5:50:10'];
const RATES = [1, 10, 30];

export interface GridBench {
  workers: number;
  small: { designs: number; wall_s: number };
  large: { designs: number; points: number; wall_s: number; pointsPerSecond: number; coresBusy: number };
  /** Wall time per design beyond the small grid, s. */
  marginal_s: number;
  /** 10,000 designs × 3 rates: the small grid plus the others at the marginal cost, s. */
  tenThousandDesigns_s: number;
}

async function run(sets: readonly string[], workers: number): Promise<Awaited<ReturnType<typeof benchSweep>>> {
  const grid = { archFiles: ['arch-configs/nvdla-full-lpddr4.json'], traceFiles: ['traces/resnet50-v1.5.json'], fps: RATES, seed: 1, set: sets.map(parseSetFlag) };
  return benchSweep(grid, workers);
}

export async function benchGrid(workers = availableParallelism()): Promise<GridBench> {
  const s = await run(SMALL, workers);
  const l = await run(LARGE, workers);
  const marginal_s = (l.wall_s - s.wall_s) / (l.units - s.units);
  return {
    workers,
    small: { designs: s.units, wall_s: s.wall_s },
    large: { designs: l.units, points: l.points, wall_s: l.wall_s, pointsPerSecond: l.pointsPerSecond, coresBusy: l.coresBusy },
    marginal_s,
    tenThousandDesigns_s: s.wall_s + (10_000 - s.units) * marginal_s,
  };
}

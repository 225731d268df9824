// One inference timed as `npm run bench` times it (also run alone: node --import tsx bench/one-inference.ts).
import { performance } from 'node:perf_hooks';
import { loadArchConfig } from '../src/config/arch-config.js';
import { buildSystem } from '../src/system/build.js';
import { runInference } from '../src/system/inference.js';
import { loadTrace } from '../src/workload/load-trace.js';

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

/**
 * The first inference of a process (cold: JIT compilation, lazily built tables) is timed apart; the figure is the
 * median of the `runs` after it, each building its system, as every unit of a sweep does. CPU time (this process,
 * all threads) beside it: on a shared machine the wall time also counts the time other processes held the cores.
 */
export function inferenceBench(archFile: string, traceFile: string, runs: number): { first_s: number; wall_s: number; cpu_s: number; events: number } {
  const config = loadArchConfig(archFile);
  const trace = loadTrace(traceFile);
  const walls: number[] = [];
  const cpus: number[] = [];
  let events = 0;
  let first_s = NaN;
  for (let i = 0; i <= runs; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    const sys = buildSystem(config, trace, { seed: 1 });
    runInference(sys, () => {});
    sys.sim.run();
    const wall_s = (performance.now() - t0) / 1e3;
    const cpu = process.cpuUsage(c0);
    if (i === 0) first_s = wall_s;
    else {
      walls.push(wall_s);
      cpus.push((cpu.user + cpu.system) / 1e6);
    }
    events = sys.sim.eventsProcessed;
  }
  return { first_s, wall_s: median(walls), cpu_s: median(cpus), events };
}

// npm run bench: speed of the simulator and its tools, measured (never asserted in tests).
// Prints wall times (median of several runs), event counts, events per second and peak memory.
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadArchConfig } from '../src/config/arch-config.js';
import { buildSystem } from '../src/system/build.js';
import { replayFrames } from '../src/system/replay.js';
import { loadTrace } from '../src/workload/load-trace.js';
import { textTable } from '../src/util/format.js';
import { benchSizing } from './sizing.js';
import { extraBenches } from './extra.js';
import { benchCliStart } from './cli-start.js';

import { benchOnnxImport } from './onnx-import.js';
import { inferenceBench } from './inference.js';
import { benchGrid } from './grid.js';

const peakRss_MB = (): number => process.resourceUsage().maxRSS / 1024;

function framesBench(archFile: string, traceFile: string, fps: number, frames: number): number {
  const sys = buildSystem(loadArchConfig(archFile), loadTrace(traceFile), { seed: 1 });
  const t0 = performance.now();
  replayFrames(sys, fps, frames);
  return (performance.now() - t0) / 1e3;
}

const rows: string[][] = [];
const R50 = 'traces/resnet50-v1.5.json';
const R50P = 'traces/resnet50-v1.5-str81-c16.json';
const cases: [string, string, string, number][] = [
  ['nv_full + LPDDR4, ResNet-50 v1.5', 'arch-configs/nvdla-full-lpddr4.json', R50, 60],
  ['nv_small + LPDDR4, ResNet-50 v1.5', 'arch-configs/nvdla-small-lpddr4.json', R50, 5],
  ['nv_full + LPDDR4, pruned ResNet-50', 'arch-configs/nvdla-full-lpddr4.json', R50P, 11],
  ['nv_full + RRAM 3 b/cell, pruned ResNet-50', 'arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json', R50P, 11],
];
const walls: Record<string, number> = {};
for (const [label, arch, trace, runs] of cases) {
  const r = inferenceBench(arch, trace, runs);
  walls[label] = r.wall_s;
  rows.push([
    label,
    `${(r.first_s * 1e3).toFixed(0)} ms`,
    `${(r.wall_s * 1e3).toFixed(1)} ms`,
    `${(r.cpu_s * 1e3).toFixed(1)} ms`,
    r.events.toLocaleString('en-US'),
    `${Math.round(r.events / r.wall_s).toLocaleString('en-US')}/s`,
  ]);
}
process.stdout.write('One inference (wall time including building the system: the first of the process, then the median of the runs after it)\n');
process.stdout.write(`${textTable(['case', 'first', 'wall/inference', 'CPU/inference', 'events', 'events per second'], rows)}\n`);
process.stdout.write(`nv_full + LPDDR4, ResNet-50 v1.5: ${((walls['nv_full + LPDDR4, ResNet-50 v1.5'] ?? NaN) * 1e3).toFixed(1)} ms per inference (target ≤ 30 ms; load average now ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)\n\n`);

const eNvmRatio = (walls['nv_full + RRAM 3 b/cell, pruned ResNet-50'] ?? NaN) / (walls['nv_full + LPDDR4, pruned ResNet-50'] ?? NaN);
process.stdout.write(`eNVM system vs LPDDR4 baseline, same pruned trace: ${eNvmRatio.toFixed(2)}× the wall time (target ≤ 1.5×)\n`);

const one = walls['nv_full + LPDDR4, ResNet-50 v1.5'] ?? NaN;
const hundred = framesBench('arch-configs/nvdla-full-lpddr4.json', R50, 1, 100);
process.stdout.write(
  `100 frames at 1 fps (nv_full + LPDDR4): ${hundred.toFixed(2)} s = ${(hundred / one).toFixed(1)} × one inference (${one.toFixed(3)} s); idle time costs O(1) events (target ≈ 100×)\n`,
);
// The cost of a frame must not depend on how long the idle time after it is.
const perFrame = (fps: number): number => framesBench('arch-configs/nvdla-full-lpddr4.json', R50, fps, 20) / 20;
const busy = perFrame(200);
const sparse = perFrame(0.01);
process.stdout.write(
  `  wall time per frame: ${(busy * 1e3).toFixed(1)} ms at 200 fps (no idle), ${(sparse * 1e3).toFixed(1)} ms at 0.01 fps (100 s idle per frame)\n`,
);

process.stdout.write(`peak memory of the simulator benchmarks (max RSS so far): ${peakRss_MB().toFixed(0)} MB (target < 500 MB)\n`);

const sizing = benchSizing();
process.stdout.write(`maxnvm size, ${sizing.choices} storage choices for ResNet-50: ${sizing.wall_s.toFixed(2)} s (target < 2 s)\n`);

for (const line of benchCliStart()) process.stdout.write(`${line}\n`);

const onnx = benchOnnxImport();
process.stdout.write(
  `maxnvm import onnx, ResNet-50 v1.5 with float32 weights (${onnx.file_MB.toFixed(0)} MB file, ${onnx.layers} layers): ${onnx.wall_s.toFixed(2)} s, peak memory ${onnx.peakRss_MB.toFixed(0)} MB (target < 5 s, < 1 GB)\n`,
);

const g = await benchGrid();
process.stdout.write(
  `maxnvm sweep --set, nv_full designs × 3 rates on ResNet-50 (${g.workers} workers): ${g.large.designs} designs ${g.large.wall_s.toFixed(1)} s = ` +
    `${g.large.pointsPerSecond.toFixed(1)} points/s (${g.large.coresBusy.toFixed(2)} cores busy); ${g.small.designs} designs ${g.small.wall_s.toFixed(1)} s\n` +
    `  ${(g.marginalCpu_s * 1e3).toFixed(1)} ms CPU per further design: 10,000 designs × 3 rates on 2 free cores ≈ ${(g.tenThousandDesigns_s / 60).toFixed(1)} min (target < 10 min)\n`,
);
for (const line of await extraBenches()) process.stdout.write(`${line}\n`);
process.stdout.write(`peak memory of the whole bench, fault campaigns on ResNet-50 included: ${peakRss_MB().toFixed(0)} MB\n`);

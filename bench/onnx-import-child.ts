// One ONNX import in a process of its own, so its peak memory is its own: prints wall time, peak RSS, layers.
import { performance } from 'node:perf_hooks';
import { importOnnx } from '../src/workload/onnx/import-onnx.js';

const file = process.argv[2] ?? '';
const t0 = performance.now();
const r = importOnnx(file);
const wall_s = (performance.now() - t0) / 1e3;
process.stdout.write(`${JSON.stringify({ wall_s, peakRss_MB: process.resourceUsage().maxRSS / 1024, layers: r.trace.layers.length })}\n`);

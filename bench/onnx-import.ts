import { spawnSync } from 'node:child_process';
import { rmSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { loadTrace } from '../src/workload/load-trace.js';
import { onnxFromTrace } from '../test/unit/workload/onnx/trace-to-onnx.js';

/**
 * `maxnvm import onnx` of a ResNet-50-sized model: the ResNet-50 v1.5 graph as torchvision exports it with
 * 25.5 M float32 weights (about 100 MB of initializers, pseudo-random, so no layer looks clustered), written to a
 * temporary folder and imported in a child process (median wall time of `runs`, that process's peak memory).
 */
export function benchOnnxImport(runs = 3): { file_MB: number; wall_s: number; peakRss_MB: number; layers: number } {
  let state = 1;
  const random = (n: number): Uint8Array => {
    const w = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
      w[i] = state / 2 ** 31 - 1;
    }
    return new Uint8Array(w.buffer);
  };
  const file = onnxFromTrace(loadTrace('traces/resnet50-v1.5.json'), { dataType: 1, raw: (_l, n) => random(n) }).write('resnet50.onnx');
  try {
    const results = Array.from({ length: runs }, () => {
      const r = spawnSync(process.execPath, ['--import', 'tsx', 'bench/onnx-import-child.ts', file], { encoding: 'utf8' });
      if (r.status !== 0) throw new Error(`ONNX import bench failed: ${r.stderr}`);
      return JSON.parse(r.stdout) as { wall_s: number; peakRss_MB: number; layers: number };
    });
    const walls = results.map((r) => r.wall_s).sort((a, b) => a - b);
    return {
      file_MB: statSync(file).size / 1e6,
      wall_s: walls[Math.floor(walls.length / 2)] ?? NaN,
      peakRss_MB: Math.max(...results.map((r) => r.peakRss_MB)),
      layers: results[0]?.layers ?? 0,
    };
  } finally {
    rmSync(dirname(file), { recursive: true, force: true });
  }
}

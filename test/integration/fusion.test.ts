import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import type { ArchConfig } from '../../src/config/arch-config.js';
import { simulate } from '../../src/system/simulate.js';
import type { LayerMeasurement } from '../../src/system/inference.js';
import { inputElements } from '../../src/workload/layer.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import { archFrom } from './helpers.js';

const FULL = 'arch-configs/nvdla-full-lpddr4.json';
const trace = loadTrace('traces/resnet50-v1.5.json');

/** The shipped config file with keys added to its nvdla section. */
function withNvdla(file: string, nvdla: Record<string, unknown>): ArchConfig {
  const data = JSON.parse(readFileSync(file, 'utf8')) as { nvdla: Record<string, unknown> };
  return archFrom({ ...data, nvdla: { ...data.nvdla, ...nvdla } });
}

/** One inference (no frame replay): its cycles and per-layer reports. */
function inference(config: ArchConfig): { cycles: number; layers: LayerMeasurement[] } {
  const r = simulate(config, trace, { fps: [], frames: 1, seed: 1 });
  if (!r.feasible) throw new Error(r.reason);
  return { cycles: r.inference.cycles, layers: r.layers };
}

const traffic = (layers: LayerMeasurement[]): number =>
  layers.reduce((s, l) => s + [...Object.values(l.bytesRead_B), ...Object.values(l.bytesWritten_B)].reduce((t, b) => t + b, 0), 0);

describe('ResNet-50 v1.5 on nv_full (20 GB/s LPDDR4) with fusion', () => {
  // Fusion is the hardware's capability (hardware-limit); the released compiler uses neither in int8 (nvdla-sw).
  const fused = inference(withNvdla(FULL, { software: 'hardware-limit' }));
  const apart = inference(withNvdla(FULL, { software: 'hardware-limit', fuseEltwise: false, fusePooling: false }));

  test('all 16 adds run inside their branch2c convolution, pool1 inside conv1, pool5 inside res5c_branch2c', () => {
    const into = new Map(fused.layers.filter((l) => l.fusedInto !== undefined).map((l) => [l.name, l.fusedInto]));
    const adds = trace.layers.filter((l) => l.op === 'eltwise');
    expect(adds).toHaveLength(16);
    for (const a of adds) expect(into.get(a.name)).toBe(`${a.name}_branch2c`);
    expect(into.get('pool1')).toBe('conv1');
    expect(into.get('pool5')).toBe('res5c_branch2c');
    expect(into.size).toBe(18);
    expect(apart.layers.some((l) => l.fusedInto !== undefined)).toBe(false);
  });

  test('a fused layer reports no time, traffic or energy of its own; one report per trace layer, in order', () => {
    expect(fused.layers.map((l) => l.name)).toEqual(trace.layers.map((l) => l.name));
    for (const l of fused.layers.filter((x) => x.fusedInto !== undefined)) {
      expect([l.cycles, l.time_s, l.energy_J, traffic([l])]).toEqual([0, 0, 0, 0]);
    }
    // The hardware layers run back to back: their cycles add up to the inference.
    expect(fused.layers.reduce((s, l) => s + l.cycles, 0)).toBe(fused.cycles);
  });

  test('fewer cycles than unfused, and exactly the fused tensors\' write and read back less DRAM traffic', () => {
    expect(fused.cycles).toBeLessThan(apart.cycles);
    // Each fused layer no longer has its input written by the layer before it and read back by itself: 2 bytes
    // per element of its input (int8).
    const saved = trace.layers
      .filter((l) => fused.layers.find((r) => r.name === l.name)?.fusedInto !== undefined)
      .reduce((s, l) => s + 2 * inputElements(l), 0);
    expect(traffic(apart.layers) - traffic(fused.layers)).toBe(saved);
  });
});

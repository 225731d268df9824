import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadArchConfig, resolveArchConfig, type ArchConfig } from '../../../src/config/arch-config.js';
import { simulate } from '../../../src/system/simulate.js';
import type { LayerReport } from '../../../src/system/inference.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { layerFloors } from '../../../src/validation/lower-bound.js';
import { hasSoftwareProfile, SOFTWARE_PROFILES, type SoftwareProfile } from '../../../src/validation/primer-configs.js';

const trace = loadTrace('traces/resnet50-v1.json');

function withProfile(file: string, software: SoftwareProfile | undefined): ArchConfig {
  if (software === undefined) return loadArchConfig(file);
  const data = JSON.parse(readFileSync(file, 'utf8')) as Record<string, Record<string, unknown>>;
  data.nvdla = { ...data.nvdla, software };
  return resolveArchConfig(data, file);
}

const profiles: (SoftwareProfile | undefined)[] = hasSoftwareProfile() ? [...SOFTWARE_PROFILES] : [undefined];
const cases = ['arch-configs/nvdla-full-lpddr4.json', 'arch-configs/nvdla-small-lpddr4.json'].flatMap((f) =>
  profiles.map((p) => [`${f} ${p ?? '(default profile)'}`, f, p] as const),
);

describe('no hardware layer beats the roofline of the bytes it moved (ResNet-50 v1)', () => {
  test.each(cases)('%s', (_, file, profile) => {
    const config = withProfile(file, profile);
    const r = simulate(config, trace, { fps: [], frames: 1, seed: 1 });
    if (!r.feasible) throw new Error(r.reason);
    const floors = layerFloors(config, r.layers);
    expect(floors.length).toBeGreaterThan(50);
    const faster = floors.filter((f) => f.cycles < f.floor).map((f) => `${f.name}: ${f.cycles} < ${f.floor.toFixed(1)}`);
    expect(faster).toEqual([]);
  });
});

describe('the floor by hand', () => {
  const config = loadArchConfig('arch-configs/nvdla-full-lpddr4.json'); // 64×32 MACs, 20 GB/s at 1 GHz
  const report = (over: Partial<LayerReport>): LayerReport => ({
    name: 'l', op: 'conv', start_s: 0, cycles: 1000, time_s: 1e-6, bound: 'compute', macs: 2048 * 900,
    mac_utilization: 0.9, effective_mac_utilization: 0.9, cbufMode: 'full-input-full-weights',
    compute_cycles: 900, memory_floor_cycles: 600,
    stall_cycles: { launch: 0, prologue: 100, input_wait: 0, weight_wait: 0, writeback: 0 },
    weight_read_B: 4_000, feature_read_B: 6_000, feature_written_B: 2_000, hardware_ops: 2,
    bytes: { dram: { read_B: 10_000, written_B: 2_000 } }, energy_J: 0, energyByComponent_J: {}, ...over,
  });

  test('direct: 900 compute cycles against 12,000 B / 20 B per cycle = 600', () => {
    const [f] = layerFloors(config, [report({})]);
    expect(f).toMatchObject({ computeFloor: 900, memoryFloor: 600, floor: 900, winograd: false });
  });

  test('Winograd (the array performed 2.25× fewer multiplies than MACs): 400 compute cycles', () => {
    const [f] = layerFloors(config, [report({ mac_utilization: 0.4, effective_mac_utilization: 0.9 })]);
    expect(f).toMatchObject({ computeFloor: 400, floor: 600, winograd: true });
  });

  test('a fused layer has no time of its own and no floor', () => {
    expect(layerFloors(config, [report({ fusedInto: 'conv' })])).toEqual([]);
  });
});

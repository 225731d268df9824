import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadArchConfig, resolveArchConfig, type ArchConfig } from '../../../src/config/arch-config.js';
import { simulate } from '../../../src/system/simulate.js';
import type { LayerMeasurement } from '../../../src/system/inference.js';
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
  const report = (over: Partial<LayerMeasurement>): LayerMeasurement => ({
    name: 'l', op: 'conv', start_s: 0, cycles: 1000, time_s: 1e-6, bound: 'compute', macs: 2048 * 900,
    macUtilization: 0.9, effectiveMacUtilization: 0.9, cbufMode: 'full-input-full-weights',
    computeCycles: 900, memoryFloorCycles: 600,
    stallCycles: 100, launchCycles: 0, prologueCycles: 100, inputWaitCycles: 0, weightWaitCycles: 0, writebackCycles: 0,
    convMode: 'direct', steps: 1, refetchedFeature_B: 0,
    weightFetched_B: 4_000, featureRead_B: 6_000, outputWritten_B: 2_000, hardwareOps: 2,
    bytesRead_B: { dram: 10_000 }, bytesWritten_B: { dram: 2_000 },
    feasible: true, energy_J: 0, power_W: 0, energyByComponent_J: {}, energyByTerm_J: {}, residency_s: {}, stateEnergy_J: {}, stats: {}, ...over,
  });

  test('direct: 900 compute cycles against 12,000 B / 20 B per cycle = 600', () => {
    const [f] = layerFloors(config, [report({})]);
    expect(f).toMatchObject({ computeFloor: 900, memoryFloor: 600, floor: 900, winograd: false });
  });

  test('Winograd (the array performed 2.25× fewer multiplies than MACs): 400 compute cycles', () => {
    const [f] = layerFloors(config, [report({ macUtilization: 0.4, effectiveMacUtilization: 0.9 })]);
    expect(f).toMatchObject({ computeFloor: 400, floor: 600, winograd: true });
  });

  test('a fused layer has no time of its own and no floor', () => {
    expect(layerFloors(config, [report({ fusedInto: 'conv' })])).toEqual([]);
  });
});

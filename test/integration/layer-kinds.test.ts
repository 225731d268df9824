import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { resultSchema } from '../../src/report/result-schema.js';
import { simulate } from '../../src/system/simulate.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import { arch } from './helpers.js';

/** The new layer kinds through the whole system: the shipped BERT layer (matmul, host) and SqueezeNet (concat). */
describe('new layer kinds end to end', () => {
  test('BERT-base layer on nv_full + LPDDR4: host layers listed apart, matmuls never read weights', () => {
    const r = simulate(arch('arch-configs/nvdla-full-lpddr4.json'), loadTrace('traces/bert-base-layer-s128.json'), { fps: [], frames: 1, seed: 1 });
    const validate = new Ajv2020({ strict: false }).compile(resultSchema);
    expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
    if (!r.feasible) throw new Error('must fit');
    const host = r.layers.filter((l) => l.op === 'host');
    expect(host.map((l) => l.name)).toEqual(['softmax', 'attention_layernorm', 'output_layernorm']);
    expect(r.inference.host?.layers).toBe(3);
    // The host's time is the sum of its layers' times; its energy is the "host" component.
    expect(r.inference.host?.time_s).toBeCloseTo(host.reduce((s, l) => s + l.time_s, 0), 12);
    expect(r.inference.host?.energy_J).toBe(r.inference.energyByComponent_J.host);
    for (const m of r.layers.filter((l) => l.op === 'matmul')) expect(m.weightFetched_B).toBe(0);
    // Only the six fc layers read weights: 7,077,888 int8 bytes.
    expect(r.layers.reduce((s, l) => s + l.weightFetched_B, 0)).toBe(7_077_888);
  });

  test('on an eNVM system, only conv and fc layers read the eNVM', () => {
    const r = simulate(arch('arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json'), loadTrace('traces/bert-base-layer-s128.json'), { fps: [], frames: 1, seed: 1 });
    if (!r.feasible) throw new Error(r.reason);
    for (const l of r.layers) {
      const envmRead = Object.entries(l.bytesRead_B).filter(([name]) => name.startsWith('envm')).reduce((s, [, b]) => s + b, 0);
      if (l.op === 'fc') expect(envmRead, l.name).toBeGreaterThan(0);
      else expect(envmRead, l.name).toBe(0);
    }
  });

  test('a trace without host layers has no host section and no host component', () => {
    const r = simulate(arch('arch-configs/nvdla-full-lpddr4.json'), loadTrace('traces/squeezenet1.1.json'), { fps: [], frames: 1, seed: 1 });
    if (!r.feasible) throw new Error('must fit');
    expect(r.inference.host).toBeUndefined();
    expect(r.inference.energyByComponent_J.host).toBeUndefined();
    // Concatenations take no time and move nothing.
    for (const c of r.layers.filter((l) => l.op === 'concat')) {
      expect([c.cycles, c.featureRead_B, c.outputWritten_B, c.hardwareOps]).toEqual([0, 0, 0, 0]);
    }
  });
});

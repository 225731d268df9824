import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultsOf, sectionSchema, statsOf } from '../../../src/engine/spec.js';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import { envmSpec, type EnvmParams } from '../../../src/hw/envm/spec.js';
import { REF_CELLS } from './helpers.js';

describe('envmSpec', () => {
  const validate = new Ajv2020({ strict: false }).compile(sectionSchema(envmSpec));

  it('declares every parameter with a unit and a source, and its defaults validate', () => {
    for (const p of envmSpec.params) {
      expect(p.unit.length, p.key).toBeGreaterThan(0);
      expect(p.source.length, p.key).toBeGreaterThan(0);
    }
    expect(validate(defaultsOf(envmSpec))).toBe(true);
  });

  it('accepts override points and a capacity, rejects unknown keys and bad values', () => {
    expect(validate({ capacity_cells: 1000, overrides: [{ bitsPerCell: 2, capacity_cells: 10, area_mm2: 1 }] })).toBe(true);
    expect(validate({ overrides: [{ bitsPerCell: 2, capacity_cells: 10, area: 1 }] })).toBe(false);
    expect(validate({ capacity_cells: 'all' })).toBe(false);
    expect(validate({ sensing: 'serial' })).toBe(false);
    expect(validate({ banks: 0 })).toBe(false);
  });

  it('the array reports exactly the declared statistics', () => {
    const a = new EnvmArray(defaultsOf<EnvmParams>(envmSpec), new Map([[1, REF_CELLS]]));
    expect(Object.keys(a.stats()).sort()).toEqual(statsOf(envmSpec, 'counter', 'figure').map((s) => s.key).sort());
  });
});

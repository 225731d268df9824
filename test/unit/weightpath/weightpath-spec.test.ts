import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultsOf, sectionSchema, statsOf } from '../../../src/engine/spec.js';
import { weightPathSpec } from '../../../src/hw/weightpath/spec.js';
import { pathParams, roundArray, source } from './helpers.js';

describe('weightPathSpec', () => {
  it('declares units and sources, its defaults validate, and the source reports the declared statistics', () => {
    for (const p of weightPathSpec.params) {
      expect(p.unit.length, p.key).toBeGreaterThan(0);
      expect(p.source.length, p.key).toBeGreaterThan(0);
    }
    const validate = new Ajv2020({ strict: false }).compile(sectionSchema(weightPathSpec));
    expect(validate(defaultsOf(weightPathSpec))).toBe(true);
    expect(validate({ cbufFormat: 'csr' })).toBe(false);
    expect(validate({ decodeWeightsPerCycle: 0 })).toBe(false);
    const ws = source(roundArray(), [], [], pathParams());
    expect(Object.keys(ws.stats()).sort()).toEqual(statsOf(weightPathSpec, 'counter', 'figure').map((s) => s.key).sort());
  });
});

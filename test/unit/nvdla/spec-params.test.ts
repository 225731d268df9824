import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { defaultsOf, sectionSchema } from '../../../src/engine/spec.js';
import { UserError } from '../../../src/errors.js';
import { resolveNvdlaParams } from '../../../src/hw/nvdla/params.js';
import { checkLayerResult } from '../../../src/hw/nvdla/layer-result.js';
import { nvdlaBuildDefaults, nvdlaSpec, type NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import { conv, idealParams, runLayer } from './helpers.js';

describe('nvdla spec', () => {
  it('declares every parameter once, with a unit, a source and a default', () => {
    const keys = nvdlaSpec.params.map((p) => p.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.sort()).toEqual(Object.keys(nvdlaBuildDefaults('nv_full')).sort());
    for (const p of nvdlaSpec.params) {
      expect(p.unit.length).toBeGreaterThan(0);
      expect(p.source.length).toBeGreaterThan(10);
      expect(p.default).toBeDefined();
    }
    expect(defaultsOf<NvdlaParams>(nvdlaSpec)).toEqual(nvdlaBuildDefaults('nv_full'));
  });

  it('its schema accepts the defaults of both builds and rejects unknown keys', () => {
    const validate = new Ajv2020({ strict: false }).compile(sectionSchema(nvdlaSpec));
    expect(validate(nvdlaBuildDefaults('nv_full'))).toBe(true);
    expect(validate(nvdlaBuildDefaults('nv_small'))).toBe(true);
    expect(validate({ macAtomicX: 3 })).toBe(false);
  });

  it('declares a statistic for every field of a layer result', () => {
    const { result } = runLayer(idealParams(), conv({ H: 4, W: 4, C: 64, K: 32 }));
    expect(() => checkLayerResult(result)).not.toThrow();
    expect(() => checkLayerResult({ ...result, extra_B: 1 })).toThrow(/undeclared extra_B/);
  });

  it('build figures come from reference/nvdla-builds.csv', () => {
    const full = nvdlaBuildDefaults('nv_full');
    expect([full.macAtomicC, full.macAtomicK, full.cbufBanks, full.cbufBankWidth_B, full.cbufBankDepth]).toEqual([64, 32, 16, 64, 512]);
    expect([full.sdpThroughput_elementsPerCycle, full.pdpThroughput_elementsPerCycle, full.memifWidth_B]).toEqual([16, 8, 64]);
    expect([full.weightCompression, full.winograd]).toEqual([false, false]); // nvdla-sw uses neither
    const fullHw = nvdlaBuildDefaults('nv_full', 'hardware-limit');
    expect([fullHw.weightCompression, fullHw.winograd]).toEqual([true, true]); // the build has both
    const small = nvdlaBuildDefaults('nv_small');
    expect([small.macAtomicC, small.macAtomicK, small.cbufBanks, small.cbufBankWidth_B, small.cbufBankDepth]).toEqual([8, 8, 32, 8, 512]);
    expect([small.sdpThroughput_elementsPerCycle, small.pdpThroughput_elementsPerCycle, small.memifWidth_B]).toEqual([1, 1, 8]);
    expect([small.weightCompression, small.winograd]).toEqual([false, false]);
  });
});

describe('resolveNvdlaParams', () => {
  it('starts from the chosen build and overlays the keys given', () => {
    expect(resolveNvdlaParams(undefined)).toEqual(nvdlaBuildDefaults('nv_full'));
    const p = resolveNvdlaParams({ build: 'nv_small', cbufBanks: 16 });
    expect(p.macAtomicC).toBe(8);
    expect(p.cbufBanks).toBe(16);
  });

  it('rejects inconsistent settings with a UserError at the key', () => {
    const err = (section: Record<string, unknown>): UserError => {
      try {
        resolveNvdlaParams(section, 'arch.json');
      } catch (e) {
        if (e instanceof UserError) return e;
      }
      throw new Error('expected a UserError');
    };
    expect(err({ stripeMin: 40 }).details.jsonPath).toBe('/nvdla/stripeMin');
    expect(err({ stripeMax: 20 }).details.jsonPath).toBe('/nvdla/stripeMax'); // < 2·16 − 1
    expect(err({ build: 'nv_small', winograd: true }).details.jsonPath).toBe('/nvdla/winograd');
    expect(err({ software: 'tensorrt' }).details.jsonPath).toBe('/nvdla/software');
    expect(err({ clock_GHz: 0.3 }).details.jsonPath).toBe('/nvdla/clock_GHz');
    expect(err({ build: 'nv_huge' }).details).toMatchObject({ jsonPath: '/nvdla/build', file: 'arch.json' });
    // Boundary: stripeMax = 2·stripeMin − 1 is accepted.
    expect(resolveNvdlaParams({ stripeMin: 16, stripeMax: 31 }).stripeMax).toBe(31);
  });
});

import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultsOf, sectionSchema } from '../../../src/engine/spec.js';
import { errorMatrix, meanFaultRate } from '../../../src/faults/cells/level-model.js';
import { faultsSpec, type FaultParams } from '../../../src/faults/spec.js';
import { technologyLevelModel } from '../../../src/faults/cells/technology-levels.js';

describe('faults spec', () => {
  const ajv = new Ajv2020({ strict: false });
  const validate = ajv.compile(sectionSchema(faultsSpec));

  it('its defaults satisfy its own schema and build a level model', () => {
    const d = defaultsOf<FaultParams>(faultsSpec);
    expect(validate(d)).toBe(true);
    const rate = meanFaultRate(errorMatrix(technologyLevelModel(d.technology, 3, d.sigmaScale)));
    expect(rate).toBeGreaterThan(3e-3); // 3.8e-3 with the published RRAM levels
  });

  it('rejects unknown keys and choices', () => {
    expect(validate({ levelMapping: 'grey' })).toBe(false);
    expect(validate({ trials: 0 })).toBe(false);
    expect(validate({ sigma: 2 })).toBe(false);
  });

  it('every parameter names a source', () => {
    for (const p of faultsSpec.params) expect(p.source.length).toBeGreaterThan(10);
  });
});

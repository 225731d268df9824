import { describe, expect, test } from 'vitest';
import { defaultsOf } from '../../../src/engine/spec.js';
import { dramSpec, type DramParams } from '../../../src/hw/dram/spec.js';
import { validateDramParams } from '../../../src/hw/dram/validate.js';
import { UserError } from '../../../src/errors.js';

describe('a row access and a refresh must fit between two refreshes', () => {
  // tRCpb 97 + tRCD + RL 28 + BL/2 8 + tRFCab 448 < tREFI 6246  ⇔  tRCD < 5665.
  const d = defaultsOf<DramParams>(dramSpec);
  test('boundary pair: tRCD 5664 is accepted, 5665 refused with the rule in the message', () => {
    expect(() => validateDramParams({ ...d, tRCD_cycles: 5664 })).not.toThrow();
    let err: unknown;
    try {
      validateDramParams({ ...d, tRCD_cycles: 5665 }, 'x.json');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).details).toMatchObject({ file: 'x.json', jsonPath: '/dram/tRCD_cycles' });
    expect((err as UserError).message).toMatch(/= 6246 cycles\) do not fit in tREFI_cycles 6246/);
  });
});

import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { UserError } from '../../../src/errors.js';
import { storageChoiceSchema, validateStorageChoice } from '../../../src/storage/choice-schema.js';

const good = {
  label: 'csr r4 + ECC',
  encoding: 'csr',
  csrIndexBits: 4,
  clustered: false,
  bitsPerCell: { values: 3, indices: 1 },
  defaultBitsPerCell: 2,
  ecc: { dataBits: 64, streams: ['indices', 'pointers', 'sync'] },
  idxSync: { interval: 1024 },
};

/** The UserError thrown for `patch` applied to the good choice. */
function errorFor(patch: Record<string, unknown>): UserError {
  try {
    validateStorageChoice({ ...good, ...patch }, 'arch.json', '/weightStore/storage');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`accepted ${JSON.stringify(patch)}`);
}

describe('storageChoiceSchema', () => {
  it('is a draft 2020-12 schema that compiles and rejects unknown keys', () => {
    expect(storageChoiceSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    expect(storageChoiceSchema.additionalProperties).toBe(false);
    const validate = new Ajv2020({ strict: false }).compile(storageChoiceSchema);
    expect(validate(good)).toBe(true);
    expect(validate({ ...good, colour: 'red' })).toBe(false);
  });
});

describe('validateStorageChoice', () => {
  it('accepts a good choice and returns it', () => {
    expect(validateStorageChoice(good, 'arch.json', '/s')).toEqual(good);
  });

  it.each([0, 4])('rejects %i bits per cell (allowed 1..3), for a stream and for the default', (bpc) => {
    const e = errorFor({ bitsPerCell: { values: bpc } });
    expect(e.details.jsonPath).toBe('/weightStore/storage/bitsPerCell/values');
    expect(e.details.file).toBe('arch.json');
    expect(e.details.expected).toMatch(/1 to 3/);
    expect(e.details.suggestion).toMatch(bpc === 0 ? /use 1/ : /use 3/);
    expect(errorFor({ defaultBitsPerCell: bpc }).details.jsonPath).toBe('/weightStore/storage/defaultBitsPerCell');
  });

  it('rejects r = 0', () => {
    const e = errorFor({ csrIndexBits: 0 });
    expect(e.message).toMatch(/at least 1 bit/);
    expect(e.details.jsonPath).toBe('/weightStore/storage/csrIndexBits');
    expect(e.details.suggestion).toBeDefined();
  });

  it('rejects a sync interval of 0', () => {
    const e = errorFor({ idxSync: { interval: 0 } });
    expect(e.details.jsonPath).toBe('/weightStore/storage/idxSync/interval');
    expect(e.details.suggestion).toMatch(/remove idxSync/);
  });

  it('rejects an ECC data word below 4 bits', () => {
    const e = errorFor({ ecc: { dataBits: 3, streams: ['indices'] } });
    expect(e.details.jsonPath).toBe('/weightStore/storage/ecc/dataBits');
    expect(e.details.suggestion).toMatch(/64 for \(72,64\)/);
  });

  it("rejects a stream the encoding does not produce: \"stream 'indices' is not produced by encoding 'bitmask'\"", () => {
    const e = errorFor({ encoding: 'bitmask', bitmaskLayout: 'plain', csrIndexBits: undefined, ecc: undefined });
    expect(e.message).toBe("stream 'indices' is not produced by encoding 'bitmask' (layout 'plain')");
    expect(e.details.jsonPath).toBe('/weightStore/storage/bitsPerCell/indices');
    expect(e.details.expected).toMatch(/values, mask, sync/);
    expect(e.details.suggestion).toMatch(/encoding 'csr'/);
    const inEcc = errorFor({ encoding: 'bitmask', csrIndexBits: undefined, bitsPerCell: {}, ecc: { dataBits: 64, streams: ['mask', 'pointers'] } });
    expect(inEcc.message).toBe("stream 'pointers' is not produced by encoding 'bitmask' (layout 'nvdla')");
    expect(inEcc.details.jsonPath).toBe('/weightStore/storage/ecc/streams/1');
  });

  it('rejects codebook, sync and check streams the options do not produce', () => {
    expect(errorFor({ bitsPerCell: { codebook: 1 } }).message).toMatch(/unless clustered/);
    expect(errorFor({ idxSync: undefined }).message).toBe("stream 'sync' is not produced without idxSync");
    expect(errorFor({ ecc: undefined, bitsPerCell: { check: 1 } }).message).toBe("stream 'check' is not produced without ecc");
  });

  it('rejects IdxSync on a dense encoding, CSR without r, unknown keys and wrong types', () => {
    expect(errorFor({ encoding: 'dense', csrIndexBits: undefined, ecc: undefined, bitsPerCell: {} }).message).toMatch(/idxSync does nothing/);
    expect(errorFor({ csrIndexBits: undefined }).message).toMatch(/missing required key "csrIndexBits"/);
    const unknown = errorFor({ idxsync: { interval: 4 } });
    expect(unknown.details.suggestion).toMatch(/did you mean "idxSync"/);
    expect(unknown.details.jsonPath).toBe('/weightStore/storage/idxsync');
    expect(errorFor({ encoding: 'sparse' }).details.jsonPath).toBe('/weightStore/storage/encoding');
    expect(errorFor({ bitsPerCell: { indexes: 2 } }).details.suggestion).toMatch(/"indices"/);
  });
});

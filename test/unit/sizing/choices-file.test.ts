import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { loadChoicesFile, storageChoicesFileSchema } from '../../../src/sizing/choices-file.js';
import { defaultEccStreams, inlineChoice } from '../../../src/sizing/inline-choice.js';
import { choice, tempJson } from './helpers.js';

const STUDY = 'examples/storage-choices/maxnvm-study.json';
const STUDY_CTT = 'examples/storage-choices/maxnvm-study-ctt.json';

describe('shipped example choices', () => {
  it('the RRAM study: dense SLC, bitmask and CSR r = 4 at 1-3 bits per cell, ± ECC (72,64), ± IdxSync 1024, metadata-SLC variants', () => {
    const entries = loadChoicesFile(STUDY);
    expect(entries.every((e) => e.technology === 'RRAM')).toBe(true);
    const labels = entries.map((e) => e.choice.label);
    for (const l of ['dense-slc', 'bitmask-1b', 'bitmask-3b-ecc-sync', 'csr4-2b-metaslc-ecc-sync', 'csr4-3b-sync']) expect(labels).toContain(l);
    const csr = entries.filter((e) => e.choice.encoding === 'csr');
    expect(csr.every((e) => e.choice.csrIndexBits === 4)).toBe(true);
    for (const b of [1, 2, 3]) expect(csr.some((e) => e.choice.defaultBitsPerCell === b)).toBe(true);
    expect(entries.filter((e) => e.choice.ecc !== undefined).every((e) => e.choice.ecc!.dataBits === 64)).toBe(true);
    // 3 dense + 2 encodings × (4 at 1 bit + 8 at each of 2 and 3 bits)
    expect(entries).toHaveLength(43);
  });

  it('the CTT variant has the same choices in CTT', () => {
    const rram = loadChoicesFile(STUDY);
    const ctt = loadChoicesFile(STUDY_CTT);
    expect(ctt.every((e) => e.technology === 'CTT')).toBe(true);
    expect(ctt.map((e) => e.choice)).toEqual(rram.map((e) => e.choice));
  });

  it('both validate against the published file schema, which rejects unknown keys', () => {
    const validate = new Ajv2020({ strict: false }).compile(storageChoicesFileSchema);
    for (const f of [STUDY, STUDY_CTT]) expect(validate(JSON.parse(readFileSync(f, 'utf8')))).toBe(true);
    expect(validate({ choices: [{ ...choice({ encoding: 'dense' }), technology: 'CTT' }] })).toBe(true);
    expect(validate({ choices: [{ ...choice({ encoding: 'dense' }), colour: 'red' }] })).toBe(false);
    expect(validate({ choices: [] })).toBe(false);
  });
});

describe('technology of an entry', () => {
  const file = tempJson('t.json', {
    technology: 'CTT',
    choices: [choice({ label: 'a', encoding: 'dense' }), { ...choice({ label: 'b', encoding: 'dense' }), technology: 'PCM' }],
  });

  it("its own, else the --technology flag, else the file's, else RRAM", () => {
    expect(loadChoicesFile(file).map((e) => e.technology)).toEqual(['CTT', 'PCM']);
    expect(loadChoicesFile(file, 'RRAM').map((e) => e.technology)).toEqual(['RRAM', 'PCM']);
    const bare = tempJson('u.json', { choices: [choice({ encoding: 'dense' })] });
    expect(loadChoicesFile(bare)[0]!.technology).toBe('RRAM');
  });

  it('the technology key is not part of the validated choice', () => {
    expect(loadChoicesFile(file)[1]!.choice).not.toHaveProperty('technology');
  });
});

describe('inline choice', () => {
  it('builds the choice the flags describe, with a label from its settings', () => {
    const e = inlineChoice(
      { encoding: 'csr', 'csr-index-bits': '4', 'bits-per-cell': '3', 'stream-bits-per-cell': 'indices=1,pointers=1', ecc: '64', idxsync: '1024' },
      'CTT',
    );
    expect(e.technology).toBe('CTT');
    expect(e.choice).toEqual({
      label: 'csr r4 3b/cell indices@1b pointers@1b ecc(72,64) sync1024',
      encoding: 'csr',
      csrIndexBits: 4,
      clustered: false,
      bitsPerCell: { indices: 1, pointers: 1 },
      defaultBitsPerCell: 3,
      idxSync: { interval: 1024 },
      ecc: { dataBits: 64, streams: ['indices', 'pointers', 'sync'] },
    });
  });

  it('ECC without --ecc-streams protects the metadata; a dense choice has none, so its values', () => {
    expect(defaultEccStreams(choice({ encoding: 'bitmask' }))).toEqual(['mask', 'groupSizes']);
    expect(defaultEccStreams(choice({ encoding: 'bitmask', bitmaskLayout: 'plain', idxSync: { interval: 64 } }))).toEqual(['mask', 'sync']);
    expect(defaultEccStreams(choice({ encoding: 'dense' }))).toEqual(['values']);
  });

  it('defaults: 1 bit per cell, not clustered', () => {
    expect(inlineChoice({ encoding: 'dense' }, 'RRAM').choice).toEqual({ label: 'dense 1b/cell', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 });
  });
});

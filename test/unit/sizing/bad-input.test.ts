import { describe, expect, it } from 'vitest';
import { runSize, type SizeArgs } from '../../../src/cli/commands/size.js';
import { loadChoicesFile } from '../../../src/sizing/choices-file.js';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { choice, conv, entry, tempJson, traceOf, userErrorOf } from './helpers.js';

/** Every bad input of `maxnvm size` is a UserError that says where (file and JSON path, or flag) and what to do. */

const TRACE = 'traces/tiny-conv.json';
const inline = (flags: Partial<SizeArgs>) => userErrorOf(() => runSize({ trace: TRACE, ...flags }));

const good = { label: 'a', encoding: 'bitmask', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 2 };
/** The UserError of a choices file whose second entry is `bad`. */
const inFile = (bad: Record<string, unknown>, top: Record<string, unknown> = {}) => {
  const file = tempJson('choices.json', { technology: 'RRAM', ...top, choices: [good, bad] });
  const e = userErrorOf(() => loadChoicesFile(file));
  expect(e.details.file).toBe(file);
  return e;
};

describe('inline flags', () => {
  it.each([
    ['0', /use 1/],
    ['4', /use 3/],
  ])('--bits-per-cell %s', (bpc, suggestion) => {
    const e = inline({ encoding: 'dense', 'bits-per-cell': bpc });
    expect(e.details.jsonPath).toBe('--bits-per-cell');
    expect(e.details.expected).toMatch(/1 to 3/);
    expect(e.details.suggestion).toMatch(suggestion);
  });

  it('--stream-bits-per-cell mask=4', () => {
    const e = inline({ encoding: 'bitmask', 'stream-bits-per-cell': 'mask=4' });
    expect(e.details.jsonPath).toBe('--stream-bits-per-cell mask=');
    expect(e.details.suggestion).toMatch(/use 3/);
  });

  it('--csr-index-bits 0, and csr without it', () => {
    const e = inline({ encoding: 'csr', 'csr-index-bits': '0' });
    expect(e.details.jsonPath).toBe('--csr-index-bits');
    expect(e.details.suggestion).toMatch(/use 4/);
    const missing = inline({ encoding: 'csr' });
    expect(missing.details.jsonPath).toBe('--csr-index-bits');
    expect(missing.details.suggestion).toMatch(/--csr-index-bits 4/);
  });

  it('--idxsync 0', () => {
    const e = inline({ encoding: 'bitmask', idxsync: '0' });
    expect(e.details.jsonPath).toBe('--idxsync');
    expect(e.details.suggestion).toMatch(/1024/);
  });

  it('a stream the encoding does not produce, as bits per cell and as an ECC stream', () => {
    const a = inline({ encoding: 'bitmask', 'stream-bits-per-cell': 'indices=1' });
    expect(a.message).toMatch(/stream 'indices' is not produced by encoding 'bitmask'/);
    expect(a.details.jsonPath).toBe('--stream-bits-per-cell indices=');
    expect(a.details.suggestion).toMatch(/csr/);
    const b = inline({ encoding: 'bitmask', ecc: '64', 'ecc-streams': 'mask,indices' });
    expect(b.details.jsonPath).toBe('--ecc-streams');
    expect(b.details.suggestion).toBeDefined();
  });

  it('a misspelt stream name gets the nearest one', () => {
    const e = inline({ encoding: 'bitmask', 'stream-bits-per-cell': 'mask=1,indeces=1' });
    expect(e.details.suggestion).toBe('did you mean "indices"?');
  });

  it('unknown technology', () => {
    const e = inline({ encoding: 'dense', technology: 'RRM' });
    expect(e.details.jsonPath).toBe('--technology');
    expect(e.details.suggestion).toBe('did you mean "RRAM"?');
  });

  it('a technology without reference arrays at that bits per cell', () => {
    const e = inline({ encoding: 'dense', technology: 'STT', 'bits-per-cell': '2' });
    expect(e.details.jsonPath).toBe('--bits-per-cell');
    expect(e.details.expected).toMatch(/^1 bit\(s\) per cell for STT/);
    expect(e.details.suggestion).toMatch(/RRAM or CTT/);
  });

  it('IdxSync with a dense encoding, flags of another encoding, ECC streams without ECC', () => {
    expect(inline({ encoding: 'dense', idxsync: '1024' }).details.jsonPath).toBe('--idxsync');
    expect(inline({ encoding: 'dense', 'csr-index-bits': '4' }).details.suggestion).toMatch(/--encoding csr/);
    expect(inline({ encoding: 'csr', 'csr-index-bits': '4', 'bitmask-layout': 'plain' }).details.jsonPath).toBe('--bitmask-layout');
    expect(inline({ encoding: 'bitmask', 'ecc-streams': 'mask' }).details.suggestion).toMatch(/--ecc 64/);
    expect(inline({ encoding: 'bitmask', ecc: '2' }).details.jsonPath).toBe('--ecc');
  });

  it('no choice at all, and both a file and inline flags', () => {
    expect(inline({}).details.suggestion).toMatch(/--choices/);
    expect(inline({ choices: 'examples/storage-choices/maxnvm-study.json', encoding: 'dense' }).details.jsonPath).toBe('--choices');
  });

  it('a missing trace names the file', () => {
    const e = userErrorOf(() => runSize({ trace: 'traces/no-such-trace.json', encoding: 'dense' }));
    expect(e.details.file).toBe('traces/no-such-trace.json');
    expect(e.details.suggestion).toMatch(/check the path/);
  });

  it('bad budgets and formats', () => {
    expect(inline({ encoding: 'dense', 'budget-cells': '0' }).details.suggestion).toMatch(/--budget-cells/);
    expect(inline({ encoding: 'dense', 'budget-area-mm2': '-1' }).details.jsonPath).toBe('--budget-area-mm2');
    expect(inline({ encoding: 'dense', format: 'xml' }).details.expected).toMatch(/table \| json \| csv/);
    expect(inline({ encoding: 'dense', banks: '0' }).details.suggestion).toMatch(/--banks/);
  });
});

describe('choices file', () => {
  it.each([0, 4])('bits per cell %i names the entry', (bpc) => {
    const e = inFile({ ...good, defaultBitsPerCell: bpc });
    expect(e.details.jsonPath).toBe('/choices/1/defaultBitsPerCell');
    expect(e.details.suggestion).toMatch(bpc === 0 ? /use 1/ : /use 3/);
  });

  it('r = 0', () => {
    const e = inFile({ ...good, encoding: 'csr', csrIndexBits: 0 });
    expect(e.details.jsonPath).toBe('/choices/1/csrIndexBits');
    expect(e.details.suggestion).toBeDefined();
  });

  it('sync interval 0', () => {
    const e = inFile({ ...good, idxSync: { interval: 0 } });
    expect(e.details.jsonPath).toBe('/choices/1/idxSync/interval');
    expect(e.details.suggestion).toBeDefined();
  });

  it('a stream the encoding does not produce', () => {
    const e = inFile({ ...good, bitsPerCell: { pointers: 1 } });
    expect(e.details.jsonPath).toBe('/choices/1/bitsPerCell/pointers');
    expect(e.details.suggestion).toMatch(/remove 'pointers'/);
  });

  it('unknown technology, of the file and of an entry', () => {
    const top = inFile(good, { technology: 'CCT' });
    expect(top.details.jsonPath).toBe('/technology');
    expect(top.details.suggestion).toBe('did you mean "CTT"?');
    const own = inFile({ ...good, label: 'b', technology: 'PCN' });
    expect(own.details.jsonPath).toBe('/choices/1/technology');
    expect(own.details.suggestion).toBe('did you mean "PCM"?');
  });

  it('an entry technology without reference arrays at its bits per cell', () => {
    const e = inFile({ ...good, label: 'b', technology: 'PCM', bitsPerCell: { values: 3 }, defaultBitsPerCell: 1 });
    expect(e.details.jsonPath).toBe('/choices/1/bitsPerCell/values');
  });

  it('an empty choices list', () => {
    const file = tempJson('empty.json', { technology: 'RRAM', choices: [] });
    const e = userErrorOf(() => loadChoicesFile(file));
    expect(e.details).toMatchObject({ file, jsonPath: '/choices' });
    expect(e.details.suggestion).toMatch(/add a choice/);
  });

  it('a duplicate label, an unknown key, not an object, not JSON', () => {
    const dup = inFile({ ...good });
    expect(dup.details.jsonPath).toBe('/choices/1/label');
    expect(dup.details.expected).toMatch(/\/choices\/0/);
    expect(inFile({ ...good, label: 'b', encodng: 'csr' }).details).toMatchObject({ jsonPath: '/choices/1/encodng', suggestion: 'did you mean "encoding"?' });
    const top = userErrorOf(() => loadChoicesFile(tempJson('x.json', { choices: [good], colour: 1 })));
    expect(top.details.jsonPath).toBe('/colour');
    expect(userErrorOf(() => loadChoicesFile(tempJson('a.json', [good]))).details.suggestion).toMatch(/examples/);
    expect(userErrorOf(() => loadChoicesFile(tempJson('b.json', '{ "choices": [ }'))).details.suggestion).toMatch(/trailing comma/);
  });

  it('a missing choices file', () => {
    const e = userErrorOf(() => loadChoicesFile('no/such/choices.json'));
    expect(e.details.file).toBe('no/such/choices.json');
  });
});

describe('library', () => {
  it('no choices, or a trace without weights', () => {
    const dense = entry(choice({ encoding: 'dense' }));
    expect(userErrorOf(() => sizeChoices(traceOf(), [dense])).message).toMatch(/no convolution or fully connected layer/);
    expect(userErrorOf(() => sizeChoices(traceOf(conv('c', 2, 2, 1, 1, 1)), [])).message).toMatch(/no storage choices/);
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import type { SweepUnit } from '../../../src/system/sweep/grid.js';
import { runUnitsOnWorkers } from '../../../src/system/sweep/sweep-pool.js';
import { errorFromMessage, errorToMessage, inSystemContext } from '../../../src/system/sweep/unit-error.js';

/** What a worker's error goes through: postMessage clones plain data (structured clone). */
const acrossThreads = (e: unknown): Error => errorFromMessage(structuredClone(errorToMessage(e)));

describe('errors crossing the worker boundary', () => {
  it('a UserError arrives as a UserError with its message and every detail, printed the same', () => {
    const sent = new UserError('layer x does not fit in CBUF', { file: 'a.json', jsonPath: '/nvdla/cbufBanks', expected: 'more banks', suggestion: 'increase cbufBanks' });
    const got = acrossThreads(sent);
    expect(got).toBeInstanceOf(UserError);
    expect((got as UserError).details).toEqual(sent.details);
    expect((got as UserError).format()).toBe(sent.format());
  });
  it('a UserError with some details absent arrives without those keys', () => {
    const got = acrossThreads(new UserError('bad', { jsonPath: '/x' })) as UserError;
    expect(got.details).toEqual({ jsonPath: '/x' });
    expect(got.format()).toBe('error: bad\n  at: /x');
  });
  it('any other error stays an internal error (not exit code 2) and keeps the worker stack', () => {
    const sent = new RangeError('index out of range');
    const got = acrossThreads(sent);
    expect(got).not.toBeInstanceOf(UserError);
    expect(got.message).toContain('RangeError: index out of range');
    expect(got.message).toContain(sent.stack?.split('\n')[1]?.trim() ?? 'no stack');
  });
  it('a unit error names the config and trace; a JSON path without a file points into the config', () => {
    const e = inSystemContext(new UserError('too small', { jsonPath: '/nvdla/cbufBanks' }), 'c.json', 't.json') as UserError;
    expect(e.message).toBe('c.json on t.json: too small');
    expect(e.details).toEqual({ file: 'c.json', jsonPath: '/nvdla/cbufBanks' });
    const plain = new Error('bug');
    expect(inSystemContext(plain, 'c.json', 't.json')).toBe(plain);
  });
});

describe('the pool rejects with the UserError a worker threw', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-sweep-pool-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it('a CBUF too small for the trace, found inside the worker, arrives with file, JSON path, expected and suggestion', async () => {
    // resolveGrid refuses this config before any unit runs (preflight.ts); a unit made by hand reaches the worker.
    const config = JSON.parse(readFileSync('arch-configs/nvdla-full-lpddr4.json', 'utf8')) as { nvdla: Record<string, unknown> };
    config.nvdla.cbufBanks = 3;
    config.nvdla.cbufBankDepth = 1;
    const file = join(dir, 'tiny-cbuf.json');
    writeFileSync(file, JSON.stringify(config));
    const unit: SweepUnit = { index: 0, archFile: file, traceFile: 'traces/tiny-conv.json', policy: 'power-down', file: 'units/0000.json' };
    const run = runUnitsOnWorkers([unit], 2, { fps: [1], seed: 1, exact: false }, { onPoint: () => undefined, onUnit: () => undefined });
    const e = await run.then(
      () => undefined,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(UserError);
    const u = e as UserError;
    expect(u.message).toMatch(new RegExp(`^${file} on traces/tiny-conv.json: layer conv_a does not fit in CBUF`));
    expect(u.details).toEqual({
      file,
      jsonPath: '/nvdla/cbufBanks',
      expected: 'a CBUF that holds at least one kernel group and the input rows of one output row',
      suggestion: 'increase cbufBanks or cbufBankDepth',
    });
  });
});

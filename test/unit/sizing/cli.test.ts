import { describe, expect, it } from 'vitest';
import { cli } from '../../integration/helpers.js';

/** `maxnvm size ...` end to end, through the command line's entry point (in-process). */
const maxnvm = (...args: string[]) => cli('size', ...args);

describe('maxnvm size (command line)', () => {
  it('prints a table for an inline choice and exits 0', async () => {
    const r = await maxnvm('--trace', 'traces/tiny-conv.json', '--encoding', 'bitmask', '--bits-per-cell', '2');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('bitmask 2b/cell  [RRAM]');
  });

  it('bad input: exit 2, the UserError and no stack trace', async () => {
    const r = await maxnvm('--trace', 'traces/tiny-conv.json', '--encoding', 'dense', '--bits-per-cell', '4');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: 4 bits per cell/);
    expect(r.stderr).toContain('at: --bits-per-cell');
    expect(r.stderr).toContain('suggestion:');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('a missing trace: exit 2', async () => {
    const r = await maxnvm('--trace', 'traces/missing.json', '--encoding', 'dense');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('file: traces/missing.json');
  });
});

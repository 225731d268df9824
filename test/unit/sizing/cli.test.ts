import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

/**
 * `node bin/maxnvm.js size ...` end to end. Runs once the command is registered in src/cli/commands/index.ts
 * (the lead wires it); until then the handler is tested directly in the other files of this folder.
 */
const registered = /sizeCommand/.test(readFileSync('src/cli/commands/index.ts', 'utf8'));
const maxnvm = (...args: string[]) => spawnSync(process.execPath, ['bin/maxnvm.js', 'size', ...args], { encoding: 'utf8' });

describe.runIf(registered)('maxnvm size (spawned)', () => {
  it('prints a table for an inline choice and exits 0', () => {
    const r = maxnvm('--trace', 'traces/tiny-conv.json', '--encoding', 'bitmask', '--bits-per-cell', '2');
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('bitmask 2b/cell  [RRAM]');
  });

  it('bad input: exit 2, the UserError and no stack trace', () => {
    const r = maxnvm('--trace', 'traces/tiny-conv.json', '--encoding', 'dense', '--bits-per-cell', '4');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^error: 4 bits per cell/);
    expect(r.stderr).toContain('at: --bits-per-cell');
    expect(r.stderr).toContain('suggestion:');
    expect(r.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it('a missing trace: exit 2', () => {
    const r = maxnvm('--trace', 'traces/missing.json', '--encoding', 'dense');
    expect(r.status).toBe(2);
    expect(r.stderr).toContain('file: traces/missing.json');
  });
});

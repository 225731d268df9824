import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CODE_ROOT, codeHash, sourceTreeHash } from '../../../src/system/sweep/source-hash.js';

const base = mkdtempSync(join(tmpdir(), 'maxnvm-source-hash-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A tree written in the given order. */
function tree(name: string, files: [string, string][]): string {
  const root = join(base, name);
  for (const [rel, text] of files) {
    mkdirSync(join(root, rel, '..'), { recursive: true });
    writeFileSync(join(root, rel), text);
  }
  return root;
}

describe('the content hash of the code', () => {
  const files: [string, string][] = [
    ['a.ts', 'export const a = 1;\n'],
    ['sub/b.ts', 'export const b = 2;\n'],
    ['sub/deeper/c.json', '{}'],
  ];
  const h = sourceTreeHash(tree('base', files));

  it('is a sha256 that does not depend on the order the files were written in', () => {
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(sourceTreeHash(tree('reversed', [...files].reverse()))).toBe(h);
  });
  it('changes when one byte of one file changes, a file is added, or a file is renamed', () => {
    expect(sourceTreeHash(tree('edited', [['a.ts', 'export const a = 2;\n'], ...files.slice(1)]))).not.toBe(h);
    expect(sourceTreeHash(tree('added', [...files, ['sub/d.ts', '']]))).not.toBe(h);
    const renamed = tree('renamed', files);
    renameSync(join(renamed, 'sub/b.ts'), join(renamed, 'sub/b2.ts'));
    expect(sourceTreeHash(renamed)).not.toBe(h);
  });
  it('changes when bytes move from the end of one file to the start of the next', () => {
    // Same concatenation "xy" + "z" vs "x" + "yz": the lengths in the hash tell them apart.
    const one = sourceTreeHash(tree('split1', [['1', 'xy'], ['2', 'z']]));
    const two = sourceTreeHash(tree('split2', [['1', 'x'], ['2', 'yz']]));
    expect(one).not.toBe(two);
  });
  it("this process's hash is that of the src/ folder the sweep modules live in", () => {
    expect(CODE_ROOT.replace(/\\/g, '/')).toMatch(/\/src\/$/);
    expect(codeHash()).toBe(sourceTreeHash(CODE_ROOT));
  });
});

import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Folders import only downward (docs/architecture.md §2: util → engine → workload, storage, ml → hw →
 * config → system → analyses → report → cli). Folders of one rank may import each other.
 */
const RANK: Record<string, number> = {
  util: 0, 'errors.ts': 0,
  engine: 1,
  workload: 2, storage: 2, ml: 2,
  hw: 3,
  config: 4,
  system: 5,
  sizing: 6, faults: 6, validation: 6,
  report: 7,
  cli: 8,
  'index.ts': 9,
};

/** Imports that still run upward, each with why it is not yet moved (none today). The test fails when one is fixed, too. */
const KNOWN: Record<string, string> = {};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const top = (path: string): string => relative('src', path).split('/')[0]!;

describe('imports run only downward', () => {
  const upward: string[] = [];
  for (const file of sources('src')) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)) {
      const target = normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts');
      const from = RANK[top(file)];
      const to = RANK[top(target)];
      expect(from, `${file}: folder ${top(file)} has no rank`).toBeDefined();
      expect(to, `${target}: folder ${top(target)} has no rank`).toBeDefined();
      if (to! > from!) upward.push(`${file} -> ${target}`);
    }
  }

  it('no import runs upward but the known ones', () => {
    expect(upward.filter((u) => !(u in KNOWN))).toEqual([]);
  });

  it('every known upward import still exists (remove it from the list once moved)', () => {
    expect(Object.keys(KNOWN).filter((k) => !upward.includes(k))).toEqual([]);
  });
});

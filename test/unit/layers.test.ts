import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Folders import only downward (docs/architecture.md §2: util → engine → workload, storage, ml → hw →
 * memories → config → system → analyses → report → cli), and folders of one rank never import each other in a circle.
 */
const RANK: Record<string, number> = {
  util: 0, 'errors.ts': 0,
  engine: 1,
  workload: 2, storage: 2, ml: 2,
  hw: 3,
  memories: 4,
  config: 5,
  system: 6,
  sizing: 7, faults: 7, validation: 7,
  report: 8,
  cli: 9,
  'index.ts': 10,
};

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const top = (path: string): string => relative('src', path).split('/')[0]!;

/**
 * The part of the program a file belongs to: its top folder, or for hw/ and memories/ the part of the machine
 * or the memory kind (hw/dram, memories/envm, ...; the files directly in hw/ or memories/ are what they share).
 * Parts of one rank may import each other, never in a circle.
 */
function partOf(path: string): string {
  const [first, second] = relative('src', path).split('/');
  return (first === 'hw' || first === 'memories') && second !== undefined && !second.endsWith('.ts') ? `${first}/${second}` : first!;
}

/** Every relative import of the sources: [importing file, imported file]. */
const imports: [string, string][] = sources('src').flatMap((file) =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import\()\s*'(\.[^']+)'/g)].map((m): [string, string] => [file, normalize(join(dirname(file), m[1]!)).replace(/\.js$/, '.ts')]),
);

/** The circles of a graph: its strongly connected components of more than one node (Tarjan). */
function circles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (v: string): void => {
    index.set(v, index.size);
    low.set(v, index.get(v)!);
    stack.push(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of edges.keys()) if (!index.has(v)) visit(v);
  return found;
}

describe('imports run only downward', () => {
  it('every folder has a rank', () => {
    const unranked = [...new Set(imports.flat().map(top))].filter((f) => RANK[f] === undefined);
    expect(unranked).toEqual([]);
  });

  it('no import runs upward', () => {
    const upward = imports.filter(([from, to]) => RANK[top(to)]! > RANK[top(from)]!).map(([from, to]) => `${from} -> ${to}`);
    expect(upward).toEqual([]);
  });

  it('no circle of parts within a rank', () => {
    const edges = new Map<string, Set<string>>();
    for (const [from, to] of imports) {
      const [a, b] = [partOf(from), partOf(to)];
      if (a !== b) edges.set(a, (edges.get(a) ?? new Set()).add(b));
    }
    expect(circles(edges)).toEqual([]);
  });

  it('the circle finder finds a circle (the test can fail)', () => {
    const edges = new Map([['hw/sram', new Set(['hw/envm'])], ['hw/envm', new Set(['hw', 'hw/sram'])]]);
    expect(circles(edges)).toEqual([['hw/envm', 'hw/sram']]);
  });
});

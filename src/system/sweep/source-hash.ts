import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * A content hash of the simulator's own code, recorded in a sweep's manifest
 * so that an output folder written by other code (an edited model, another
 * checkout with the same package version) is refused instead of resumed: its
 * finished units would mix old results with new ones.
 */

/** The folder holding this module's code tree: src/ from sources, its compiled twin otherwise. */
export const CODE_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * sha256 over every file under `root`, in sorted relative-path order (forward
 * slashes, code-unit order, so the same on every machine): each file adds its
 * path, a NUL, its length, a NUL and its bytes, so moving bytes from one file
 * to the next, or renaming a file, changes the hash.
 */
export function sourceTreeHash(root: string): string {
  const hash = createHash('sha256');
  for (const rel of filesUnder(root).sort(byCodeUnits)) {
    const bytes = readFileSync(`${root}/${rel}`);
    hash.update(`${rel}\0${bytes.length}\0`);
    hash.update(bytes);
  }
  return hash.digest('hex');
}

let cached: string | undefined;
/** The hash of this process's code (computed once: the code does not change while it runs). */
export function codeHash(): string {
  cached ??= sourceTreeHash(CODE_ROOT);
  return cached;
}

/** Relative paths (forward slashes) of every file below `root`. */
function filesUnder(root: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(prefix === '' ? root : `${root}/${prefix}`, { withFileTypes: true })) {
    const rel = prefix === '' ? entry.name : `${prefix}/${entry.name}`;
    if (entry.isDirectory()) out.push(...filesUnder(root, rel));
    else if (entry.isFile()) out.push(rel);
  }
  return out;
}

function byCodeUnits(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

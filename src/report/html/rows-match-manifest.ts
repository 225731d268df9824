import { UserError } from '../../errors.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';

/**
 * A report drawn from rows that do not match the sweep that wrote them (rows
 * emptied or cut, rates or systems edited) would say nonsense, e.g. "every
 * swept point is feasible" about no points. Refuse it, naming the file.
 */
export function checkRowsMatchManifest(rows: readonly SweepRow[], manifest: unknown, file: string): void {
  const fix = 'rerun `maxnvm sweep` with the same flags into this folder (finished units are kept), or into a fresh --out';
  if (rows.length === 0) {
    throw new UserError('sweep.json has no rows', { file, jsonPath: '/rows', expected: 'one row per swept point', suggestion: fix });
  }
  if (typeof manifest !== 'object' || manifest === null) return;
  const m = manifest as { fps?: unknown; units?: unknown; archs?: unknown; designs?: unknown };
  if (!Array.isArray(m.fps) || !Array.isArray(m.units)) return;
  const expected = m.fps.length * m.units.length;
  if (rows.length !== expected) {
    throw new UserError(`sweep.json has ${rows.length} rows but sweep-manifest.json describes ${m.units.length} units × ${m.fps.length} rates = ${expected}`, {
      file,
      jsonPath: '/rows',
      expected: `${expected} rows, as the manifest says`,
      suggestion: fix,
    });
  }
  const rates = new Set(m.fps as unknown[]);
  // A grid's rows are named by design (config name and keys set).
  const named = Array.isArray(m.designs) ? m.designs : m.archs;
  const names = Array.isArray(named) ? new Set((named as { name?: unknown }[]).map((a) => a.name)) : undefined;
  rows.forEach((r, i) => {
    const wrong = !rates.has(r.fps) ? `rate ${r.fps} fps is not one of the swept rates` : names !== undefined && !names.has(r.system) ? `system "${r.system}" is not one of the swept configs` : undefined;
    if (wrong === undefined) return;
    throw new UserError(`row ${i} of sweep.json disagrees with sweep-manifest.json: ${wrong}`, { file, jsonPath: `/rows/${i}`, expected: 'rows of the sweep the manifest describes', suggestion: fix });
  });
}

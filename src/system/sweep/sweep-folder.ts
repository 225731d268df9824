import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { maxnvmVersion } from '../../util/version.js';
import { UserError } from '../../errors.js';
import { toJson, writeFileAtomic } from '../../util/atomic-write.js';
import type { GridIdentity, ResolvedGrid, SweepUnit } from './grid.js';
import type { UnitResult } from './run-unit.js';
import { codeHash } from './source-hash.js';
import { sweepCsv } from './sweep-csv.js';
import { removeStaleTemporaries } from './stale-temporaries.js';
import type { SweepRow } from './sweep-row.js';

/**
 * The output folder of a sweep, which is also its resume state:
 *   sweep-manifest.json  the grid (content hashes of every input; no timestamps)
 *   units/NNNN-*.json    one finished unit each (its resolved config, system and rows), written atomically
 *   shard.json           only in the folder of one shard (`--shard I/N`): which units it runs
 *   sweep.json, sweep.csv  every row, written atomically once all units are there
 * A rerun of the same sweep skips the units already on disk; a different sweep
 * is refused rather than mixed in.
 */

export const MANIFEST_FILE = 'sweep-manifest.json';
export const SWEEP_JSON = 'sweep.json';
export const SWEEP_CSV = 'sweep.csv';
/** Bump when the unit files or sweep.json change shape, so old folders are not resumed into new code. */
export const FORMAT = 2;

export interface SweepManifest extends GridIdentity {
  tool: 'maxnvm';
  command: 'sweep';
  version: string;
  /** sha256 of the simulator's code (source-hash.ts): results of other code are not resumed, even at the same version. */
  code_sha256: string;
  format: number;
  units: SweepUnit[];
}

export function manifestOf(grid: ResolvedGrid): SweepManifest {
  return { tool: 'maxnvm', command: 'sweep', version: maxnvmVersion(), code_sha256: codeHash(), format: FORMAT, ...grid.identity, units: grid.units };
}

/**
 * Make `dir` ready for this sweep: create it with its manifest, or check that
 * the manifest already there is this very sweep. Throws UserError otherwise.
 */
export function prepareFolder(dir: string, manifest: SweepManifest): void {
  const file = join(dir, MANIFEST_FILE);
  if (existsSync(dir) && !statSync(dir).isDirectory()) {
    throw new UserError(`output folder ${dir} is a file`, { file: dir, expected: 'a folder (it is created when missing)', suggestion: 'choose another --out' });
  }
  if (existsSync(file)) {
    const found = readManifest(file);
    const diff = firstDifference(found, manifest);
    if (diff !== undefined) {
      throw new UserError(`output folder holds a different sweep (${diff} differs)`, {
        file,
        expected: 'the same configs, traces, policies, rates, seed, method, maxnvm version and code to resume',
        suggestion: 'choose another --out, or delete the folder to start over',
      });
    }
    removeStaleTemporaries(dir);
    return;
  }
  if (existsSync(dir) && readdirSync(dir).length > 0) {
    throw new UserError(`output folder ${dir} is not empty and holds no sweep`, {
      file: dir,
      expected: `an empty or new folder, or one with ${MANIFEST_FILE} from the same sweep`,
      suggestion: 'choose another --out',
    });
  }
  writeFileAtomic(file, toJson(manifest));
}

/** Units already finished in `dir`, by index. A file that does not parse or names another unit is ignored (it is recomputed). */
export function finishedUnits(dir: string, units: readonly SweepUnit[]): Map<number, UnitResult> {
  const done = new Map<number, UnitResult>();
  for (const unit of units) {
    const path = join(dir, unit.file);
    if (!existsSync(path)) continue;
    try {
      const r = JSON.parse(readFileSync(path, 'utf8')) as UnitResult;
      if (toJson(r.unit) === toJson(unit) && Array.isArray(r.rows)) done.set(unit.index, r);
    } catch {
      // An unreadable unit file cannot come from writeFileAtomic; recompute it rather than fail.
    }
  }
  return done;
}

export function writeUnit(dir: string, result: UnitResult): void {
  writeFileAtomic(join(dir, result.unit.file), toJson(result));
}

/** The rows of all units, in unit order. */
export function rowsOf(results: readonly UnitResult[]): SweepRow[] {
  return [...results].sort((a, b) => a.unit.index - b.unit.index).flatMap((r) => r.rows);
}

/** sweep.json: what was swept, one summary per unit, and every row. */
function sweepJson(manifest: SweepManifest, results: readonly UnitResult[]): string {
  const { units: _units, ...sweep } = manifest;
  const ordered = [...results].sort((a, b) => a.unit.index - b.unit.index);
  return toJson({ sweep, systems: ordered.map((r) => ({ ...r.system, work: r.work })), rows: rowsOf(ordered) });
}

export function writeOutputs(dir: string, manifest: SweepManifest, results: readonly UnitResult[]): void {
  writeFileAtomic(join(dir, SWEEP_JSON), sweepJson(manifest, results));
  writeFileAtomic(join(dir, SWEEP_CSV), sweepCsv(rowsOf(results)));
}

/** The rows of a finished sweep folder (its sweep.json). */
export function loadSweepRows(dir: string): SweepRow[] {
  const file = join(dir, SWEEP_JSON);
  if (!existsSync(file)) {
    throw new UserError(`no ${SWEEP_JSON} in ${dir}`, { file, expected: 'the output folder of a finished sweep', suggestion: 'run (or resume) `maxnvm sweep --out` on it first' });
  }
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file} is not valid JSON: ${(e as Error).message}`, { file, suggestion: 'rerun the sweep into a fresh folder' });
  }
  const rows = (data as { rows?: unknown }).rows;
  if (!Array.isArray(rows)) throw new UserError(`${file} has no "rows" list`, { file, jsonPath: '/rows', expected: 'an array of sweep rows' });
  return rows as SweepRow[];
}

export function readManifest(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file} is not valid JSON: ${(e as Error).message}`, { file, suggestion: 'delete the output folder, or choose another --out' });
  }
}

/** The first top-level key whose value differs, for the message ("fps", "archs", ...). */
export function firstDifference(found: unknown, wanted: SweepManifest): string | undefined {
  if (typeof found !== 'object' || found === null) return 'the manifest';
  const f = found as Record<string, unknown>;
  const keys = new Set([...Object.keys(f), ...Object.keys(wanted)]);
  for (const k of keys) if (toJson(f[k]) !== toJson((wanted as unknown as Record<string, unknown>)[k])) return `"${k}"`;
  return undefined;
}

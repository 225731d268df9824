import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { SimulationResult } from '../../system/simulate.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { rowsFromSimulation } from './simulation-rows.js';
import { checkSweepRows } from './sweep-rows-check.js';
import { checkRowsMatchManifest } from './rows-match-manifest.js';
import { readJsonFile } from '../../util/json-validate.js';
import type { LayerPlotInput } from '../plots/layer-bars.js';

/** A manifest found in the output folder, shown verbatim as the report's inputs. */
export interface ManifestFile {
  name: string;
  content: unknown;
}

/** What the report is made from: the rows of a sweep, or of one simulation. */
export interface RunData {
  dir: string;
  source: 'sweep.json' | 'summary.json';
  rows: SweepRow[];
  manifests: ManifestFile[];
  /** Notes carried by the run itself (simulation notes, an infeasible system's reason). */
  notes: string[];
  /** A simulate folder's per-layer figures and the rates it ran (absent for a sweep). */
  simulation?: { layers: LayerPlotInput; fps: number[] };
}

const MANIFEST_FILES = ['sweep-manifest.json', 'manifest.json'] as const;
const SUGGESTION = 'run maxnvm sweep --out DIR (or maxnvm simulate --out DIR) first, then maxnvm report DIR';

function readJson(file: string): unknown {
  return readJsonFile(file, 'maxnvm output');
}

/** A summary.json is a simulate result when it has these fields (see result-schema.ts). */
function isSimulationResult(v: unknown): v is SimulationResult {
  if (typeof v !== 'object' || v === null) return false;
  const o = v as Record<string, unknown>;
  if (typeof o.arch !== 'object' || typeof o.trace !== 'object' || typeof o.area_mm2 !== 'number' || typeof o.feasible !== 'boolean') return false;
  return o.feasible === false ? typeof o.reason === 'string' : typeof o.inference === 'object' && Array.isArray(o.points);
}

/**
 * Read an output folder: DIR/sweep.json when present (the sweep's rows),
 * else DIR/summary.json of `maxnvm simulate --out DIR`; plus whichever
 * manifests exist. A missing folder or files, or malformed JSON, is a UserError.
 */
export function loadRun(dir: string): RunData {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new UserError(`no output folder at ${dir}`, { file: dir, expected: 'a folder written by maxnvm sweep --out or simulate --out', suggestion: SUGGESTION });
  }
  const manifests: ManifestFile[] = [];
  for (const name of MANIFEST_FILES) {
    const file = join(dir, name);
    if (existsSync(file)) manifests.push({ name, content: readJson(file) });
  }
  const sweepFile = join(dir, 'sweep.json');
  if (existsSync(sweepFile)) {
    const raw = readJson(sweepFile);
    const notes = typeof raw === 'object' && raw !== null && Array.isArray((raw as { notes?: unknown }).notes) ? (raw as { notes: unknown[] }).notes.map(String) : [];
    const rows = checkSweepRows(raw, sweepFile);
    checkRowsMatchManifest(rows, manifests.find((m) => m.name === 'sweep-manifest.json')?.content, sweepFile);
    return { dir, source: 'sweep.json', rows, manifests, notes };
  }
  const summaryFile = join(dir, 'summary.json');
  if (existsSync(summaryFile)) {
    const raw = readJson(summaryFile);
    if (!isSimulationResult(raw)) {
      throw new UserError('summary.json is not the result of maxnvm simulate', {
        file: summaryFile,
        expected: 'an object with arch, trace, area_mm2 (a number: result schema 2), feasible and (when feasible) inference and points',
        suggestion: SUGGESTION,
      });
    }
    const manifest = manifests.find((m) => m.name === 'manifest.json')?.content;
    const notes = [...raw.notes];
    if (!raw.feasible) notes.unshift(`${raw.arch.name} cannot run ${raw.trace.name}: ${raw.reason}`);
    else if (raw.points.length === 0) notes.unshift('the simulation ran no frame rates (no --fps): there is nothing to plot against frame rate');
    const simulation = raw.feasible && Array.isArray(raw.layers) ? { layers: { system: raw.arch.name, trace: raw.trace.name, layers: raw.layers }, fps: raw.points.map((p) => p.fps) } : undefined;
    return { dir, source: 'summary.json', rows: rowsFromSimulation(raw, manifest), manifests, notes, ...(simulation === undefined ? {} : { simulation }) };
  }
  throw new UserError(`${dir} has neither sweep.json nor summary.json`, {
    file: dir,
    expected: 'the output folder of maxnvm sweep --out or maxnvm simulate --out',
    suggestion: SUGGESTION,
  });
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { toJson, writeFileAtomic } from '../../util/atomic-write.js';
import { paretoFrontSpec } from '../plots/pareto-front.js';
import { renderSvg } from '../plots/render-svg.js';
import { specJson } from '../plots/spec-json.js';
import { parseObjectives, type Objective } from './objectives.js';
import { paretoCsv, paretoOf, type ParetoResult } from './pareto-points.js';

/**
 * The files of `maxnvm pareto DIR`: pareto.csv (the front), pareto.json (the
 * objectives, so `report` draws the same front) and plots/pareto-front.svg.
 */

export const PARETO_CSV = 'pareto.csv';
export const PARETO_JSON = 'pareto.json';
export const PARETO_PLOT = 'pareto-front.svg';
/** The front `report` shows for a grid sweep when `maxnvm pareto` was not run on it. */
export const DEFAULT_OBJECTIVES = 'area_mm2,energy_J';

export interface WrittenPareto {
  result: ParetoResult;
  svg: string;
  files: string[];
}

export async function writePareto(dir: string, rows: readonly SweepRow[], objectives: readonly Objective[]): Promise<WrittenPareto> {
  const result = paretoOf(rows, objectives);
  if (result.candidates.length === 0) {
    throw new UserError(`no feasible point of ${dir} has a value for ${objectives.map((o) => o.label).join(', ')}`, {
      file: dir,
      expected: 'a sweep with at least one feasible point',
      suggestion: 'sweep lower frame rates (see max fps in the sweep summary), or check the reasons in sweep.csv',
    });
  }
  const spec = paretoFrontSpec(result);
  const svg = await renderSvg(spec);
  const files = [join(dir, PARETO_CSV), join(dir, PARETO_JSON), join(dir, 'plots', PARETO_PLOT), join(dir, 'plots', PARETO_PLOT.replace(/\.svg$/, '.vl.json'))];
  writeFileAtomic(files[0] as string, paretoCsv(result));
  writeFileAtomic(files[1] as string, toJson({ objectives: objectives.map((o) => o.label), candidates: result.candidates.length, front: result.front.length }));
  writeFileAtomic(files[2] as string, svg);
  writeFileAtomic(files[3] as string, specJson(spec));
  return { result, svg, files };
}

/** The objectives `report` uses: those of the last `maxnvm pareto` on the folder, else the default for grid sweeps, else none. */
export function reportObjectives(dir: string, rows: readonly SweepRow[]): Objective[] | undefined {
  const file = join(dir, PARETO_JSON);
  if (existsSync(file)) {
    const labels = (JSON.parse(readFileSync(file, 'utf8')) as { objectives?: unknown }).objectives;
    if (!Array.isArray(labels)) throw new UserError(`${file} has no "objectives" list`, { file, jsonPath: '/objectives', suggestion: 'rerun maxnvm pareto on the folder' });
    return parseObjectives(labels.map(String).join(','));
  }
  return rows.some((r) => r.set !== undefined) ? parseObjectives(DEFAULT_OBJECTIVES) : undefined;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { OBJECTIVE_COLUMNS, type ObjectiveColumn } from '../pareto/objectives.js';
import { paretoOf } from '../pareto/pareto-points.js';
import { PARETO_PLOT, reportObjectives } from '../pareto/write-pareto.js';
import { paretoFrontSpec } from '../plots/pareto-front.js';
import { plainNumber } from '../plots/units.js';
import { renderSvg } from '../plots/render-svg.js';
import { specJson } from '../plots/spec-json.js';
import type { PlotStyle } from '../plots/theme.js';
import type { WrittenPlot } from '../plots/write-plots.js';
import { htmlTable, num, type Cell } from './html-escape.js';

/** Rows of the front shown on the page; pareto.csv holds them all. */
export const MAX_FRONT_ROWS = 100;

export interface ParetoTable {
  objectives: string[];
  header: string[];
  rows: Cell[][];
  /** Front rows not shown. */
  omitted: number;
}

/**
 * The report's Pareto section: the front of the objectives of the last
 * `maxnvm pareto` on the folder, or of area and energy per inference for a
 * grid sweep; none otherwise (nothing to choose between for a few systems).
 */
export async function paretoSection(dir: string, rows: readonly SweepRow[], style?: PlotStyle): Promise<{ plot: WrittenPlot; table: ParetoTable; notes: string[] } | undefined> {
  const objectives = reportObjectives(dir, rows);
  if (objectives === undefined) return undefined;
  const result = paretoOf(rows, objectives);
  const labels = objectives.map((o) => o.label);
  if (result.candidates.length === 0) return undefined;
  const spec = paretoFrontSpec(result, style);
  const svg = await renderSvg(spec);
  const path = join(dir, 'plots', PARETO_PLOT);
  const specPath = path.replace(/\.svg$/, '.vl.json');
  if (!existsSync(path) || readFileSync(path, 'utf8') !== svg) writeFileAtomic(path, svg);
  const specText = specJson(spec);
  if (!existsSync(specPath) || readFileSync(specPath, 'utf8') !== specText) writeFileAtomic(specPath, specText);
  const measures = objectives.map((o) => o.column as ObjectiveColumn);
  const shown = result.front.slice(0, MAX_FRONT_ROWS);
  const table: ParetoTable = {
    objectives: labels,
    header: ['trace', 'frame rate (fps)', 'design', 'DRAM policy', ...labels],
    rows: shown.map((r): Cell[] => [r.trace, num(plainNumber(r.fps)), r.system, r.dramPolicy, ...measures.map((m) => num(String(Number((OBJECTIVE_COLUMNS[m](r) as number).toPrecision(4)))))]),
    omitted: result.front.length - shown.length,
  };
  const notes = [`Pareto front of ${labels.join(', ')}: ${result.front.length} non-dominated of ${result.candidates.length} feasible points, one front per trace and rate.`];
  return { plot: { name: 'pareto-front', file: PARETO_PLOT, path, svg, specPath }, table, notes };
}

export function paretoHtml(t: ParetoTable): string {
  const more = t.omitted > 0 ? `<p>${t.omitted} more non-dominated points are not shown; <code>maxnvm pareto</code> writes them all to pareto.csv.</p>\n` : '';
  return `<section id="pareto">\n<h2>Pareto front</h2>\n${htmlTable('pareto-table', `Non-dominated points of ${t.objectives.join(', ')} (each minimized unless marked max:), SI units`, t.header, t.rows)}\n${more}</section>\n`;
}

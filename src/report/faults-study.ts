/**
 * The study's outputs: a terminal table, study.csv, study.json, a choices file
 * with every found choice (for `maxnvm size --choices`), and study.svg, a
 * grouped bar chart rendered headless by the project's deterministic
 * vega-lite renderer (src/report/plots/render-svg.ts).
 */

import { join } from 'node:path';
import { toCsv } from '../util/csv.js';
import { toJson, writeFileAtomic } from '../util/atomic-write.js';
import { grouped, textTable } from '../util/format.js';
import { renderSvg } from './plots/render-svg.js';
import { DEFAULT_STYLE, plotFrame, type PlotSpec, type PlotStyle } from './plots/theme.js';
import { specJson } from './plots/spec-json.js';
import { STREAM_ORDER } from '../storage/streams.js';
import type { StudyReport } from '../faults/study.js';

const pct = (share: number): string => `${(100 * share).toFixed(2)} %`;

function settingText(bpc: Readonly<Record<string, number | undefined>>): string {
  return STREAM_ORDER.filter((s) => bpc[s] !== undefined)
    .map((s) => `${s} ${bpc[s]}`)
    .join(', ');
}

export function studyTable(r: StudyReport): string {
  const lines = [
    `MaxNVM study: the most bits per cell within ${r.tolerance_pp} pp of the fault-free accuracy (${pct(r.cleanAccuracy)}), fault model ${r.faultModel}`,
    `loss = fault-free accuracy − lower end of the ${100 * r.confidence} % t interval over ${r.trials} trials per step; seed ${r.seed}`,
    '',
    textTable(
      ['encoding', 'protection', 'bits per cell found', 'accuracy', 'loss pp', 'model cells', `${r.sizeTrace.name} cells`, 'vs dense SLC', 'faulty cells/copy'],
      r.rows.map((row) => [
        row.encoding,
        row.protection,
        `${settingText(row.bitsPerCell)}${row.meetsTolerance ? '' : ' (fails even at 1)'}`,
        pct(row.accuracy),
        row.accuracyLoss_pp.toFixed(2),
        grouped(row.mnistCells),
        grouped(row.traceCells),
        `${(100 * row.traceCellsRatioToDenseSlc).toFixed(1)} %`,
        row.traceExpectedFaultyCells.toExponential(2),
      ]),
    ),
    '',
    ...r.notes.map((n) => `note: ${n}`),
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * One row per study row. Accuracies are fractions 0..1, named so (`accuracy_fraction`,
 * `accuracyLow_fraction`); study.json keeps the StudyRow names `accuracy` and `accuracyLow`.
 */
export function studyCsv(r: StudyReport): string {
  const bpcColumns = STREAM_ORDER.map((s) => `bitsPerCell_${s}`);
  const columns = [
    'encoding', 'protection', 'label', 'meetsTolerance', ...bpcColumns, 'accuracy_fraction', 'accuracyLow_fraction', 'accuracyLoss_pp',
    'mnistCells', 'mnistDenseSlcCells', 'traceCells', 'traceDenseSlcCells', 'traceCellsRatioToDenseSlc', 'traceExpectedFaultyCells',
  ];
  return toCsv(
    columns,
    r.rows.map(({ bitsPerCell, choice: _choice, search: _search, accuracy, accuracyLow, ...scalars }) => ({
      ...scalars,
      accuracy_fraction: accuracy,
      accuracyLow_fraction: accuracyLow,
      ...Object.fromEntries(STREAM_ORDER.map((s) => [`bitsPerCell_${s}`, bitsPerCell[s]])),
    })),
  );
}

/** The y axis reaches at least this multiple of the tallest bar (assumption: 8 % leaves room for a 9 px label on a 260 px plot). */
const LABEL_HEADROOM = 1.08;

/** Vega-Lite spec: cells of the size trace relative to dense SLC, per encoding, one bar per protection. */
export function studyPlotSpec(r: StudyReport, style: PlotStyle = DEFAULT_STYLE): PlotSpec {
  const protections = ['unprotected', 'ECC (+ IdxSync)'];
  const values = r.rows.map((row) => ({
    encoding: row.encoding,
    protection: protections[row.protection === 'none' ? 0 : 1],
    cells_pct: Math.round(1000 * row.traceCellsRatioToDenseSlc) / 10,
  }));
  return {
    // One fact per subtitle line; plotFrame wraps any line still too long (a long trace or level model name).
    ...plotFrame('Cells at the found bits per cell', [
      `${r.sizeTrace.name}, relative to dense SLC`,
      `most bits per cell within ${r.tolerance_pp} pp of the MNIST accuracy`,
      `fault model ${r.faultModel}, ${r.trials} trials per search step`,
    ], style),
    // 420 × 260 px at the default style (room beside the bars for the legend), scaled with --width.
    width: Math.round((420 * style.width_px) / DEFAULT_STYLE.width_px),
    height: Math.round((260 * style.width_px) / DEFAULT_STYLE.width_px),
    data: { values },
    encoding: {
      x: { field: 'encoding', type: 'nominal', sort: ['dense', 'clustered', 'bitmask', 'CSR'], title: 'encoding', axis: { labelAngle: 0 } },
      xOffset: { field: 'protection', type: 'nominal', sort: protections },
      // Headroom above the tallest bar for its value label, which would otherwise run into the subtitle.
      y: { field: 'cells_pct', type: 'quantitative', title: 'cells, % of dense SLC', scale: { domainMax: LABEL_HEADROOM * Math.max(0, ...values.map((v) => v.cells_pct)), nice: true } },
    },
    layer: [
      { mark: 'bar', encoding: { color: { field: 'protection', type: 'nominal', sort: protections, title: 'protection' } } },
      { mark: { type: 'text', dy: -6, fontSize: style.fontSize_px - 2 }, encoding: { text: { field: 'cells_pct', type: 'quantitative', format: '.1f' } } },
    ],
  };
}

export function studyPlotSvg(r: StudyReport, style: PlotStyle = DEFAULT_STYLE): Promise<string> {
  return renderSvg(studyPlotSpec(r, style));
}

/** Write study.csv, study.json, study-choices.json, study.svg (with its vega-lite spec, study.vl.json) and manifest.json into `dir`. */
export async function writeStudy(dir: string, r: StudyReport, manifest: Record<string, unknown>, style: PlotStyle = DEFAULT_STYLE): Promise<string[]> {
  const files: [string, string][] = [
    ['manifest.json', toJson(manifest)],
    ['study.json', toJson(r)],
    ['study.csv', studyCsv(r)],
    [
      'study-choices.json',
      toJson({
        technology: r.technology,
        description: `bits per cell found by the maxnvm faults study (MNIST, ${r.faultModel}, tolerance ${r.tolerance_pp} pp, ${r.trials} trials per step, seed ${r.seed}); size them with maxnvm size --choices`,
        choices: r.rows.map((row) => row.choice),
      }),
    ],
    ['study.svg', await studyPlotSvg(r, style)],
    ['study.vl.json', specJson(studyPlotSpec(r, style))],
  ];
  for (const [name, text] of files) writeFileAtomic(join(dir, name), text);
  return files.map(([name]) => join(dir, name));
}

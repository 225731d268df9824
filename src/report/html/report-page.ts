import { reasonOf } from '../../system/measurement.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { si } from '../../util/format.js';
import { BAND_HEADER, bandPreamble, bandRows } from '../band-table.js';
import type { Bands } from '../band-file.js';
import { baselineLabel, type Baseline } from '../plots/baseline.js';
import { rateLabel } from '../plots/energy-breakdown.js';
import type { ChosenRate } from '../plots/rates.js';
import { prefixSvgIds } from '../plots/render-svg.js';
import { plainNumber } from '../plots/units.js';
import { escapeHtml, htmlTable, num, type Cell } from './html-escape.js';
import type { ManifestFile } from './load-run.js';
import { REPORT_CSS } from './report-css.js';
import type { RateLine, SystemLine } from './report-tables.js';
import { paretoHtml, type ParetoTable } from './pareto-section.js';

/** Everything the page shows; built by write-report.ts, rendered here without further decisions. */
export interface ReportModel {
  source: string;
  traces: string[];
  baseline: Baseline | undefined;
  rates: ChosenRate[];
  plots: { name: string; file: string; svg: string }[];
  systems: SystemLine[];
  rateLines: RateLine[];
  infeasible: { series: string; row: SweepRow }[];
  inputFiles: string[];
  manifests: ManifestFile[];
  notes: string[];
  /** The MaxNVM ratio with its sensitivity band (band.json beside the sweep), when the main job wrote one. */
  bands?: Bands;
  /** The Pareto front (grid sweeps, or after `maxnvm pareto`). */
  pareto?: ParetoTable;
}

/** What each plot shows, under it on the page. */
const CAPTIONS: Record<string, string> = {
  'power-vs-fps': 'Average power over whole frame periods in steady state, by frame rate. Each system has its own colour (the same in every report) and its name at the end of its lines; the dash pattern is the DRAM idle policy. "best" (the cheapest policy for each idle gap) is the wide pale band under the policy it follows. A line stops at the highest rate its system sustains.',
  'energy-vs-fps': 'Energy per frame period: one inference plus the idle time until the next frame. Infeasible rates are left out.',
  'energy-breakdown': 'Energy per inference split by component at the chosen rates; each panel has its own scale.',
  'area-breakdown': 'On-chip area by component. Off-chip LPDDR4 is not counted.',
  'ratio-vs-fps': 'Baseline power divided by each other system\'s power at the same rate (equal to the energy-per-inference ratio). Above 1 the system needs less than the baseline.',
  'layer-latency': 'Time of each layer of one inference with every device awake, in execution order; colour says whether the layer waits for memory or computes. The same numbers are in layers.csv.',
  'layer-energy': 'Energy of the whole system while each layer runs, split by component (components with zero energy are left out). The same numbers are in layers.csv.',
  'layer-bytes': 'Bytes each layer reads from and writes to each memory. The same numbers are in layers.csv.',
  'pareto-front': 'The Pareto front: the feasible points no other point of the same trace and rate beats in every objective (grey: all feasible points). The same points are in the table above and, after `maxnvm pareto`, in pareto.csv.',
  'ratio-band': 'The MaxNVM ratio at every swept rate where both systems keep up: solid at the default assumptions, shaded between the lowest and highest ratio over the corners of the assumption ranges. The legend names the corner at each end; the marker on an end names the assumption that moves it more on its own. The same numbers are in band.json.',
};

function plotFigure(p: { name: string; file: string; svg: string }): string {
  const svg = prefixSvgIds(p.svg.trim(), `${p.name}-`);
  const caption = CAPTIONS[p.name] ?? '';
  return `<figure id="plot-${escapeHtml(p.name)}" data-plot="${escapeHtml(p.name)}">\n${svg}\n<figcaption>${escapeHtml(caption)} <span class="file">(plots/${escapeHtml(p.file)})</span></figcaption>\n</figure>`;
}

function systemsTable(systems: readonly SystemLine[]): string {
  const rows = systems.map((s): Cell[] => [
    s.system,
    s.trace,
    s.policies.join(', '),
    num(plainNumber(s.maxFps)),
    num(s.area_mm2 === null ? '–' : s.area_mm2.toFixed(3)),
    Object.entries(s.areaByComponent_mm2).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', '),
  ]);
  return htmlTable('systems-table', 'Systems', ['system', 'trace', 'DRAM idle policies', 'max frame rate (fps)', 'on-chip area (mm²)', 'area by component (mm²)'], rows);
}

function rateTable(lines: readonly RateLine[], baseline: Baseline | undefined): string {
  const rows = lines.map((l): Cell[] => {
    const rate = l.fps === l.requested_fps ? plainNumber(l.fps) : `${plainNumber(l.fps)} (asked ${plainNumber(l.requested_fps)})`;
    const r = l.row;
    if (r === undefined) return [num(rate), l.series, { text: 'not swept at this rate', cls: 'bad', span: 4 }];
    if (!r.feasible) {
      return [num(rate), l.series, { text: r.reason === '' ? 'infeasible' : r.reason, cls: 'bad', span: 4 }];
    }
    const ratio: Cell = l.isBaseline ? { text: 'baseline', cls: 'base' } : l.ratio === undefined ? '–' : num(`${l.ratio.toPrecision(3)}×`);
    return [num(rate), l.series, num(si(r.power_W, 'W')), num(si(r.energy_J, 'J')), num(r.latency_s === null ? '–' : si(r.latency_s, 's')), ratio];
  });
  const caption = `Power and energy per inference at the chosen rates; ${baseline === undefined ? 'no baseline' : `baseline ${baselineLabel(baseline)}`}`;
  return htmlTable('rates-table', caption, ['frame rate (fps)', 'system (DRAM policy)', 'average power', 'energy per inference', 'latency', 'power ratio, baseline / system'], rows);
}

function bandSection(b: Bands | undefined, plotted: boolean): string {
  if (b === undefined) return '';
  const bands = b.bands;
  const more = plotted ? ' The table shows the chosen rates; the band plot (<a href="#plot-ratio-band">below</a>) and band.json hold every swept rate.' : '';
  const rows = bandRows(bands, String, b.tableRates).map((r): Cell[] => r.map((c, i) => (i >= 1 && i <= 5 ? num(c) : c)));
  return `<section id="band">\n<h2>Ratio band</h2>\n<p>${escapeHtml(bandPreamble(bands))}${more}</p>\n${htmlTable('band-table', 'Baseline / system power at the default assumptions, and the band with the assumptions at each end', BAND_HEADER, rows)}\n</section>\n`;
}

function infeasibleTable(list: readonly { series: string; row: SweepRow }[]): string {
  if (list.length === 0) return '<p>Every swept point is feasible.</p>';
  const rows = list.map((x): Cell[] => [x.series, num(plainNumber(x.row.fps)), num(plainNumber(x.row.maxFps)), { text: reasonOf(x.row), cls: 'bad' }]);
  return htmlTable('infeasible-table', 'Lowest swept rate each series cannot sustain', ['system (DRAM policy)', 'frame rate (fps)', 'max frame rate (fps)', 'reason'], rows);
}

function inputsSection(m: ReportModel): string {
  const files = m.inputFiles.length === 0 ? '' : `<p>Input files:</p>\n<ul>${m.inputFiles.map((f) => `<li><code>${escapeHtml(f)}</code></li>`).join('')}</ul>`;
  const manifests =
    m.manifests.length === 0
      ? '<p>No manifest.json or sweep-manifest.json in the output folder.</p>'
      : m.manifests.map((x) => `<h3>${escapeHtml(x.name)}</h3>\n<pre id="manifest-${escapeHtml(x.name.replace(/\.json$/, ''))}">${escapeHtml(JSON.stringify(x.content, null, 2))}</pre>`).join('\n');
  return `<p>Read from <code>${escapeHtml(m.source)}</code>.</p>\n${files}\n${manifests}`;
}

/**
 * The report page: self-contained (inline CSS and SVG, no script, and a
 * Content-Security-Policy that forbids every fetch), deterministic (no dates,
 * no absolute paths), readable without the plots (every figure also a table).
 */
export function renderReportPage(m: ReportModel): string {
  const title = `maxnvm report: ${m.traces.join(', ') || 'no points'}`;
  const plots = m.plots.length === 0 ? '<p>No plots: there are no swept points.</p>' : `<div class="plots">\n${m.plots.map(plotFigure).join('\n')}\n</div>`;
  const rates = m.rates.map(rateLabel).join(', ') || 'none';
  const lede = `${m.systems.length} system(s), ${m.rateLines.length === 0 ? 0 : new Set(m.rateLines.map((l) => l.series)).size} series; baseline ${m.baseline === undefined ? 'none' : escapeHtml(baselineLabel(m.baseline))}; table rates ${escapeHtml(rates)}.`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header>
<h1>${escapeHtml(title)}</h1>
<p class="lede">${lede}</p>
<nav><a href="#summary">Summary</a>${m.bands === undefined ? '' : '<a href="#band">Ratio band</a>'}${m.pareto === undefined ? '' : '<a href="#pareto">Pareto front</a>'}<a href="#plots">Plots</a><a href="#feasibility">Feasibility</a><a href="#inputs">Inputs</a><a href="#notes">Notes</a></nav>
</header>
<section id="summary">
<h2>Summary</h2>
${systemsTable(m.systems)}
${rateTable(m.rateLines, m.baseline)}
</section>
${bandSection(m.bands, m.plots.some((p) => p.name === 'ratio-band'))}${m.pareto === undefined ? '' : paretoHtml(m.pareto)}<section id="plots">
<h2>Plots</h2>
${plots}
</section>
<section id="feasibility">
<h2>Feasibility</h2>
${infeasibleTable(m.infeasible)}
</section>
<section id="inputs">
<h2>Inputs</h2>
${inputsSection(m)}
</section>
<section id="notes">
<h2>Notes</h2>
<ul class="notes">
${m.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('\n')}
</ul>
</section>
</body>
</html>
`;
}

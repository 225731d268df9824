import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { BAND_JSON, readBandFile, type Bands } from '../band-file.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { baselineLabel, formatBaseline } from '../plots/baseline.js';
import { distinct } from '../plots/series.js';
import { plainNumber } from '../plots/units.js';
import { writePlots, type PlotOptions, type WrittenPlot } from '../plots/write-plots.js';
import { loadRun } from './load-run.js';
import { renderReportPage, type ReportModel } from './report-page.js';
import { firstInfeasible, rateLines, systemLines } from './report-tables.js';
import { paretoSection } from './pareto-section.js';

export interface ReportResult {
  reportPath: string;
  plots: WrittenPlot[];
  model: ReportModel;
}

/** A simulate folder with more rates than this shows the default table rates (one breakdown panel per rate). */
const MAX_SIMULATED_RATES = 6;

/**
 * `maxnvm report DIR`: read DIR's sweep.json (or simulate's summary.json),
 * write the plots to DIR/plots/ and a self-contained DIR/report.html.
 * Same folder and options → byte-identical files.
 */
export async function writeReport(dir: string, opts: PlotOptions = {}): Promise<ReportResult> {
  const run = loadRun(dir);
  const rows = run.rows;
  const bands = readBands(dir);
  const notes: string[] = [];
  let plots: WrittenPlot[] = [];
  let model: Omit<ReportModel, 'notes' | 'plots'>;
  if (rows.length === 0) {
    notes.push('There are no swept points: no plots and no per-rate figures.');
    model = { source: run.source, traces: [], baseline: undefined, rates: [], systems: [], rateLines: [], infeasible: [], inputFiles: [], manifests: run.manifests };
  } else {
    // A simulate folder: the per-layer bars, and the rates it ran (all of them) unless --rates says otherwise.
    const sim = run.simulation;
    const rates = opts.rates ?? (sim !== undefined && sim.fps.length <= MAX_SIMULATED_RATES ? sim.fps : undefined);
    const written = await writePlots(dir, rows, { ...opts, ...(rates === undefined ? {} : { rates }), bands: bands?.bands, ...(sim === undefined ? {} : { layers: sim.layers }) });
    plots = written.written;
    const { baseline } = written;
    if (baseline !== undefined) {
      notes.push(
        opts.baseline !== undefined
          ? `Baseline ${baselineLabel(baseline)}, chosen with --baseline ${opts.baseline}.`
          : `Baseline ${baselineLabel(baseline)}: the first system with DRAM in the sweep, under its "best" idle policy when swept (choose another with --baseline SYSTEM[:POLICY], e.g. --baseline ${formatBaseline(baseline)}).`,
      );
      notes.push('Ratios are baseline power / system power at the same rate and trace; both powers average whole frame periods, so this is also the ratio of energy per inference. The ratio plot leaves out the baseline system\'s other DRAM policies; the table shows them.');
    }
    const pareto = await paretoSection(dir, rows, opts.style);
    if (pareto !== undefined) plots = [...plots, pareto.plot];
    notes.push(...written.notes, ...(pareto?.notes ?? []));
    for (const r of written.rates) if (r.fps !== r.requested_fps) notes.push(`Asked for ${plainNumber(r.requested_fps)} fps; the nearest swept rate, ${plainNumber(r.fps)} fps, is used.`);
    notes.push('Infeasible points (the inference does not fit the frame period) carry no numbers: they are left out of the line plots and marked in the tables.');
    model = {
      source: run.source,
      traces: distinct(rows.map((r) => r.trace)),
      baseline,
      rates: written.rates,
      systems: systemLines(rows),
      rateLines: rateLines(rows, written.rates, baseline),
      infeasible: firstInfeasible(rows),
      inputFiles: distinct(rows.flatMap((r) => [r.archFile, r.traceFile]).filter((f) => f !== '')),
      manifests: run.manifests,
      ...(pareto === undefined ? {} : { pareto: pareto.table }),
    };
  }
  const full: ReportModel = { ...model, plots, notes: [...notes, ...run.notes], bands };
  const reportPath = join(dir, 'report.html');
  writeFileAtomic(reportPath, renderReportPage(full));
  return { reportPath, plots, model: full };
}

/** The ratio bands the main job wrote beside the sweep (band.json), if any. */
function readBands(dir: string): Bands | undefined {
  const file = join(dir, BAND_JSON);
  return existsSync(file) ? readBandFile(file) : undefined;
}

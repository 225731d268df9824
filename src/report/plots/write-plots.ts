import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { areaBreakdownSpec } from './area-breakdown.js';
import { baselineLabel, chooseBaseline, ratioPoints, type Baseline } from './baseline.js';
import { energyBreakdownSpec } from './energy-breakdown.js';
import { energyVsFpsSpec } from './energy-vs-fps.js';
import { powerVsFpsSpec } from './power-vs-fps.js';
import { chooseRates, DEFAULT_RATES_fps, type ChosenRate } from './rates.js';
import { ratioVsFpsSpec } from './ratio-vs-fps.js';
import { ratioBandSpec } from './ratio-band.js';
import { seriesColors } from './colors.js';
import { seriesNamer } from './series.js';
import type { RatioBand } from '../../system/ratio-band.js';
import { renderSvg } from './render-svg.js';
import type { PlotSpec } from './theme.js';

export interface PlotOptions {
  /** "system" or "system:policy"; default: see chooseBaseline. */
  baseline?: string;
  /** Rates of the energy breakdown, fps; the nearest swept rate is used for each. */
  rates?: readonly number[];
  /** The MaxNVM ratio bands (band.json beside the sweep): adds the band plot. */
  bands?: readonly RatioBand[];
}

/** A plot to write: its file name under plots/ and its spec. */
interface PlannedPlot {
  name: string;
  file: string;
  spec: PlotSpec;
}

export interface PlotPlan {
  plots: PlannedPlot[];
  baseline: Baseline | undefined;
  rates: ChosenRate[];
  /** Why a plot was left out (e.g. no DRAM baseline for the ratio plot). */
  notes: string[];
}

/** Decide the plots of a set of sweep rows: pure, no rendering. */
export function planPlots(rows: readonly SweepRow[], opts: PlotOptions = {}): PlotPlan {
  const baseline = chooseBaseline(rows, opts.baseline);
  const rates = chooseRates(rows, opts.rates ?? DEFAULT_RATES_fps);
  const notes: string[] = [];
  const plots: PlannedPlot[] = [
    { name: 'power-vs-fps', file: 'power-vs-fps.svg', spec: powerVsFpsSpec(rows) },
    { name: 'energy-vs-fps', file: 'energy-vs-fps.svg', spec: energyVsFpsSpec(rows) },
    { name: 'energy-breakdown', file: 'energy-breakdown.svg', spec: energyBreakdownSpec(rows, rates) },
    { name: 'area-breakdown', file: 'area-breakdown.svg', spec: areaBreakdownSpec(rows) },
  ];
  if (baseline === undefined) notes.push('No ratio plot: no system with DRAM to serve as the baseline (choose one with --baseline).');
  else if (ratioPoints(rows, baseline).length === 0) notes.push(`No ratio plot: no other system is feasible at a rate where the baseline ${baselineLabel(baseline)} is.`);
  else plots.push({ name: 'ratio-vs-fps', file: 'ratio-vs-fps.svg', spec: ratioVsFpsSpec(rows, baseline) });
  if (opts.bands !== undefined) {
    if (opts.bands.some((b) => b.points.some((p) => p != null))) plots.push({ name: 'ratio-band', file: 'ratio-band.svg', spec: ratioBandSpec(opts.bands, systemColor(rows)) });
    else notes.push('No band plot: no eNVM system of band.json is feasible at a rate where its baseline is.');
  }
  return { plots, baseline, rates, notes };
}

/** A system's colour: that of its first series in the line plots, so the band plot matches them. */
function systemColor(rows: readonly SweepRow[]): (system: string) => string {
  const colors = seriesColors(rows);
  const name = seriesNamer(rows);
  return (system) => {
    const r = rows.find((x) => x.system === system);
    return (r === undefined ? undefined : colors.get(name(r))) ?? '#888';
  };
}

/** A rendered plot and where it was written. */
export interface WrittenPlot {
  name: string;
  /** File name under plots/. */
  file: string;
  path: string;
  svg: string;
}

/**
 * Render the plots of `rows` and write them to DIR/plots/*.svg (atomically;
 * a file whose content is already identical is left untouched).
 */
export async function writePlots(dir: string, rows: readonly SweepRow[], opts: PlotOptions = {}): Promise<PlotPlan & { written: WrittenPlot[] }> {
  const plan = planPlots(rows, opts);
  const written: WrittenPlot[] = [];
  for (const p of plan.plots) {
    const svg = await renderSvg(p.spec);
    const path = join(dir, 'plots', p.file);
    if (!existsSync(path) || readFileSync(path, 'utf8') !== svg) writeFileAtomic(path, svg);
    written.push({ name: p.name, file: p.file, path, svg });
  }
  return { ...plan, written };
}

import { figureOf } from '../../system/measurement.js';
import { join } from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { areaBreakdownSpec } from './area-breakdown.js';
import { baselineLabel, chooseBaseline, ratioPoints, type Baseline } from './baseline.js';
import { energyBreakdownSpec } from './energy-breakdown.js';
import { energyVsFpsSpec } from './energy-vs-fps.js';
import { layerBytesSpec, layerEnergySpec, layerLatencySpec, type LayerPlotInput } from './layer-bars.js';
import { lookOf } from './look.js';
import { powerVsFpsSpec } from './power-vs-fps.js';
import { chooseRates, DEFAULT_RATES_fps, type ChosenRate } from './rates.js';
import { ratioVsFpsSpec } from './ratio-vs-fps.js';
import { ratioBandSpec } from './ratio-band.js';
import { linePoints, systemNamer } from './series.js';
import type { RatioBand } from '../../system/ratio-band.js';
import { renderSvg } from './render-svg.js';
import { DEFAULT_STYLE, type PlotSpec, type PlotStyle } from './theme.js';
import { specJson } from './spec-json.js';

export interface PlotOptions {
  /** "system" or "system:policy"; default: see chooseBaseline. */
  baseline?: string;
  /** Rates of the energy breakdown, fps; the nearest swept rate is used for each. */
  rates?: readonly number[];
  /** The MaxNVM ratio bands (band.json beside the sweep): adds the band plot. */
  bands?: readonly RatioBand[];
  /** Width and font size of every plot (maxnvm report --width --font-size). */
  style?: PlotStyle;
  /** The layers of one simulation (a simulate folder): adds the per-layer bars. */
  layers?: LayerPlotInput;
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

const plot = (name: string, spec: PlotSpec): PlannedPlot => ({ name, file: `${name}.svg`, spec });

/** Decide the plots of a set of sweep rows: pure, no rendering. */
export function planPlots(rows: readonly SweepRow[], opts: PlotOptions = {}): PlotPlan {
  const baseline = chooseBaseline(rows, opts.baseline);
  const rates = chooseRates(rows, opts.rates ?? DEFAULT_RATES_fps);
  const memories = opts.layers?.layers.flatMap((l) => Object.keys(l.bytesRead_B)) ?? [];
  const look = lookOf(rows, opts.style ?? DEFAULT_STYLE, memories);
  const notes: string[] = [];
  const plots: PlannedPlot[] = [];
  // A line needs two rates: with one rate per series (a simulate run at one --fps) a line plot is a lone dot.
  if (hasLines(rows)) plots.push(plot('power-vs-fps', powerVsFpsSpec(rows, look)), plot('energy-vs-fps', energyVsFpsSpec(rows, look)));
  else notes.push('No power and energy lines against frame rate: no series is feasible at two rates or more.');
  plots.push(plot('energy-breakdown', energyBreakdownSpec(rows, rates, look)), plot('area-breakdown', areaBreakdownSpec(rows, look)));
  if (opts.layers !== undefined) {
    plots.push(plot('layer-latency', layerLatencySpec(opts.layers, look)), plot('layer-energy', layerEnergySpec(opts.layers, look)), plot('layer-bytes', layerBytesSpec(opts.layers, look)));
  }
  if (baseline === undefined) notes.push('No ratio plot: no system with DRAM to serve as the baseline (choose one with --baseline).');
  else if (ratioPoints(rows, baseline).length === 0) notes.push(`No ratio plot: no other system is feasible at a rate where the baseline ${baselineLabel(baseline)} is.`);
  else plots.push(plot('ratio-vs-fps', ratioVsFpsSpec(rows, baseline, look)));
  if (opts.bands !== undefined) {
    const name = systemNamer(rows);
    const colorOf = (system: string): string => {
      const r = rows.find((x) => x.system === system);
      return (r === undefined ? undefined : look.systems.get(name(r))) ?? '#888888';
    };
    if (opts.bands.some((b) => b.points.some((p) => p != null))) plots.push(plot('ratio-band', ratioBandSpec(opts.bands, colorOf, look.style)));
    else notes.push('No band plot: no eNVM system of band.json is feasible at a rate where its baseline is.');
  }
  return { plots, baseline, rates, notes };
}

/** Whether some series has a line to draw: two or more feasible rates. */
function hasLines(rows: readonly SweepRow[]): boolean {
  const count = new Map<string, number>();
  for (const p of linePoints(rows, (r) => figureOf(r, 'power_W'))) count.set(p.series, (count.get(p.series) ?? 0) + 1);
  return [...count.values()].some((n) => n >= 2);
}

/** A rendered plot and where it was written. */
export interface WrittenPlot {
  name: string;
  /** File name under plots/. */
  file: string;
  path: string;
  svg: string;
  /** The vega-lite spec the SVG was rendered from, written beside it (NAME.vl.json). */
  specPath: string;
}

/** Write `text` unless the file already holds exactly it (so unchanged plots keep their timestamps). */
function writeIfChanged(path: string, text: string): void {
  if (!existsSync(path) || readFileSync(path, 'utf8') !== text) writeFileAtomic(path, text);
}

/**
 * Render the plots of `rows` and write them to DIR/plots/*.svg, each with
 * the vega-lite spec it was rendered from beside it (DIR/plots/*.vl.json:
 * data inline, so anyone can restyle a plot in the vega editor or with
 * vega-lite and render it again).
 */
export async function writePlots(dir: string, rows: readonly SweepRow[], opts: PlotOptions = {}): Promise<PlotPlan & { written: WrittenPlot[] }> {
  const plan = planPlots(rows, opts);
  const written: WrittenPlot[] = [];
  for (const p of plan.plots) {
    const svg = await renderSvg(p.spec);
    const path = join(dir, 'plots', p.file);
    const specPath = join(dir, 'plots', p.file.replace(/\.svg$/, '.vl.json'));
    writeIfChanged(path, svg);
    writeIfChanged(specPath, specJson(p.spec));
    written.push({ name: p.name, file: p.file, path, svg, specPath });
  }
  return { ...plan, written };
}

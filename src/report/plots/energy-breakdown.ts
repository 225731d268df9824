import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { lookOf, type PlotLook } from './look.js';
import type { ChosenRate } from './rates.js';
import { distinct, sameSeries, seriesNamer, seriesOf } from './series.js';
import { stackedBarsSpec, type BarSegment, type MissingBar } from './stacked-bars.js';
import type { PlotSpec } from './theme.js';
import { plainNumber } from './units.js';

/**
 * Label of a rate panel: the rate shown, and when it differs from the rate
 * asked for, that rate too ("0.9 fps (asked 1 fps; nearest swept)").
 */
export function rateLabel(rate: ChosenRate): string {
  return rate.fps === rate.requested_fps ? `${plainNumber(rate.fps)} fps` : `${plainNumber(rate.fps)} fps (asked ${plainNumber(rate.requested_fps)} fps; nearest swept)`;
}

/**
 * Energy per inference split by component, one panel per chosen rate and one
 * bar per system and policy. A series that cannot keep up at a rate gets a
 * text label instead of a bar.
 */
export function energyBreakdownSpec(rows: readonly SweepRow[], rates: readonly ChosenRate[], look: PlotLook = lookOf(rows)): PlotSpec {
  const series = seriesOf(rows);
  const name = seriesNamer(rows);
  const segments: BarSegment[] = [];
  const missing: MissingBar[] = [];
  for (const rate of rates) {
    const panel = rateLabel(rate);
    for (const s of series) {
      const bar = name(s);
      const row = rows.find((r) => sameSeries(r, s) && r.fps === rate.fps);
      if (row === undefined) missing.push({ panel, bar, note: 'not swept at this rate' });
      else if (!row.feasible) missing.push({ panel, bar, note: 'infeasible: cannot keep up' });
      else for (const [part, value] of Object.entries(row.energyByComponent_J)) segments.push({ panel, bar, part, value });
    }
  }
  return stackedBarsSpec(segments, missing, {
    title: 'Energy per inference by component',
    subtitle: 'each panel has its own scale',
    xQuantity: 'energy per inference',
    siPrefix: true,
    xUnit: 'J',
    bars: series.map(name),
    parts: distinct(segments.map((s) => s.part)),
    partColors: look.components,
    partTitle: 'component',
    panels: rates.map(rateLabel),
    style: look.style,
  });
}

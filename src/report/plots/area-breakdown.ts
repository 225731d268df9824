import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { distinct } from './series.js';
import { stackedBarsSpec, type BarSegment } from './stacked-bars.js';
import type { PlotSpec } from './theme.js';

/** On-chip area by component, one bar per system (area does not depend on rate or DRAM policy). */
export function areaBreakdownSpec(rows: readonly SweepRow[]): PlotSpec {
  const systems = distinct(rows.map((r) => r.system));
  const segments: BarSegment[] = [];
  for (const system of systems) {
    const row = rows.find((r) => r.system === system);
    if (row === undefined) continue;
    for (const [part, value] of Object.entries(row.areaByComponent_mm2)) segments.push({ bar: system, part, value });
  }
  return stackedBarsSpec(segments, [], {
    title: 'On-chip area by component',
    subtitle: 'off-chip DRAM is not counted',
    xQuantity: 'on-chip area',
    siPrefix: false,
    xUnit: 'mm²',
    bars: systems,
    parts: distinct(segments.map((s) => s.part)),
    partTitle: 'component',
  });
}

import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { lookOf, type PlotLook } from './look.js';
import { distinct, systemNamer } from './series.js';
import { stackedBarsSpec, type BarSegment } from './stacked-bars.js';
import type { PlotSpec } from './theme.js';

/** On-chip area by component, one bar per system (and trace: eNVM is sized to the weights); rate and DRAM policy do not change it. */
export function areaBreakdownSpec(rows: readonly SweepRow[], look: PlotLook = lookOf(rows)): PlotSpec {
  const name = systemNamer(rows);
  const systems = distinct(rows.map(name));
  const segments: BarSegment[] = [];
  for (const system of systems) {
    const row = rows.find((r) => name(r) === system);
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
    partColors: look.components,
    partTitle: 'component',
    style: look.style,
  });
}

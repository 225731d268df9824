import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { baselineLabel, ratioPoints, type Baseline } from './baseline.js';
import { lineVsFpsSpec } from './line-vs-fps.js';
import { lookOf, type PlotLook } from './look.js';
import type { PlotSpec } from './theme.js';

/** Baseline power over each other system's power against frame rate; above 1 the system saves power. */
export function ratioVsFpsSpec(rows: readonly SweepRow[], baseline: Baseline, look: PlotLook = lookOf(rows)): PlotSpec {
  return lineVsFpsSpec(ratioPoints(rows, baseline), {
    title: 'Baseline power ÷ system power vs frame rate',
    subtitle: [`baseline: ${baselineLabel(baseline)}`, 'above 1 the system needs less power and energy'],
    yQuantity: 'power ratio',
    yUnit: '×',
    systemColors: look.systems,
    siPrefix: false,
    referenceY: 1,
    style: look.style,
  });
}

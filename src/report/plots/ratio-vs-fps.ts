import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { seriesColors } from './colors.js';
import { baselineLabel, ratioPoints, type Baseline } from './baseline.js';
import { lineVsFpsSpec } from './line-vs-fps.js';
import type { PlotSpec } from './theme.js';

/** Baseline power over each other system's power against frame rate; above 1 the system saves power. */
export function ratioVsFpsSpec(rows: readonly SweepRow[], baseline: Baseline): PlotSpec {
  return lineVsFpsSpec(ratioPoints(rows, baseline), {
    title: 'Baseline power ÷ system power vs frame rate',
    subtitle: [`baseline: ${baselineLabel(baseline)}`, 'above 1 the system needs less power and energy'],
    yQuantity: 'power ratio',
    yUnit: '×',
    seriesColors: seriesColors(rows),
    siPrefix: false,
    referenceY: 1,
  });
}

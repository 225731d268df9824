import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { seriesColors } from './colors.js';
import { lineVsFpsSpec } from './line-vs-fps.js';
import { linePoints } from './series.js';
import type { PlotSpec } from './theme.js';

/** Energy per frame period (one inference and the idle time after it) against frame rate, log-log. */
export function energyVsFpsSpec(rows: readonly SweepRow[]): PlotSpec {
  return lineVsFpsSpec(
    linePoints(rows, (r) => r.energy_per_inference_J),
    {
      title: 'Energy per inference vs frame rate',
      subtitle: 'one inference plus the idle time until the next frame',
      yQuantity: 'energy per inference',
      yUnit: 'J',
      seriesColors: seriesColors(rows),
      siPrefix: true,
    },
  );
}

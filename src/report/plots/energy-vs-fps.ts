import { figureOf } from '../../system/measurement.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { lineVsFpsSpec } from './line-vs-fps.js';
import { lookOf, type PlotLook } from './look.js';
import { linePoints } from './series.js';
import type { PlotSpec } from './theme.js';

/** Energy per frame period (one inference and the idle time after it) against frame rate. */
export function energyVsFpsSpec(rows: readonly SweepRow[], look: PlotLook = lookOf(rows)): PlotSpec {
  return lineVsFpsSpec(
    linePoints(rows, (r) => figureOf(r, 'energy_J')),
    {
      title: 'Energy per inference vs frame rate',
      subtitle: 'one inference plus the idle time until the next frame',
      yQuantity: 'energy per inference',
      yUnit: 'J',
      systemColors: look.systems,
      siPrefix: true,
      style: look.style,
    },
  );
}

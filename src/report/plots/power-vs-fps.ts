import { figureOf } from '../../system/measurement.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { lineVsFpsSpec } from './line-vs-fps.js';
import { lookOf, type PlotLook } from './look.js';
import { linePoints } from './series.js';
import type { PlotSpec } from './theme.js';

/** Average power over whole frame periods against frame rate, one line per system and DRAM policy. */
export function powerVsFpsSpec(rows: readonly SweepRow[], look: PlotLook = lookOf(rows)): PlotSpec {
  return lineVsFpsSpec(
    linePoints(rows, (r) => figureOf(r, 'power_W')),
    {
      title: 'Average power vs frame rate',
      subtitle: 'a line ends where its system cannot keep up',
      yQuantity: 'average power',
      yUnit: 'W',
      systemColors: look.systems,
      siPrefix: true,
      style: look.style,
    },
  );
}

import { distinct, type LinePoint } from './series.js';
import { axisUnit } from './units.js';
import { PLOT_HEIGHT_px, PLOT_WIDTH_px, plotFrame, type PlotSpec } from './theme.js';

export interface LineVsFpsOptions {
  title: string;
  /** One string per line. */
  subtitle?: string | string[];
  /** What y is, e.g. "average power"; the axis title adds the unit. */
  yQuantity: string;
  /** Unit of the point values, e.g. "W". */
  yUnit: string;
  /** Rescale to an SI prefix that makes the labels plain numbers (W → mW); false for ratios. */
  siPrefix: boolean;
  /** Colour of each system. */
  systemColors: ReadonlyMap<string, string>;
  /** Draw a dashed horizontal rule at this y (e.g. 1 for "break-even" on a ratio plot). */
  referenceY?: number;
}

/**
 * A log-log line plot of a per-frame-rate quantity: colour says the system,
 * the dash pattern says the DRAM idle policy (and the point shape the trace,
 * when there are several), so every series is its own line. The power,
 * energy and ratio plots are all this one shape.
 *
 * The casts to PlotSpec: vega-lite's spec types are deep unions that objects
 * built in parts do not narrow to; renderSvg fails on any vega-lite warning,
 * so a malformed spec cannot pass silently.
 */
export function lineVsFpsSpec(points: readonly LinePoint[], opts: LineVsFpsOptions): PlotSpec {
  const systems = distinct(points.map((p) => p.system));
  const policies = distinct(points.map((p) => p.policy));
  const traces = distinct(points.map((p) => p.trace));
  const unit = opts.siPrefix ? axisUnit(points.map((p) => p.value), opts.yUnit) : { unit: opts.yUnit, factor: 1 };
  const lines = {
    mark: { type: 'line' as const, point: true, clip: true },
    encoding: {
      x: {
        field: 'fps',
        type: 'quantitative' as const,
        scale: { type: 'log' as const },
        axis: { title: 'frame rate (fps)', format: '~g' },
      },
      y: {
        field: 'value',
        type: 'quantitative' as const,
        scale: { type: 'log' as const },
        axis: { title: `${opts.yQuantity} (${unit.unit})`, format: '~g' },
      },
      color: { field: 'system', type: 'nominal' as const, scale: { domain: systems, range: systems.map((s) => opts.systemColors.get(s) ?? '#888') }, legend: { title: 'system' } },
      strokeDash: { field: 'policy', type: 'nominal' as const, scale: { domain: policies }, legend: { title: 'DRAM idle policy' } },
      // Several traces in one sweep: the point shape tells them apart.
      ...(traces.length > 1 ? { shape: { field: 'trace', type: 'nominal' as const, scale: { domain: traces }, legend: { title: 'trace' } } } : {}),
      detail: { field: 'series', type: 'nominal' as const },
      order: { field: 'fps', type: 'quantitative' as const },
    },
  };
  const layer: PlotSpec[] = [lines as unknown as PlotSpec];
  if (opts.referenceY !== undefined) {
    layer.push({
      data: { values: [{ value: opts.referenceY }] },
      mark: { type: 'rule', color: '#555', strokeDash: [2, 2], strokeWidth: 1 },
      encoding: { y: { field: 'value', type: 'quantitative' } },
    } as unknown as PlotSpec);
  }
  return {
    ...plotFrame(opts.title, opts.subtitle),
    width: PLOT_WIDTH_px,
    height: PLOT_HEIGHT_px,
    data: { values: points.map((p) => ({ ...p, value: p.value * unit.factor })) },
    layer,
  } as PlotSpec;
}

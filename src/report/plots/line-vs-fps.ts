import { distinct, type LinePoint } from './series.js';
import { policyDashes } from './policy-dashes.js';
import { axisUnit } from './units.js';
import { LABEL_LIMIT_px, PLOT_HEIGHT_px, PLOT_WIDTH_px, plotFrame, type PlotSpec } from './theme.js';

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
  /** Colour of each series, by its name (LinePoint.series); see seriesColors. */
  seriesColors: ReadonlyMap<string, string>;
  /** Draw a dashed horizontal rule at this y (e.g. 1 for "break-even" on a ratio plot). */
  referenceY?: number;
}

/**
 * Area of a point marker, px². Small (about 3.5 px across), so the dash
 * pattern shows between the points of a 30-rate sweep, yet a series feasible
 * at one rate only still shows as a dot.
 */
const POINT_SIZE_px2 = 10;
/** Length of the line drawn in a legend entry, px: long enough for two periods of the longest dash pattern. */
const LEGEND_LINE_px = 30;
/** Width of an ordinary line, px. */
const LINE_WIDTH_px = 2;
/**
 * The policy drawn as a wide pale band under the others: "best" is the
 * cheapest policy for each idle gap, so its line runs on top of whichever
 * policy wins there and would hide it.
 */
const ENVELOPE_POLICY = 'best';
const ENVELOPE_WIDTH_px = 6;
const ENVELOPE_OPACITY = 0.45;

/**
 * A log-log line plot of a per-frame-rate quantity, one line per series
 * "system (policy)": each series has its own colour, and its DRAM idle
 * policy's dash pattern on top (the point shape tells traces apart when
 * there are several). Colour and dash share one legend keyed by the series,
 * so a legend entry shows the line exactly as drawn. The power, energy and
 * ratio plots are all this one shape.
 *
 * The casts to PlotSpec: vega-lite's spec types are deep unions that objects
 * built in parts do not narrow to; renderSvg fails on any vega-lite warning,
 * so a malformed spec cannot pass silently.
 */
export function lineVsFpsSpec(points: readonly LinePoint[], opts: LineVsFpsOptions): PlotSpec {
  const series = distinct(points.map((p) => p.series));
  const policyOf = new Map(points.map((p) => [p.series, p.policy]));
  const dashes = policyDashes(points.map((p) => p.policy));
  const dashOf = (s: string): number[] => dashes.get(policyOf.get(s) as string) as number[];
  const isEnvelope = (s: string): boolean => policyOf.get(s) === ENVELOPE_POLICY;
  const traces = distinct(points.map((p) => p.trace));
  const unit = opts.siPrefix ? axisUnit(points.map((p) => p.value), opts.yUnit) : { unit: opts.yUnit, factor: 1 };
  const legend = { title: 'system (DRAM idle policy)', titleLimit: LABEL_LIMIT_px, symbolType: 'stroke', symbolSize: LEGEND_LINE_px * LEGEND_LINE_px };
  const bySeries = <T>(range: (s: string) => T) => ({ field: 'series', type: 'nominal' as const, sort: series, scale: { type: 'ordinal' as const, domain: series, range: series.map(range) }, legend });
  const encoding = {
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
    // All keyed by the series with one title: vega-lite merges them into one legend.
    color: bySeries((s) => opts.seriesColors.get(s) ?? '#888'),
    strokeDash: bySeries(dashOf),
    strokeWidth: bySeries((s) => (isEnvelope(s) ? ENVELOPE_WIDTH_px : LINE_WIDTH_px)),
    opacity: bySeries((s) => (isEnvelope(s) ? ENVELOPE_OPACITY : 1)),
    order: { field: 'fps', type: 'quantitative' as const },
  };
  // Points are their own layer: vega-lite's point overlay would take the strokeWidth encoding from the line.
  const { strokeDash: _dash, strokeWidth: _width, ...common } = encoding;
  const pointEncoding = {
    ...common,
    // Several traces in one sweep: the point shape tells them apart (the series name also says the trace).
    ...(traces.length > 1 ? { shape: { field: 'trace', type: 'nominal' as const, scale: { domain: traces }, legend: { title: 'trace' } } } : {}),
  };
  const linesAndPoints = (filter: string): PlotSpec[] =>
    [
      { transform: [{ filter }], mark: { type: 'line', clip: true }, encoding },
      { transform: [{ filter }], mark: { type: 'point', size: POINT_SIZE_px2, filled: true, clip: true }, encoding: pointEncoding },
    ] as unknown as PlotSpec[];
  const envelope = `datum.policy === '${ENVELOPE_POLICY}'`;
  // Envelopes first, so the policy a "best" line follows is drawn on top of it.
  const layer: PlotSpec[] = [...linesAndPoints(envelope), ...linesAndPoints(`!(${envelope})`)];
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

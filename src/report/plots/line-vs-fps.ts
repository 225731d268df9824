import { autoScale, scaleSpec, tickSpec, withRoomAtEnd } from './axis-scale.js';
import { endLabels } from './end-labels.js';
import { distinct, type LinePoint } from './series.js';
import { policyDashes } from './policy-dashes.js';
import { axisUnit } from './units.js';
import { DEFAULT_STYLE, labelLimit_px, plotFrame, plotHeight_px, type PlotSpec, type PlotStyle } from './theme.js';

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
  /** Colour of each system, by LinePoint.systemLabel (see palette.ts): the same in every plot. */
  systemColors: ReadonlyMap<string, string>;
  /** Draw a dashed horizontal rule at this y, always inside the y range (e.g. 1 for "break-even" on a ratio plot). */
  referenceY?: number;
  style?: PlotStyle;
}

/**
 * A series with fewer points than this gets a marker at each point; from
 * this many on, markers would merge into a beaded line, and the line alone
 * shows the data (assumption: a few dozen points on a 520 px axis).
 */
export const MARKER_MAX_POINTS = 25;
/**
 * Area of a point marker, px². Small (about 3.5 px across), so the dash
 * pattern shows between the points, yet a series feasible at one rate only
 * still shows as a dot.
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
/** Gap between a line's end and its label, px. */
const LABEL_GAP_px = 5;
/** Average width of a character of the plot font, in font sizes (DejaVu Sans: about 0.6). */
const CHAR_WIDTH_em = 0.62;
/** The end labels take at most this share of the plot's width; a longer name runs past the axis. */
const MAX_LABEL_SHARE = 0.35;

/**
 * A line plot of a per-frame-rate quantity, one line per series "system
 * (policy)": colour says the system (the same colour in every report, see
 * palette.ts), the dash pattern its DRAM idle policy, and each system's name
 * is written at the end of its lines, so systems whose lines run together are
 * still told apart. Axes cover the data (log where it spans a decade or
 * more, see axis-scale.ts). Colour, dash and width share one legend keyed by
 * the series, so a legend entry shows the line exactly as drawn. The power,
 * energy and ratio plots are all this one shape.
 *
 * The casts to PlotSpec: vega-lite's spec types are deep unions that objects
 * built in parts do not narrow to; renderSvg fails on any vega-lite warning,
 * so a malformed spec cannot pass silently.
 */
export function lineVsFpsSpec(points: readonly LinePoint[], opts: LineVsFpsOptions): PlotSpec {
  const style = opts.style ?? DEFAULT_STYLE;
  const height = plotHeight_px(style);
  const series = distinct(points.map((p) => p.series));
  const first = new Map(points.map((p) => [p.series, p]));
  const dashes = policyDashes(points.map((p) => p.policy));
  const dashOf = (s: string): number[] => dashes.get(first.get(s)?.policy as string) as number[];
  const colorOfSystem = (label: string): string => opts.systemColors.get(label) ?? '#888888';
  const isEnvelope = (s: string): boolean => first.get(s)?.policy === ENVELOPE_POLICY;
  const traces = distinct(points.map((p) => p.trace));
  const unit = opts.siPrefix ? axisUnit(points.map((p) => p.value), opts.yUnit) : { unit: opts.yUnit, factor: 1 };
  const values = points.map((p) => p.value * unit.factor);
  const include = opts.referenceY === undefined ? [] : [opts.referenceY];
  const yScale = autoScale(values, { include });
  // Room after the rightmost line end for the longest system name written there.
  const longest = Math.max(0, ...points.map((p) => p.systemLabel.length));
  const room = Math.min(MAX_LABEL_SHARE * style.width_px, LABEL_GAP_px + 4 + longest * CHAR_WIDTH_em * style.fontSize_px);
  const xData = autoScale(points.map((p) => p.fps));
  const xScale = withRoomAtEnd(xData, room, style.width_px);
  const count = new Map<string, number>();
  for (const p of points) count.set(p.series, (count.get(p.series) ?? 0) + 1);
  const limit = labelLimit_px(style);
  const legend = { title: 'system (DRAM idle policy)', titleLimit: limit, symbolType: 'stroke', symbolSize: LEGEND_LINE_px * LEGEND_LINE_px };
  const bySeries = <T>(range: (s: string) => T) => ({ field: 'series', type: 'nominal' as const, sort: series, scale: { type: 'ordinal' as const, domain: series, range: series.map(range) }, legend });
  // No ticks or grid lines in the room left for the labels.
  const x = { field: 'fps', type: 'quantitative' as const, scale: scaleSpec(xScale), axis: { title: 'frame rate (fps)', format: '~g', ...tickSpec(xScale, xData.domain[1]) } };
  const y = { field: 'value', type: 'quantitative' as const, scale: scaleSpec(yScale), axis: { title: `${opts.yQuantity} (${unit.unit})`, format: '~g', ...tickSpec(yScale) } };
  const encoding = {
    x,
    y,
    // All keyed by the series with one title: vega-lite merges them into one legend.
    color: bySeries((s) => colorOfSystem(first.get(s)?.systemLabel as string)),
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
      // Markers only on short series: past MARKER_MAX_POINTS the line alone shows the data.
      { transform: [{ filter: `(${filter}) && datum.marked` }], mark: { type: 'point', size: POINT_SIZE_px2, filled: true, clip: true }, encoding: pointEncoding },
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
  const scaled = points.map((p) => ({ ...p, value: p.value * unit.factor }));
  // One text layer per label, coloured as its system's lines (a colour encoding would add a legend).
  for (const l of endLabels(scaled, yScale, height, style.fontSize_px, colorOfSystem)) {
    layer.push({
      data: { values: [l] },
      mark: { type: 'text', align: 'left', baseline: 'middle', dx: LABEL_GAP_px, fontSize: style.fontSize_px, color: l.color },
      encoding: { x: { field: 'fps', type: 'quantitative' }, y: { field: 'value', type: 'quantitative' }, text: { field: 'text' } },
    } as unknown as PlotSpec);
  }
  return {
    ...plotFrame(opts.title, opts.subtitle, style),
    width: style.width_px,
    height,
    data: { values: scaled.map((p) => ({ ...p, marked: (count.get(p.series) ?? 0) < MARKER_MAX_POINTS })) },
    layer,
  } as PlotSpec;
}

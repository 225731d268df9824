import { DEFAULT_STYLE, labelLimit_px, plotFrame, type PlotSpec, type PlotStyle } from './theme.js';
import { axisUnit, type AxisUnit } from './units.js';

/** One segment of a horizontal stacked bar. */
export interface BarSegment {
  /** The bar (a y-axis category). */
  bar: string;
  /** The segment's colour key, e.g. a component. */
  part: string;
  value: number;
  /** The panel the bar belongs to, when the plot is split into panels. */
  panel?: string;
}

/** A bar that has no numbers (e.g. infeasible at that rate): shown as a text label, never as a zero. */
export interface MissingBar {
  bar: string;
  note: string;
  panel?: string;
}

export interface StackedBarsOptions {
  title: string;
  /** One string per line. */
  subtitle?: string | string[];
  /** What x is, e.g. "energy per inference"; the axis title adds the unit. */
  xQuantity: string;
  /** Unit of the segment values. */
  xUnit: string;
  /** Rescale to an SI prefix that makes the labels plain numbers (J → mJ); false for units like mm². */
  siPrefix: boolean;
  /** The axis unit when chosen by the caller (e.g. kB, MB for bytes); overrides siPrefix. */
  unit?: AxisUnit;
  /** Y categories in display order (all of them, so a missing bar keeps its row). */
  bars: readonly string[];
  /** Colour keys in legend order; keys whose segments are all zero are left out of the legend. */
  parts: readonly string[];
  /** Colour of each key. */
  partColors: ReadonlyMap<string, string>;
  partTitle: string;
  /** Panels top to bottom, each with its own x scale; omit for a single panel. */
  panels?: readonly string[];
  style?: PlotStyle;
  /** Height of one bar row, px; default 22 (two lines of the default font). */
  barStep_px?: number;
}

/** Height of one bar row, px (fixed, so the SVG size depends only on the number of bars). */
const BAR_STEP_px = 22;
/** Room the bar labels and legend take beside the bars, px at the default font: the bars get the rest of the width. */
const SIDE_ROOM_px = 160;

/**
 * Horizontal stacked bars, optionally one panel per value of `panel`. Used
 * for the energy and area breakdowns and the per-layer bars. A zero segment
 * draws nothing, so it is dropped, and a part with no non-zero segment
 * is left out of the legend: the legend lists only what the bars show.
 * (Casts to PlotSpec: see lineVsFpsSpec.)
 */
export function stackedBarsSpec(allSegments: readonly BarSegment[], missing: readonly MissingBar[], opts: StackedBarsOptions): PlotSpec {
  const style = opts.style ?? DEFAULT_STYLE;
  const segments = allSegments.filter((s) => s.value !== 0);
  const shown = new Set(segments.map((s) => s.part));
  const parts = opts.parts.filter((p) => shown.has(p));
  // Panels have their own scales: the prefix suits the panel with the smallest bars (a busy rate), so its labels
  // are plain numbers too (8, 16, 24 mJ rather than 0.008, 0.016 J); a larger panel reads 2,000 mJ.
  const unit = opts.unit !== undefined ? opts.unit : opts.siPrefix ? axisUnit(smallestPanelTotals(segments), opts.xUnit) : { unit: opts.xUnit, factor: 1 };
  const y = { field: 'bar', type: 'nominal', scale: { domain: opts.bars }, axis: { title: null, labelLimit: labelLimit_px(style) } };
  const layer = [
    {
      transform: [{ filter: 'datum.kind === "segment"' }],
      mark: { type: 'bar' },
      encoding: {
        y,
        x: { field: 'value', type: 'quantitative', stack: 'zero', axis: { title: `${opts.xQuantity} (${unit.unit})` } },
        color: { field: 'part', type: 'nominal', scale: { domain: parts, range: parts.map((p) => opts.partColors.get(p) ?? '#888888') }, legend: { title: opts.partTitle } },
        order: { field: 'partIndex', type: 'quantitative' },
      },
    },
    {
      transform: [{ filter: 'datum.kind === "missing"' }],
      mark: { type: 'text', align: 'left', dx: 4, color: '#a00', fontStyle: 'italic' },
      encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'note' } },
    },
  ];
  const values = [
    ...segments.map((s) => ({ kind: 'segment', panel: s.panel ?? '', bar: s.bar, part: s.part, partIndex: parts.indexOf(s.part), value: s.value * unit.factor })),
    ...missing.map((m) => ({ kind: 'missing', panel: m.panel ?? '', bar: m.bar, note: m.note })),
  ];
  const width = Math.max(100, style.width_px - Math.round((SIDE_ROOM_px * style.fontSize_px) / 11));
  const height = { step: opts.barStep_px ?? BAR_STEP_px };
  const frame = { ...plotFrame(opts.title, opts.subtitle, style), data: { values } };
  if (opts.panels === undefined) return { ...frame, width, height, layer } as unknown as PlotSpec;
  return {
    ...frame,
    facet: { row: { field: 'panel', type: 'nominal', sort: opts.panels, header: { title: null, labelOrient: 'top', labelAnchor: 'start', labelFontWeight: 'bold' } } },
    spec: { width, height, layer },
    resolve: { scale: { x: 'independent' } },
  } as unknown as PlotSpec;
}

/** The bar totals of the panel whose longest bar is shortest (all bars when there are no panels). */
function smallestPanelTotals(segments: readonly BarSegment[]): number[] {
  const totals = new Map<string, Map<string, number>>();
  for (const s of segments) {
    const panel = totals.get(s.panel ?? '') ?? new Map<string, number>();
    panel.set(s.bar, (panel.get(s.bar) ?? 0) + s.value);
    totals.set(s.panel ?? '', panel);
  }
  const panels = [...totals.values()].map((m) => [...m.values()]);
  return panels.reduce<number[]>((best, p) => (best.length === 0 || Math.max(...p) < Math.max(...best) ? p : best), []);
}

import { LABEL_LIMIT_px, PLOT_WIDTH_px, plotFrame, type PlotSpec } from './theme.js';
import { axisUnit } from './units.js';

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
  /** Y categories in display order (all of them, so a missing bar keeps its row). */
  bars: readonly string[];
  /** Colour keys in legend order. */
  parts: readonly string[];
  /** Colour of each key. */
  partColors: ReadonlyMap<string, string>;
  partTitle: string;
  /** Panels top to bottom, each with its own x scale; omit for a single panel. */
  panels?: readonly string[];
}

/** Height of one bar row, px (fixed, so the SVG size depends only on the number of bars). */
const BAR_STEP_px = 22;

/**
 * Horizontal stacked bars, optionally one panel per value of `panel`. Used
 * for the energy breakdown (panels = frame rates) and the area breakdown.
 * (Casts to PlotSpec: see lineVsFpsSpec.)
 */
export function stackedBarsSpec(segments: readonly BarSegment[], missing: readonly MissingBar[], opts: StackedBarsOptions): PlotSpec {
  const unit = opts.siPrefix ? axisUnit(segments.map((s) => s.value), opts.xUnit) : { unit: opts.xUnit, factor: 1 };
  const y = { field: 'bar', type: 'nominal', scale: { domain: opts.bars }, axis: { title: null, labelLimit: LABEL_LIMIT_px } };
  const layer = [
    {
      transform: [{ filter: 'datum.kind === "segment"' }],
      mark: { type: 'bar' },
      encoding: {
        y,
        x: { field: 'value', type: 'quantitative', stack: 'zero', axis: { title: `${opts.xQuantity} (${unit.unit})` } },
        color: { field: 'part', type: 'nominal', scale: { domain: opts.parts, range: opts.parts.map((p) => opts.partColors.get(p) ?? '#888') }, legend: { title: opts.partTitle } },
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
    ...segments.map((s) => ({ kind: 'segment', panel: s.panel ?? '', bar: s.bar, part: s.part, partIndex: opts.parts.indexOf(s.part), value: s.value * unit.factor })),
    ...missing.map((m) => ({ kind: 'missing', panel: m.panel ?? '', bar: m.bar, note: m.note })),
  ];
  const width = PLOT_WIDTH_px - 160;
  const height = { step: BAR_STEP_px };
  const frame = { ...plotFrame(opts.title, opts.subtitle), data: { values } };
  if (opts.panels === undefined) return { ...frame, width, height, layer } as unknown as PlotSpec;
  return {
    ...frame,
    facet: { row: { field: 'panel', type: 'nominal', sort: opts.panels, header: { title: null, labelOrient: 'top', labelAnchor: 'start', labelFontSize: 12, labelFontWeight: 'bold' } } },
    spec: { width, height, layer },
    resolve: { scale: { x: 'independent' } },
  } as unknown as PlotSpec;
}

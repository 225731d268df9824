import { BAND_RANGES, assumptionValueText, type AssumptionName, type Assumptions, type RatioBand } from '../../system/ratio-band.js';
import { MARKER_MAX_POINTS } from './line-vs-fps.js';
import { distinct } from './series.js';
import { autoScale, scaleSpec, tickSpec } from './axis-scale.js';
import { DEFAULT_STYLE, labelLimit_px, plotFrame, type PlotSpec, type PlotStyle } from './theme.js';

/**
 * The MaxNVM ratio against frame rate as a band (band.json): per eNVM system, one
 * panel with the ratio at the default assumptions (solid), the band between its low
 * and high ends shaded, each end drawn as its own line whose legend entry names the
 * corner of the ranges that sets it, and a marker on each end point saying which
 * assumption moves it more on its own. A corner that changes along the rates gives
 * that end a second legend entry, so every drawn segment is named.
 */

/** Height of one system's panel, px: two panels stay about as tall as one line plot with its legend. */
const PANEL_HEIGHT_px = 200;
const BAND_OPACITY = 0.22;
const LINE_WIDTH_px = 2;
const END_WIDTH_px = 1.5;
const MARKER_SIZE_px2 = 22;
/** Dash patterns: the default solid, the high end long dashes, the low end dots. */
const DASH = { default: [1, 0], high: [7, 3], low: [2, 3] } as const;
type LineKind = keyof typeof DASH;

/** Legend words of the driver of an end. */
const DRIVER_LABEL: Record<AssumptionName, string> = { gatedLeakageFraction: 'residual gated leakage', flashEnergy_pJ_per_B: 'flash energy per byte' };
const DRIVER_SHAPE: Record<AssumptionName, string> = { gatedLeakageFraction: 'circle', flashEnergy_pJ_per_B: 'triangle-up' };
const DRIVERS = Object.keys(DRIVER_LABEL) as AssumptionName[];

/** A short legend label: "high end: leakage 0.1 %, flash 2 nJ/B". */
export function lineLabel(kind: LineKind, a: Assumptions): string {
  const what = kind === 'default' ? 'default' : `${kind} end`;
  return `${what}: leakage ${assumptionValueText('gatedLeakageFraction', a.gatedLeakageFraction)}, flash ${assumptionValueText('flashEnergy_pJ_per_B', a.flashEnergy_pJ_per_B)}`;
}

/** One plotted point: a line's value at a rate, with the band's ends at that rate (for the shaded area). */
export interface BandDatum {
  system: string;
  fps: number;
  kind: LineKind;
  line: string;
  value: number;
  low: number;
  high: number;
  /** The end's driver, in words; '' on the default line. */
  driver: string;
  /** Whether the end's driver marker is drawn at this rate (every rate of a short band, a few of a long one). */
  marked: boolean;
}

/** At most this many driver markers per end of a band with MARKER_MAX_POINTS rates or more, so the line does not turn into beads. */
const MARKERS_PER_LONG_END = 10;

/** The plotted points of every feasible rate: three per rate and system (default, low end, high end). */
export function bandData(bands: readonly RatioBand[]): BandDatum[] {
  return bands.flatMap((b) => {
    const feasible = b.points.filter((p) => p != null).length;
    const every = feasible < MARKER_MAX_POINTS ? 1 : Math.ceil(feasible / MARKERS_PER_LONG_END);
    let k = 0;
    return b.points.flatMap((p): BandDatum[] => {
      if (p == null) return [];
      const marked = k++ % every === 0 || k === feasible;
      const at = { system: b.system, fps: p.fps, low: p.low.ratio, high: p.high.ratio, marked };
      return [
        { ...at, kind: 'default', line: lineLabel('default', b.defaults), value: p.ratio, driver: '' },
        { ...at, kind: 'high', line: lineLabel('high', p.high.assumptions), value: p.high.ratio, driver: DRIVER_LABEL[p.high.driver] },
        { ...at, kind: 'low', line: lineLabel('low', p.low.assumptions), value: p.low.ratio, driver: DRIVER_LABEL[p.low.driver] },
      ];
    });
  });
}

/** `colorOf` gives each system's colour (that of its line in the other plots). Axes cover the data and the break-even 1. */
export function ratioBandSpec(bands: readonly RatioBand[], colorOf: (system: string) => string, style: PlotStyle = DEFAULT_STYLE): PlotSpec {
  const data = bandData(bands);
  const systems = distinct(data.map((d) => d.system));
  // Legend order: the default, then the high ends, then the low ends, each in order of rate.
  const kinds: LineKind[] = ['default', 'high', 'low'];
  const lines = kinds.flatMap((k) => distinct(data.filter((d) => d.kind === k).map((d) => d.line)));
  const kindOf = new Map(data.map((d) => [d.line, d.kind]));
  const drivers = DRIVERS.filter((n) => data.some((d) => d.driver === DRIVER_LABEL[n]));
  const [gLo, gHi] = BAND_RANGES.gatedLeakageFraction.map((v) => assumptionValueText('gatedLeakageFraction', v));
  const [fLo, fHi] = BAND_RANGES.flashEnergy_pJ_per_B.map((v) => assumptionValueText('flashEnergy_pJ_per_B', v));
  const xAuto = autoScale(data.map((d) => d.fps));
  const x = { field: 'fps', type: 'quantitative', scale: scaleSpec(xAuto), axis: { title: 'frame rate (fps)', format: '~g', ...tickSpec(xAuto) } };
  const yAuto = autoScale(data.flatMap((d) => [d.value, d.low, d.high]), { include: [1] });
  const yScale = scaleSpec(yAuto);
  const y = { field: 'value', type: 'quantitative', scale: yScale, axis: { title: 'baseline power ÷ system power (×)', format: '~g', ...tickSpec(yAuto) } };
  const color = { field: 'system', type: 'nominal', scale: { domain: systems, range: systems.map(colorOf) }, legend: null };
  const strokeDash = {
    field: 'line',
    type: 'nominal',
    sort: lines,
    scale: { domain: lines, range: lines.map((l) => DASH[kindOf.get(l) as LineKind]) },
    legend: { title: 'line (assumptions)', symbolType: 'stroke', symbolStrokeColor: '#333', symbolSize: 900, labelLimit: labelLimit_px(style) },
  };
  // The default line and the ends in layers of their own: a width per line kind, one shared dash legend.
  const lineLayer = (filter: string, width: number) => ({
    transform: [{ filter }],
    mark: { type: 'line', strokeWidth: width, clip: true },
    encoding: { x, y, color, strokeDash, order: { field: 'fps', type: 'quantitative' } },
  });
  const layer = [
    { transform: [{ filter: "datum.kind === 'default'" }], mark: { type: 'area', opacity: BAND_OPACITY, clip: true }, encoding: { x, y: { ...y, field: 'low' }, y2: { field: 'high' }, color } },
    lineLayer("datum.kind === 'default'", LINE_WIDTH_px),
    lineLayer("datum.kind !== 'default'", END_WIDTH_px),
    {
      transform: [{ filter: "datum.kind !== 'default' && datum.marked" }],
      mark: { type: 'point', filled: true, size: MARKER_SIZE_px2, clip: true },
      encoding: {
        x,
        y,
        color,
        shape: { field: 'driver', type: 'nominal', scale: { domain: drivers.map((n) => DRIVER_LABEL[n]), range: drivers.map((n) => DRIVER_SHAPE[n]) }, legend: { title: 'end moved most by', symbolFillColor: '#333', symbolStrokeColor: '#333' } },
      },
    },
    // Break-even: above it the eNVM system needs less power than the baseline.
    { mark: { type: 'rule', color: '#555', strokeDash: [2, 2], strokeWidth: 1, clip: true }, encoding: { y: { datum: 1, type: 'quantitative', scale: yScale } } },
  ];
  const baseline = bands[0]?.baseline ?? '?';
  return {
    ...plotFrame('MaxNVM ratio and its sensitivity band vs frame rate', [
      `baseline (${baseline}, best DRAM idle policy) ÷ eNVM system, in power and so in energy per frame; above 1 the system needs less`,
      `shaded: every corner of residual gated leakage ${gLo}–${gHi} (gated blocks, both systems) × flash ${fLo}–${fHi} (baseline reloads); the legend names each end's corner`,
      'marker on an end: the assumption that, moved alone, moves the ratio more towards that end',
    ], style),
    data: { values: data },
    facet: { row: { field: 'system', type: 'nominal', sort: systems, header: { title: null, labelAngle: 0, labelOrient: 'top', labelAnchor: 'start', labelExpr: "'eNVM system: ' + datum.value" } } },
    spec: { width: style.width_px, height: Math.round((PANEL_HEIGHT_px * style.width_px) / DEFAULT_STYLE.width_px), layer },
  } as unknown as PlotSpec;
}

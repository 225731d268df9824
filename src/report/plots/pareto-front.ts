import type { SweepRow } from '../../system/sweep/sweep-row.js';
import type { ParetoResult } from '../pareto/pareto-points.js';
import { OBJECTIVE_AXES, OBJECTIVE_COLUMNS, type Objective } from '../pareto/objectives.js';
import { DEFAULT_STYLE, labelLimit_px, plotFrame, plotHeight_px, type PlotSpec, type PlotStyle } from './theme.js';
import { axisUnit, plainNumber } from './units.js';

/** Point areas, px²: the front stands out over the dominated cloud. */
const CANDIDATE_SIZE_px2 = 14;
const FRONT_SIZE_px2 = 40;

/**
 * The Pareto front over the first two objectives: every candidate as a pale
 * dot, the non-dominated ones drawn over them, joined in order of the first
 * objective and coloured by trace and rate (one front each). With a third
 * objective its value colours the front's points instead, and no line is
 * drawn (the front of three objectives is a surface, not a curve in x, y).
 */
export function paretoFrontSpec(p: ParetoResult, style: PlotStyle = DEFAULT_STYLE): PlotSpec {
  const limit = labelLimit_px(style);
  const [xo, yo, zo] = p.objectives as [Objective, Objective, Objective | undefined];
  const unitOf = (o: Objective): { unit: string; factor: number } => {
    const base = OBJECTIVE_AXES[o.column].unit;
    const si = base === 'J' || base === 's' || base === 'W';
    return si ? axisUnit(p.candidates.map((r) => OBJECTIVE_COLUMNS[o.column](r) ?? 0), base) : { unit: base, factor: 1 };
  };
  const ux = unitOf(xo);
  const uy = unitOf(yo);
  const uz = zo === undefined ? undefined : unitOf(zo);
  const value = (o: Objective, f: number, r: SweepRow): number => (OBJECTIVE_COLUMNS[o.column](r) as number) * f;
  const group = (r: SweepRow): string => `${r.trace} @ ${plainNumber(r.fps)} fps`;
  const onFront = new Set(p.front);
  const point = (r: SweepRow) => ({ x: value(xo, ux.factor, r), y: value(yo, uy.factor, r), ...(zo === undefined || uz === undefined ? {} : { z: value(zo, uz.factor, r) }), group: group(r), system: r.system });
  const title = (o: Objective, u: { unit: string }): string => `${OBJECTIVE_AXES[o.column].quantity} (${u.unit})${o.maximize ? ', higher is better' : ''}`;
  const x = { field: 'x', type: 'quantitative', scale: { zero: false }, axis: { title: title(xo, ux) } };
  const y = { field: 'y', type: 'quantitative', scale: { zero: false }, axis: { title: title(yo, uy) } };
  const groups = [...new Set(p.front.map(group))];
  const color =
    zo === undefined || uz === undefined
      ? { field: 'group', type: 'nominal', sort: groups, scale: { domain: groups }, legend: { title: 'front (trace @ rate)', titleLimit: limit, labelLimit: limit } }
      : { field: 'z', type: 'quantitative', scale: { scheme: 'viridis' }, legend: { title: title(zo, uz), titleLimit: limit } };
  const dominated = p.candidates.filter((r) => !onFront.has(r)).map(point);
  const front = p.front.map(point);
  const layer: unknown[] = [];
  if (dominated.length > 0) layer.push({ data: { values: dominated }, mark: { type: 'point', filled: true, size: CANDIDATE_SIZE_px2, color: '#bbb', clip: true }, encoding: { x, y } });
  if (zo === undefined) layer.push({ data: { values: front }, mark: { type: 'line', clip: true }, encoding: { x, y, color, order: { field: 'x', type: 'quantitative' } } });
  layer.push({ data: { values: front }, mark: { type: 'point', filled: true, size: FRONT_SIZE_px2, clip: true }, encoding: { x, y, color } });
  const names = p.objectives.map((o) => o.label).join(', ');
  return {
    ...plotFrame(`Pareto front: ${names}`, `${p.front.length} non-dominated of ${p.candidates.length} feasible points (grey), each objective ${p.objectives.some((o) => o.maximize) ? 'minimized unless marked max:' : 'minimized'}`, style),
    width: style.width_px,
    height: plotHeight_px(style),
    layer,
  } as PlotSpec;
}

import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { seriesNamer, seriesOf } from './series.js';

/**
 * Line colours: Vega's "category10" followed by the darker half of its
 * "category20b", written out so a key's colour is fixed by its position.
 * Twenty, so a sweep of a DRAM system under all five idle policies and a
 * dozen other series still gives every line its own colour.
 */
const SERIES_PALETTE = [
  '#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf',
  '#393b79', '#637939', '#8c6d31', '#843c39', '#7b4173', '#5254a3', '#8ca252', '#bd9e39', '#ad494a', '#a55194',
] as const;
/** Vega's "tableau10", for the components of the breakdown bars. */
const COMPONENT_PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'] as const;

function numbered(keys: Iterable<string>, palette: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const k of keys) if (!colors.has(k)) colors.set(k, palette[colors.size % palette.length] as string);
  return colors;
}

/**
 * One colour per series ("system (policy)", see seriesNamer) across every
 * line plot, numbered in sweep order over all rows: a series keeps its colour
 * in the ratio plot, which leaves the baseline system's series out. Colour
 * rather than the dash pattern carries the identity, because a DRAM system's
 * idle policies often run on top of each other.
 */
export function seriesColors(rows: readonly SweepRow[]): Map<string, string> {
  return numbered(seriesOf(rows).map(seriesNamer(rows)), SERIES_PALETTE);
}

/**
 * One colour per component across every breakdown plot (energy and area), so
 * "envm" is the same colour in both: components are numbered in order of
 * first appearance in the rows, energy keys before area keys of each row.
 */
export function componentColors(rows: readonly SweepRow[]): Map<string, string> {
  return numbered(rows.flatMap((r) => [...Object.keys(r.energyByComponent_J), ...Object.keys(r.areaByComponent_mm2)]), COMPONENT_PALETTE);
}

import type { SweepRow } from '../../system/sweep/sweep-row.js';

/** Vega's "category10" and "tableau10" schemes, written out so a key's colour is fixed by its position. */
const SYSTEM_PALETTE = ['#1f77b4', '#ff7f0e', '#2ca02c', '#d62728', '#9467bd', '#8c564b', '#e377c2', '#7f7f7f', '#bcbd22', '#17becf'] as const;
const COMPONENT_PALETTE = ['#4c78a8', '#f58518', '#e45756', '#72b7b2', '#54a24b', '#eeca3b', '#b279a2', '#ff9da6', '#9d755d', '#bab0ac'] as const;

function numbered(keys: Iterable<string>, palette: readonly string[]): Map<string, string> {
  const colors = new Map<string, string>();
  for (const k of keys) if (!colors.has(k)) colors.set(k, palette[colors.size % palette.length] as string);
  return colors;
}

/** One colour per system across every line plot (a system keeps its colour in the ratio plot), in sweep order. */
export function systemColors(rows: readonly SweepRow[]): Map<string, string> {
  return numbered(rows.map((r) => r.system), SYSTEM_PALETTE);
}

/**
 * One colour per component across every breakdown plot (energy and area), so
 * "envm" is the same colour in both: components are numbered in order of
 * first appearance in the rows, energy keys before area keys of each row.
 */
export function componentColors(rows: readonly SweepRow[]): Map<string, string> {
  return numbered(rows.flatMap((r) => [...Object.keys(r.energyByComponent_J), ...Object.keys(r.areaByComponent_mm2)]), COMPONENT_PALETTE);
}

import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { componentColors, systemColors } from './palette.js';
import { systemNamer } from './series.js';
import { DEFAULT_STYLE, type PlotStyle } from './theme.js';

/** What every plot of one report shares: size and type, and one colour per system and per component. */
export interface PlotLook {
  style: PlotStyle;
  /** By system label (systemNamer: the system, with its trace when the rows hold several). */
  systems: ReadonlyMap<string, string>;
  /** By component or memory name. */
  components: ReadonlyMap<string, string>;
}

/**
 * The look of a report's plots, from all its rows at once: colours are
 * assigned over every name the report shows, so a name has one colour in all
 * its plots (and, by palette.ts, in every other report). `moreComponents`:
 * names only the per-layer plots show (memories).
 */
export function lookOf(rows: readonly SweepRow[], style: PlotStyle = DEFAULT_STYLE, moreComponents: readonly string[] = []): PlotLook {
  const components = rows.flatMap((r) => [...Object.keys(r.feasible ? r.energyByComponent_J : {}), ...Object.keys(r.areaByComponent_mm2)]);
  return { style, systems: systemColors(rows.map(systemNamer(rows))), components: componentColors([...components, ...moreComponents]) };
}

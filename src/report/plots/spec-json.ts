import type { PlotSpec } from './theme.js';

/**
 * A vega-lite spec as the file written beside its SVG: two-space JSON with a
 * final newline. The builders create keys in a fixed order and the data
 * inline, so the same inputs give the same bytes.
 */
export function specJson(spec: PlotSpec): string {
  return `${JSON.stringify(spec, null, 2)}\n`;
}

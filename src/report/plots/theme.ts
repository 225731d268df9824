import type { TopLevelSpec } from 'vega-lite';

/** A vega-lite specification, as the plot builders return it. */
export type PlotSpec = TopLevelSpec;
type PlotConfig = NonNullable<TopLevelSpec['config']>;

/**
 * Fixed sizes of the data rectangle and one fixed font string, so the
 * rendered SVG does not depend on the machine: text widths are estimated from
 * the font size (see render-svg.ts), never measured with whatever fonts are
 * installed. Axes and legends are added around the rectangle, so long system
 * names widen the SVG instead of squeezing the plot.
 */
export const PLOT_WIDTH_px = 520;
export const PLOT_HEIGHT_px = 300;
/**
 * Longest legend or axis label before it is cut with an ellipsis, px of
 * vega's estimate (0.8 × font size per character, about 1.4 × the real width
 * in DejaVu Sans): room for the longest shipped config name plus "(no DRAM)".
 */
export const LABEL_LIMIT_px = 480;
export const PLOT_FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

/** Shared look: white background, no interactive padding tricks, no animation. */
export const PLOT_CONFIG: PlotConfig = {
  font: PLOT_FONT,
  background: 'white',
  padding: 8,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: LABEL_LIMIT_px },
  // Long titles are cut with an ellipsis rather than widening the SVG past the plot.
  title: { fontSize: 14, subtitleFontSize: 11, anchor: 'start', limit: PLOT_WIDTH_px },
  line: { strokeWidth: 2 },
  point: { size: 36, filled: true },
};

/** The header every plot shares. */
export function plotFrame(title: string, subtitle: string | string[] | undefined): Pick<TopLevelSpec, '$schema' | 'title' | 'config'> {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: subtitle === undefined ? { text: title } : { text: title, subtitle },
    config: PLOT_CONFIG,
  };
}

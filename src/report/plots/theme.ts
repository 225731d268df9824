import type { TopLevelSpec } from 'vega-lite';
import { wrapToWidth } from './wrap-text.js';

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

const TITLE_FONT_px = 14;
const SUBTITLE_FONT_px = 11;

/**
 * Shared look: white background, no interactive padding tricks, no animation.
 * No line or point mark config: vega-lite lets a mark config value override an
 * encoding, which would flatten the per-series line widths (line-vs-fps.ts).
 */
const PLOT_CONFIG: PlotConfig = {
  font: PLOT_FONT,
  background: 'white',
  padding: 8,
  axis: { labelFontSize: 11, titleFontSize: 12, grid: true },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: LABEL_LIMIT_px },
  // plotFrame wraps titles to this width, so the limit never has to cut one with an ellipsis.
  title: { fontSize: TITLE_FONT_px, subtitleFontSize: SUBTITLE_FONT_px, anchor: 'start', limit: PLOT_WIDTH_px },
};

/**
 * The header every plot shares. Title and subtitle (one string per line)
 * are wrapped at spaces to the plot width, so a long trace or fault model
 * name adds a line instead of being cut.
 */
export function plotFrame(title: string, subtitle: string | string[] | undefined): Pick<TopLevelSpec, '$schema' | 'title' | 'config'> {
  const text = wrapToWidth(title, PLOT_WIDTH_px, TITLE_FONT_px);
  const sub = subtitle === undefined ? undefined : (Array.isArray(subtitle) ? subtitle : [subtitle]).flatMap((l) => wrapToWidth(l, PLOT_WIDTH_px, SUBTITLE_FONT_px));
  // One line stays a plain string, so unchanged titles render exactly as before.
  const one = (lines: string[]): string | string[] => (lines.length === 1 ? (lines[0] as string) : lines);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: sub === undefined ? { text: one(text) } : { text: one(text), subtitle: one(sub) },
    config: PLOT_CONFIG,
  };
}

import type { TopLevelSpec } from 'vega-lite';
import { wrapToWidth } from './wrap-text.js';

/** A vega-lite specification, as the plot builders return it. */
export type PlotSpec = TopLevelSpec;
type PlotConfig = NonNullable<TopLevelSpec['config']>;

/**
 * The size and type size of a plot, chosen with `maxnvm report --width
 * --font-size`: the data rectangle's width, and the size of axis labels,
 * legend labels and direct labels (titles a little larger).
 */
export interface PlotStyle {
  width_px: number;
  fontSize_px: number;
}

/** A 520 px wide data rectangle with 11 px labels: fits a report column and reads at 100 %. */
export const DEFAULT_STYLE: Readonly<PlotStyle> = { width_px: 520, fontSize_px: 11 };
/** Accepted ranges of --width and --font-size (assumption: beyond these a plot is unreadable or absurdly large). */
export const WIDTH_RANGE_px: readonly [number, number] = [200, 4000];
export const FONT_SIZE_RANGE_px: readonly [number, number] = [6, 48];

/** The data rectangle's height: 300 px at the default 520 px width, scaled with the width. */
export function plotHeight_px(style: PlotStyle): number {
  return Math.round((style.width_px * 300) / 520);
}

/**
 * Longest legend or axis label before it is cut with an ellipsis, px of
 * vega's estimate (0.8 × font size per character, about 1.4 × the real width
 * in DejaVu Sans): room for the longest shipped config name plus "(no DRAM)"
 * at the default 11 px, scaled with the font size.
 */
export function labelLimit_px(style: PlotStyle): number {
  return Math.round((480 * style.fontSize_px) / 11);
}

export const PLOT_FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';

const titleFont_px = (s: PlotStyle): number => s.fontSize_px + 3;
/**
 * Width titles are wrapped to, px of vega's estimate (0.8 × font size per
 * character): real DejaVu Sans text is about 0.6 × font size per character,
 * so 4/3 of the plot width by the estimate is about the plot width on screen.
 */
const titleWrap_px = (s: PlotStyle): number => Math.round((s.width_px * 4) / 3);

/**
 * Shared look: white background, no interactive padding tricks, no animation.
 * No line or point mark config: vega-lite lets a mark config value override an
 * encoding, which would flatten the per-series line widths (line-vs-fps.ts).
 * Text widths are estimated from the font size (see render-svg.ts), never
 * measured with whatever fonts are installed, so the SVG does not depend on
 * the machine.
 */
export function plotConfig(style: PlotStyle): PlotConfig {
  const f = style.fontSize_px;
  const limit = labelLimit_px(style);
  return {
    font: PLOT_FONT,
    background: 'white',
    padding: 8,
    axis: { labelFontSize: f, titleFontSize: f + 1, grid: true },
    legend: { labelFontSize: f, titleFontSize: f + 1, labelLimit: limit },
    header: { labelFontSize: f + 1, titleFontSize: f + 1 },
    text: { fontSize: f },
    // plotFrame wraps titles to this width, so the limit never has to cut one with an ellipsis.
    title: { fontSize: titleFont_px(style), subtitleFontSize: f, anchor: 'start', limit: titleWrap_px(style) },
  };
}

/**
 * The header every plot shares. Title and subtitle (one string per line)
 * are wrapped at spaces to the plot width, so a long trace or fault model
 * name adds a line instead of being cut.
 */
export function plotFrame(title: string, subtitle: string | string[] | undefined, style: PlotStyle = DEFAULT_STYLE): Pick<TopLevelSpec, '$schema' | 'title' | 'config'> {
  const text = wrapToWidth(title, titleWrap_px(style), titleFont_px(style));
  const sub = subtitle === undefined ? undefined : (Array.isArray(subtitle) ? subtitle : [subtitle]).flatMap((l) => wrapToWidth(l, titleWrap_px(style), style.fontSize_px));
  // One line stays a plain string, so unchanged titles render exactly as before.
  const one = (lines: string[]): string | string[] => (lines.length === 1 ? (lines[0] as string) : lines);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: sub === undefined ? { text: one(text) } : { text: one(text), subtitle: one(sub) },
    config: plotConfig(style),
  };
}

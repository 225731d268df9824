import type { Argv } from 'yargs';
import { DEFAULT_STYLE, FONT_SIZE_RANGE_px, WIDTH_RANGE_px, type PlotStyle } from '../report/plots/theme.js';
import { parseInteger } from '../util/parse-flags.js';

/** --width and --font-size, on every command that writes plots (report, faults --study). */
export const PLOT_STYLE_FLAGS = ['width', 'font-size'];

export interface PlotStyleArgs {
  width?: unknown;
  'font-size'?: unknown;
}

export function withPlotStyleFlags<T>(y: Argv<T>): Argv<T> {
  return y
    .option('width', { type: 'string', describe: `width of each plot's data area, px (${WIDTH_RANGE_px.join('–')}; default ${DEFAULT_STYLE.width_px})` })
    .option('font-size', { type: 'string', describe: `size of axis, legend and label text, px (${FONT_SIZE_RANGE_px.join('–')}; default ${DEFAULT_STYLE.fontSize_px}; titles 3 px larger)` });
}

/** The plot style the flags ask for; a value out of range or not a whole number is a UserError naming the flag. */
export function parsePlotStyle(args: PlotStyleArgs): PlotStyle {
  return {
    width_px: args.width === undefined ? DEFAULT_STYLE.width_px : parseInteger('width', args.width, ...WIDTH_RANGE_px, 'px of the data area'),
    fontSize_px: args['font-size'] === undefined ? DEFAULT_STYLE.fontSize_px : parseInteger('font-size', args['font-size'], ...FONT_SIZE_RANGE_px, 'px'),
  };
}

import type { CommandModule } from 'yargs';
import { writeReport } from '../../report/html/write-report.js';
import { DEFAULT_STYLE, FONT_SIZE_RANGE_px, WIDTH_RANGE_px } from '../../report/plots/theme.js';
import { parseInteger, parsePositiveList } from '../../util/parse-flags.js';

interface ReportArgs {
  dir: string;
  baseline?: string;
  rates?: string;
  width?: string;
  'font-size'?: string;
}

/** Flags of `maxnvm report`, for "did you mean --x?" suggestions. */
export const REPORT_FLAGS = ['baseline', 'rates', 'width', 'font-size'];

export const reportCommand: CommandModule<object, ReportArgs> = {
  command: 'report <dir>',
  describe: 'Write plots/*.svg (each with its vega-lite spec, *.vl.json) and a self-contained report.html for a sweep or simulate output folder',
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'output folder of maxnvm sweep --out or simulate --out' })
      .option('baseline', { type: 'string', describe: 'system to compare with, SYSTEM or SYSTEM:POLICY (default: the first DRAM system, policy best)' })
      .option('rates', { type: 'string', describe: 'frame rates of the breakdown plot and rate table, e.g. 1,10,30 (nearest swept rate is used)' })
      .option('width', { type: 'string', describe: `width of each plot's data area, px (${WIDTH_RANGE_px.join('–')}; default ${DEFAULT_STYLE.width_px})` })
      .option('font-size', { type: 'string', describe: `size of axis, legend and label text, px (${FONT_SIZE_RANGE_px.join('–')}; default ${DEFAULT_STYLE.fontSize_px}; titles 3 px larger)` }),
  handler: async (args) => {
    const rates = args.rates === undefined ? undefined : parsePositiveList('rates', args.rates);
    const style = {
      width_px: args.width === undefined ? DEFAULT_STYLE.width_px : parseInteger('width', args.width, ...WIDTH_RANGE_px, 'px of the data area'),
      fontSize_px: args['font-size'] === undefined ? DEFAULT_STYLE.fontSize_px : parseInteger('font-size', args['font-size'], ...FONT_SIZE_RANGE_px, 'px'),
    };
    const r = await writeReport(args.dir, { baseline: args.baseline, rates, style });
    const lines = [`wrote ${r.reportPath}`, ...r.plots.flatMap((p) => [`wrote ${p.path}`, `wrote ${p.specPath}`])];
    process.stdout.write(`${lines.join('\n')}\n`);
  },
};

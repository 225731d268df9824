import type { CommandModule } from 'yargs';
import { writeReport } from '../../report/html/write-report.js';
import { parsePositiveList } from '../../util/parse-flags.js';
import { parsePlotStyle, withPlotStyleFlags, type PlotStyleArgs } from '../plot-style-flags.js';
import type { CliIo } from '../io.js';

interface ReportArgs extends PlotStyleArgs {
  dir: string;
  baseline?: string;
  rates?: string;
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const reportCommand = (io: CliIo): CommandModule<object, ReportArgs> => ({
  builder: (y) =>
    withPlotStyleFlags(
      y
        .positional('dir', { type: 'string', demandOption: true, describe: 'output folder of maxnvm sweep --out or simulate --out' })
        .option('baseline', { type: 'string', describe: 'system to compare with, SYSTEM or SYSTEM:POLICY (default: the first DRAM system, policy best)' })
        .option('rates', { type: 'string', describe: 'frame rates of the breakdown plot and rate table, e.g. 1,10,30 (nearest swept rate is used)' }),
    ),
  handler: async (args) => {
    const rates = args.rates === undefined ? undefined : parsePositiveList('rates', args.rates);
    const r = await writeReport(args.dir, { baseline: args.baseline, rates, style: parsePlotStyle(args) });
    const lines = [`wrote ${r.reportPath}`, ...r.plots.flatMap((p) => [`wrote ${p.path}`, `wrote ${p.specPath}`])];
    io.stdout.write(`${lines.join('\n')}\n`);
  },
});

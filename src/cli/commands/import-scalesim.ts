import type { CommandModule } from 'yargs';
import { importScalesim } from '../../workload/scalesim.js';
import { traceOutOption, writeTrace } from './import-output.js';
import type { CliIo } from '../io.js';

interface Args {
  file: string;
  out?: string;
  name?: string;
}

/** `maxnvm import scalesim TOPOLOGY.csv`: a SCALE-Sim v2 topology → a trace. */
export const importScalesimCommand = (io: CliIo): CommandModule<object, Args> => ({
  command: 'scalesim <file>',
  describe: 'SCALE-Sim v2 topology CSV (conv or GEMM form; "DP" rows depthwise) → trace',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the topology .csv file' })
      .option('out', traceOutOption)
      .option('name', { type: 'string', describe: 'trace name (default: the file name)' }) as never,
  handler: (args) => writeTrace(io, importScalesim(args.file, args.name), args.out, []),
});

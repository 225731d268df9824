import type { CommandModule } from 'yargs';
import { readImportFile } from '../../config/import/config-imports.js';
import { envmFragment } from '../../config/import/envm-figures.js';
import { chooseRows, parseNvmexplorerCsv } from '../../config/import/nvmexplorer-csv.js';
import { parseInteger } from '../../util/parse-flags.js';
import { describeArrays, outOption, writeFragment } from './import-output.js';
import type { CliIo } from '../io.js';

interface Args {
  file: string;
  row?: unknown[];
  out?: string;
}

/** `maxnvm import nvmexplorer FILE [--row N]...`: NVMExplorer result rows → an `envm` fragment. */
export const importNvmexplorerCommand = (io: CliIo): CommandModule<object, Args> => ({
  command: 'nvmexplorer <file>',
  describe: 'NVMExplorer result CSV (*-combined.csv) → envm figures, one override per distinct array',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the CSV NVMExplorer wrote' })
      .option('row', { type: 'string', array: true, describe: 'data rows to take (1 = first after the header); default: every valid row' })
      .option('out', outOption) as never,
  handler: (args) => {
    const rows = args.row?.map((r) => parseInteger('row', r, 1));
    const arrays = chooseRows(parseNvmexplorerCsv(readImportFile(args.file, 'NVMExplorer CSV'), args.file), rows, args.file);
    writeFragment(io, 'envm', envmFragment(arrays, args.file), args.file, args.out);
    io.stderr.write(describeArrays(arrays));
  },
});

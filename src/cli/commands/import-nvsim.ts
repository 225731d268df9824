import type { CommandModule } from 'yargs';
import { readImportFile } from '../../config/import/config-imports.js';
import { envmFragment } from '../../config/import/envm-figures.js';
import { parseNvsimResults } from '../../config/import/nvsim-results.js';
import { describeArrays, outOption, writeFragment } from './import-output.js';
import type { CliIo } from '../io.js';

interface Args {
  files: string[];
  out?: string;
}

/** `maxnvm import nvsim FILE...`: NVSim result outputs (one run each) → an `envm` fragment. */
export const importNvsimCommand = (io: CliIo): CommandModule<object, Args> => ({
  command: 'nvsim <files..>',
  describe: 'NVSim result output (the text `nvsim my.cfg` prints; one run per file) → envm figures',
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'NVSim outputs, e.g. one per bits per cell' }).option('out', outOption) as never,
  handler: (args) => {
    const arrays = args.files.map((f) => parseNvsimResults(readImportFile(f, 'NVSim result'), f));
    writeFragment(io, 'envm', envmFragment(arrays, args.files.join(', ')), args.files.join(', '), args.out);
    io.stderr.write(describeArrays(arrays));
  },
});

import type { CommandModule } from 'yargs';
import { parseMemspec } from '../../config/import/memspec.js';
import { readJsonFile } from '../../util/json-validate.js';
import { outOption, writeFragment } from './import-output.js';
import type { CliIo } from '../io.js';

interface Args {
  file: string;
  out?: string;
}

/** `maxnvm import memspec FILE`: a DRAMSys or DRAMPower 6 LPDDR4 memspec → a `dram` fragment. */
export const importMemspecCommand = (io: CliIo): CommandModule<object, Args> => ({
  command: 'memspec <file>',
  describe: 'LPDDR4 memspec JSON (DRAMSys configs/memspec, DRAMPower 6) → dram timings, currents, voltages, organisation',
  builder: (y) => y.positional('file', { type: 'string', demandOption: true, describe: 'the memspec JSON file' }).option('out', outOption) as never,
  handler: (args) => {
    const imported = parseMemspec(readJsonFile(args.file, 'memspec'), args.file);
    writeFragment(io, 'dram', imported.section, args.file, args.out);
    const lines = [
      `${imported.memoryId || args.file}: LPDDR4 at ${imported.dataRate_MTps} MT/s (tCK ${imported.section.tCK_ns} ns), ${imported.density_Gb} Gb per channel, ${Object.keys(imported.section).length} dram keys`,
      ...imported.notes.map((n) => `  kept from the config or the model default: ${n}`),
    ];
    io.stderr.write(`${lines.join('\n')}\n`);
  },
});

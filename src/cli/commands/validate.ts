import type { CommandModule } from 'yargs';
import { loadArchConfig } from '../../config/arch-config.js';
import { readJsonFile } from '../../config/validate.js';
import { loadTrace } from '../../workload/load-trace.js';
import { UserError } from '../../errors.js';

/** `maxnvm validate FILE...`: check configs and traces against their schemas and consistency rules. */
export const validateCommand: CommandModule<object, { files: string[] }> = {
  command: 'validate <files..>',
  describe: 'Check architecture configs and workload traces against their schemas',
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'JSON files' }),
  handler: (args) => {
    let firstError: UserError | undefined;
    for (const file of args.files) {
      try {
        const data = readJsonFile(file, 'input');
        // A trace has layers; anything else is taken for an architecture config.
        const isTrace = typeof data === 'object' && data !== null && 'layers' in data;
        if (isTrace) loadTrace(file);
        else loadArchConfig(file);
        process.stdout.write(`ok  ${file} (${isTrace ? 'trace' : 'architecture config'})\n`);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        process.stderr.write(`${e.format()}\n`);
        firstError ??= e;
      }
    }
    if (firstError !== undefined) process.exit(2);
  },
};

import yargs, { type Argv } from 'yargs';
import { hideBin } from 'yargs/helpers';
import { flagError, reportErrorAndExit } from './errors.js';
import { commands } from './commands/index.js';
import { rejectRepeatedFlags } from './repeated-flags.js';

/**
 * The maxnvm command line: thin commands that parse, call the library and print.
 * Every failure of the user's input ends with exit code 2 and no stack trace.
 */
async function main(argv: string[]): Promise<void> {
  const typed = argv.find((a) => !a.startsWith('-'));
  let parser: Argv = yargs(argv)
    .scriptName('maxnvm')
    .usage('$0 <command> [options]')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'name a command: simulate, size, sweep, faults, validate, describe, report, main, import')
    .wrap(Math.min(110, process.stdout.columns ?? 110))
    .help()
    .version()
    .middleware((args) => rejectRepeatedFlags(args, commands))
    .fail((msg, err) => {
      if (err !== undefined && err !== null) reportErrorAndExit(err);
      reportErrorAndExit(flagError(msg ?? 'invalid command line', knownFlags(), commands.map((c) => c.name), typed, Object.fromEntries(commands.map((c) => [c.name, c.flags])), argv));
    });
  for (const c of commands) parser = parser.command(c.module);
  await parser.parseAsync();
}

function knownFlags(): string[] {
  return commands.flatMap((c) => c.flags);
}

main(hideBin(process.argv)).catch(reportErrorAndExit);

import yargs, { type Argv, type CommandModule } from 'yargs';
import { flagError, reportError } from './errors.js';
import { commands, type CliCommand } from './commands/index.js';
import { processIo, type CliIo } from './io.js';
import { rejectRepeatedFlags } from './repeated-flags.js';

/**
 * The maxnvm command line: thin commands that parse, call the library and print.
 * Every failure of the user's input ends with exit code 2 and no stack trace.
 *
 * `run` is the one entry point: the binary (bin/maxnvm.js) calls it with the process's streams and exits with the
 * code it returns; tests call it in-process with buffers. It never exits the process itself.
 */
export async function run(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const args = [...argv];
  const typed = args.find((a) => !a.startsWith('-'));
  let parser: Argv = yargs(args)
    .scriptName('maxnvm')
    .usage('$0 <command> [options]')
    .strict()
    .recommendCommands()
    .demandCommand(1, 'name a command: simulate, size, sweep, faults, merge, pareto, validate, describe, report, main, import')
    .wrap(Math.min(110, io.stdout.columns ?? 110))
    .help()
    .version()
    .exitProcess(false)
    .middleware((parsed) => rejectRepeatedFlags(parsed, commands))
    .fail((msg, err) => {
      throw err ?? flagError(msg ?? 'invalid command line', knownFlags(), commands.map((c) => c.name), typed, Object.fromEntries(commands.map((c) => [c.name, c.flags])), args);
    });
  for (const c of commands) parser = parser.command(await commandModule(c, args, io));
  try {
    // With a parse callback yargs hands over what it would print (--help, --version) instead of printing it.
    let printed = '';
    await parser.parseAsync(args, {}, (_err, _parsed, output) => {
      printed = output;
    });
    if (printed !== '') io.stdout.write(`${printed}\n`);
    return 0;
  } catch (e) {
    return reportError(e, io.stderr);
  }
}

/**
 * The yargs module of a command: loaded in full when its name is on the command line, else a stub that
 * only lists it in `--help` (loading every command would take most of a second).
 */
async function commandModule(c: CliCommand, args: readonly string[], io: CliIo): Promise<CommandModule> {
  const header = { command: c.usage, describe: c.describe };
  if (!args.includes(c.name)) {
    return { ...header, handler: () => Promise.reject(new Error(`command ${c.name} was run without being loaded`)) };
  }
  return { ...(await c.load())(io), ...header };
}

function knownFlags(): string[] {
  return commands.flatMap((c) => c.flags);
}

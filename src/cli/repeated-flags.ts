import { UserError } from '../errors.js';

/** What rejectRepeatedFlags needs of a command (see commands/index.ts). */
export interface FlagOwner {
  name: string;
  flags: readonly string[];
  repeatable?: readonly string[];
}

/**
 * yargs turns a flag given twice into an array, which a flag meant for one
 * value (`--arch a --arch b`) would pass on as a file name. Refuse it, naming
 * the flag and the values, before any command runs.
 */
export function rejectRepeatedFlags(args: Record<string, unknown>, commands: readonly FlagOwner[]): void {
  const positional = Array.isArray(args._) ? args._ : [];
  const command = commands.find((c) => c.name === String(positional[0]));
  if (command === undefined) return;
  for (const flag of command.flags) {
    const value = args[flag];
    if (!Array.isArray(value) || command.repeatable?.includes(flag)) continue;
    throw new UserError(`--${flag} was given ${value.length} times (${value.map((v) => JSON.stringify(v)).join(', ')}); it takes one value`, {
      jsonPath: `--${flag}`,
      expected: `--${flag} once`,
      suggestion: `keep one --${flag}; to compare several, run the command once per value${command.name === 'simulate' && flag === 'arch' ? ', or use `maxnvm sweep`, which takes several --arch and --trace' : ''}`,
    });
  }
}

import { UserError, nearest } from '../errors.js';
import { ExitStatus, type CliStream } from './io.js';

/** Exit code for bad input (configs, traces, flags). */
export const EXIT_BAD_INPUT = 2;
/** Exit code for an internal error: a bug in maxnvm. */
const EXIT_INTERNAL = 70;

/** Print an error the way a user should see it; returns the exit code. Stack traces only with MAXNVM_DEBUG=1. */
export function reportError(e: unknown, stderr: CliStream): number {
  if (e instanceof ExitStatus) return e.code; // the command has printed its own report
  if (e instanceof UserError) {
    stderr.write(`${e.format()}\n`);
    return EXIT_BAD_INPUT;
  }
  const err = e instanceof Error ? e : new Error(String(e));
  stderr.write(`internal error: ${err.message}\n  This is a bug in maxnvm; please report it with the command you ran.\n`);
  if (process.env.MAXNVM_DEBUG === '1' && err.stack !== undefined) stderr.write(`${err.stack}\n`);
  return EXIT_INTERNAL;
}

/**
 * Turn a yargs validation message into a UserError with a suggestion: the
 * nearest known flag or command. `typed` is the first word of the command
 * line, the command the user meant to run.
 */
export function flagError(
  message: string,
  knownFlags: readonly string[],
  knownCommands: readonly string[],
  typed?: string,
  flagsOf: Readonly<Record<string, readonly string[]>> = {},
  argv: readonly string[] = [],
): UserError {
  // yargs drops the dashes of an unknown flag; show it as typed.
  const asTyped = (w: string): string => argv.find((a) => a.replace(/=.*$/, '').replace(/^-+/, '') === w && a.startsWith('-'))?.replace(/=.*$/, '') ?? w;
  const missing = /^Missing required arguments?: (.+)$/.exec(message.trim())?.[1];
  if (missing !== undefined) {
    const flags = missing.split(',').map((w) => `--${w.trim()}`);
    return new UserError(`${typed !== undefined ? `maxnvm ${typed} ` : ''}needs ${flags.join(' and ')}`, {
      jsonPath: flags[0],
      expected: flags.map((f) => `${f} VALUE`).join(' '),
      suggestion: `run \`maxnvm ${typed ?? ''} --help\` for what each flag takes`.replace('  ', ' '),
    });
  }
  if (/^Not enough non-option arguments/.test(message.trim()) && typed !== undefined) {
    const what = typed === 'validate' ? 'one or more JSON files' : typed === 'report' ? 'an output folder of sweep or simulate' : 'an argument';
    return new UserError(`maxnvm ${typed} needs ${what}`, {
      expected: typed === 'validate' ? 'maxnvm validate FILE...' : typed === 'report' ? 'maxnvm report DIR' : `maxnvm ${typed} ARG`,
      suggestion: typed === 'validate' ? 'e.g. maxnvm validate arch-configs/nvdla-full-lpddr4.json' : typed === 'report' ? 'e.g. maxnvm report out/main' : `run \`maxnvm ${typed} --help\``,
    });
  }
  const unknown = /Unknown arguments?: (.+)/.exec(message);
  const words = unknown?.[1]?.split(',').map((w) => w.trim()) ?? [];
  // yargs says "Did you mean X?" (its own guess) or "Unknown argument: X" about a mistyped command.
  if (typed !== undefined && !knownCommands.includes(typed) && (/^Did you mean/.test(message.trim()) || words[0] === typed)) {
    const near = nearest(typed, knownCommands);
    return new UserError(`unknown command "${typed}"${near !== undefined ? `; did you mean ${near}?` : ''}`, {
      expected: `a command: ${knownCommands.join(', ')}`,
      suggestion: near !== undefined ? `run \`maxnvm ${near} --help\`` : 'run `maxnvm --help` to list the commands',
    });
  }
  const own = typed !== undefined ? flagsOf[typed] : undefined;
  const firstFlag = (words[0] ?? '').replace(/^-+/, '');
  if (own !== undefined && words.length > 0 && !own.includes(firstFlag) && knownFlags.includes(firstFlag)) {
    // A real flag, but of another command: "did you mean --fps?" would be no help.
    const owners = Object.entries(flagsOf).filter(([, f]) => f.includes(firstFlag)).map(([c]) => c);
    return new UserError(`${asTyped(firstFlag)} is not a flag of maxnvm ${typed}`, {
      jsonPath: asTyped(firstFlag),
      expected: own.length > 0 ? `a flag of maxnvm ${typed}: ${own.map((f) => `--${f}`).join(', ')}` : `no flags: maxnvm ${typed} takes none`,
      suggestion: `--${firstFlag} belongs to maxnvm ${owners.join(', ')}; drop it, or run \`maxnvm ${owners[0] ?? ''} --help\``,
    });
  }
  if (words.length > 0) {
    const first = words[0] ?? '';
    const near = nearest(first.replace(/^-+/, ''), [...knownFlags, ...knownCommands]);
    const isCommand = near !== undefined && knownCommands.includes(near);
    return new UserError(`unknown ${words.length > 1 ? 'arguments' : 'argument'}: ${words.map(asTyped).join(', ')}`, {
      jsonPath: asTyped(first),
      expected: 'a known command or flag (see --help)',
      suggestion: near !== undefined ? `did you mean ${isCommand ? near : `--${near}`}?` : 'run with --help to list the flags',
    });
  }
  return new UserError(message, { suggestion: 'run with --help to see the usage' });
}

/**
 * Run `work`; a UserError it throws that names no file but a place in one
 * (the models check config sections such as /nvdla or /envm as they build,
 * as the sweep assumes too: src/system/sweep/unit-error.ts) is re-thrown
 * naming `file`. Errors about flags (`--x`) or about no place are left alone.
 * `onError` runs first on any error (to remove partial output).
 */
export function withInputFile<T>(file: string, work: () => T, onError?: () => void): T {
  try {
    return work();
  } catch (e) {
    onError?.();
    const path = e instanceof UserError ? e.details.jsonPath : undefined;
    if (e instanceof UserError && path !== undefined && !path.startsWith('--')) throw e.inFile(file);
    throw e;
  }
}

import { UserError, nearest } from '../errors.js';

/** Exit code for bad input (configs, traces, flags). */
export const EXIT_BAD_INPUT = 2;
/** Exit code for an internal error: a bug in maxnvm. */
export const EXIT_INTERNAL = 70;

/** Print an error the way a user should see it and exit. Stack traces only with MAXNVM_DEBUG=1. */
export function reportErrorAndExit(e: unknown): never {
  if (e instanceof UserError) {
    process.stderr.write(`${e.format()}\n`);
    process.exit(EXIT_BAD_INPUT);
  }
  const err = e instanceof Error ? e : new Error(String(e));
  process.stderr.write(`internal error: ${err.message}\n  This is a bug in maxnvm; please report it with the command you ran.\n`);
  if (process.env.MAXNVM_DEBUG === '1' && err.stack !== undefined) process.stderr.write(`${err.stack}\n`);
  process.exit(EXIT_INTERNAL);
}

/**
 * Turn a yargs validation message into a UserError with a suggestion: the
 * nearest known flag or command. `typed` is the first word of the command
 * line, the command the user meant to run.
 */
export function flagError(message: string, knownFlags: readonly string[], knownCommands: readonly string[], typed?: string): UserError {
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
  if (words.length > 0) {
    const first = words[0] ?? '';
    const near = nearest(first.replace(/^-+/, ''), [...knownFlags, ...knownCommands]);
    const isCommand = near !== undefined && knownCommands.includes(near);
    return new UserError(`unknown ${words.length > 1 ? 'arguments' : 'argument'}: ${words.join(', ')}`, {
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

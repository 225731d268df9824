import { UserError } from '../errors.js';
import { parseInteger } from '../util/parse-flags.js';

/** The default seed of every command (assumption: any fixed seed; manifests record the one used). */
export const DEFAULT_SEED = 1;

/** `--seed`, declared the same in every command: a number, default 1. Check it with parseSeed. */
export function seedOption(what: string): { type: 'number'; default: number; describe: string } {
  return { type: 'number', default: DEFAULT_SEED, describe: `seed of ${what} (a whole number >= 0)` };
}

/** The seed as given: a whole number >= 0 (yargs turns text that is no number into NaN, reported as such). */
export function parseSeed(v: unknown): number {
  if (typeof v === 'number' && Number.isNaN(v)) {
    throw new UserError('--seed: the value is not a number', { jsonPath: '--seed', expected: 'a whole number >= 0', suggestion: `e.g. --seed ${DEFAULT_SEED}` });
  }
  return parseInteger('seed', v ?? DEFAULT_SEED, 0);
}

import { readFileSync } from 'node:fs';
import { UserError } from '../../../src/errors.js';

/** A JSON file as an object. */
export const json = (file: string): Record<string, unknown> => JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;

/** The UserError `f` throws (any other outcome fails the test). */
export function thrown(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

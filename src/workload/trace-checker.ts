import { UserError } from '../errors.js';

/** A violation of a trace rule: where, what was expected, what to do. */
export interface Problem {
  jsonPath: string;
  expected: string;
  suggestion: string;
}

/** Raises trace rule violations as UserErrors naming the file (shared by the consistency and shape rules). */
export class Checker {
  constructor(readonly file: string) {}

  fail(message: string, p: Problem): never {
    throw new UserError(message, { file: this.file, ...p });
  }

  /** Fail unless `actual` equals `expected`; `why` says where the expected value comes from. */
  equal(actual: number, expected: number, what: string, jsonPath: string, why: string, suggestion?: string): void {
    if (actual === expected) return;
    this.fail(`${what} is ${actual}, expected ${expected} (${why})`, {
      jsonPath,
      expected: `${expected} (${why})`,
      suggestion: suggestion ?? `set it to ${expected}`,
    });
  }
}

import { UserError } from '../../errors.js';

/**
 * Errors of a sweep unit: said in terms of the system and trace the user gave
 * (a sweep runs many), and carried across the worker-thread boundary intact,
 * since structured cloning keeps an Error's message but not its class or the
 * UserError details (file, JSON path, expected, suggestion) the CLI prints.
 */

/**
 * A UserError from building or running `archFile` on `traceFile`, prefixed
 * with both; other errors unchanged. A JSON path without a file points into
 * the config: the models check the config's sections (/nvdla, /envm, ...) as
 * they build, while every trace problem is found, with its file, on loading.
 */
export function inSystemContext(e: unknown, archFile: string, traceFile: string): unknown {
  if (!(e instanceof UserError)) return e;
  const file = e.details.file ?? (e.details.jsonPath !== undefined ? archFile : undefined);
  return new UserError(`${archFile} on ${traceFile}: ${e.message}`, { ...e.details, ...(file === undefined ? {} : { file }) });
}

/** An error as a worker posts it: plain data. Name "UserError" (any subclass too) and its details for bad input. */
export interface ErrorMessage {
  kind: 'error';
  name: string;
  message: string;
  stack: string;
  details?: UserError['details'];
}

export function errorToMessage(e: unknown): ErrorMessage {
  const err = e instanceof Error ? e : new Error(String(e));
  if (e instanceof UserError) return { kind: 'error', name: 'UserError', message: e.message, stack: e.stack ?? '', details: { ...e.details } };
  return { kind: 'error', name: err.name, message: err.message, stack: err.stack ?? '' };
}

/**
 * The error to raise in the main thread: a UserError again (exit code 2, its
 * details printed), or an internal error with the worker's stack (a bug).
 */
export function errorFromMessage(m: ErrorMessage): Error {
  if (m.name === 'UserError') return new UserError(m.message, dropUndefined(m.details ?? {}));
  return new Error(`sweep worker: ${m.stack !== '' ? m.stack : `${m.name}: ${m.message}`}`);
}

/** Structured cloning keeps keys set to undefined; the details of a UserError are compared and printed by key. */
function dropUndefined(d: UserError['details']): UserError['details'] {
  return Object.fromEntries(Object.entries(d).filter(([, v]) => v !== undefined));
}

import type { Trace } from './layer.js';
import { traceSchema } from './trace-schema.js';
import { checkTraceConsistency } from './trace-consistency.js';
import { checkLayerCount, checkWeightCounts } from './trace-limits.js';
import { readJsonFile, validateOrThrow } from '../util/json-validate.js';

/**
 * Read a trace file, validate it against the trace schema, then check its cross-layer consistency.
 * Every problem is a UserError naming the file and the JSON path.
 */
export function loadTrace(file: string): Trace {
  return resolveTrace(readJsonFile(file, 'trace'), file);
}

/** Check parsed trace JSON as loadTrace does: limits first, then schema, weights and consistency. */
export function resolveTrace(data: unknown, file: string): Trace {
  checkLayerCount(data, file);
  validateOrThrow(traceSchema, data, file, 'trace');
  // The editor hint "$schema" is part of the file, not of the trace.
  const { $schema: _schemaHint, ...trace } = data as Trace & { $schema?: string };
  checkWeightCounts(trace, file);
  checkTraceConsistency(trace, file);
  return trace;
}

import type { Trace } from './layer.js';
import { traceSchema } from './trace-schema.js';
import { checkTraceConsistency } from './trace-consistency.js';
import { checkLayerCount, checkWeightCounts } from './trace-limits.js';
import { validateOrThrow } from '../util/json-validate.js';

/** Check parsed trace JSON (or a trace an importer built): limits first, then schema, weights and consistency. */
export function resolveTrace(data: unknown, file: string): Trace {
  checkLayerCount(data, file);
  validateOrThrow(traceSchema, data, file, 'trace');
  // The editor hint "$schema" is part of the file, not of the trace.
  const { $schema: _schemaHint, ...trace } = data as Trace & { $schema?: string };
  checkWeightCounts(trace, file);
  checkTraceConsistency(trace, file);
  return trace;
}

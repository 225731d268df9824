import type { JsonSchema } from '../engine/spec.js';
import { resultSchema } from './result-schema.js';
import { bandFileSchema } from './band-file.js';
import { traceSchema } from '../workload/trace-schema.js';
import { cachedArchSchema } from '../config/arch-config.js';
import { storageChoicesFileSchema } from '../sizing/choices-file.js';
import { gridFileSchema } from '../system/sweep/design/grid-file.js';

/** The schema files kept in schemas/ (paths relative to the repository root). A test checks they are current. */
export function schemaFiles(): Record<string, JsonSchema> {
  return {
    'schemas/arch-config.schema.json': cachedArchSchema(),
    'schemas/trace.schema.json': traceSchema,
    'schemas/result.schema.json': resultSchema,
    'schemas/storage-choices.schema.json': storageChoicesFileSchema,
    'schemas/band.schema.json': bandFileSchema,
    'schemas/grid.schema.json': gridFileSchema,
  };
}

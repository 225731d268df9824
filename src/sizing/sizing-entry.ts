import type { Technology } from '../hw/memory-figures/reference-table.js';
import { validateStorageChoice } from '../storage/choice-schema.js';
import type { StorageChoice } from '../storage/types.js';
import { checkTechnologyCovers, parseTechnology } from './technology.js';

/** One storage choice to size, with the technology its cells are made in and where the user wrote it. */
export interface SizingEntry {
  choice: StorageChoice;
  technology: Technology;
  /** Where the choice came from, for error messages: a file and JSON path, or the command line. */
  origin: { file?: string; jsonPath: string };
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validate one entry of a choices file: a StorageChoice that may carry its own `technology` (which wins over the
 * file's). Throws a UserError with the file and the JSON path inside it.
 */
export function validateSizingEntry(raw: unknown, defaultTechnology: Technology, file: string, jsonPath: string): SizingEntry {
  let technology = defaultTechnology;
  let rest = raw;
  if (isRecord(raw) && 'technology' in raw) {
    const { technology: t, ...others } = raw;
    technology = parseTechnology(t, { file, jsonPath: `${jsonPath}/technology` });
    rest = others;
  }
  const choice = validateStorageChoice(rest, file, jsonPath);
  checkTechnologyCovers(choice, technology, { file, jsonPath });
  return { choice, technology, origin: { file, jsonPath } };
}

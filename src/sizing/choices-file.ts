import { readJsonFile, validateOrThrow } from '../util/json-validate.js';
import type { JsonSchema } from '../engine/spec.js';
import { UserError } from '../errors.js';
import { TECHNOLOGIES, type Technology } from '../hw/memory-figures/reference-table.js';
import { storageChoiceSchema } from '../storage/choice-schema.js';
import { type SizingEntry, validateSizingEntry } from './sizing-entry.js';
import { DEFAULT_SIZING_TECHNOLOGY, parseTechnology } from './technology.js';

/**
 * The storage choices file of `maxnvm size`:
 *   { "$schema": "...", "description": "...", "technology": "RRAM", "choices": [ StorageChoice (+ "technology"), ... ] }
 * Technology of an entry: its own `technology`, else the `--technology` flag, else the file's, else RRAM.
 */

const technologySchema: JsonSchema = {
  type: 'string',
  enum: [...TECHNOLOGIES],
  description: 'cell technology whose reference arrays (reference/envm-arrays.csv) give the area',
};

const { $schema: _s, title: _t, ...choiceBody } = storageChoiceSchema;

/** One entry: a StorageChoice that may name its own technology. */
const entrySchema: JsonSchema = {
  ...choiceBody,
  properties: { ...(storageChoiceSchema.properties as Record<string, JsonSchema>), technology: technologySchema },
};

/** JSON Schema of a choices file, for editors (schemas/storage-choices.schema.json) and for the file envelope. */
export const storageChoicesFileSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'StorageChoices',
  description: 'Storage choices for `maxnvm size`: each is sized for a trace into bits, cells and eNVM area',
  type: 'object',
  additionalProperties: false,
  required: ['choices'],
  properties: {
    $schema: { type: 'string', description: 'editor hint: where this schema is' },
    description: { type: 'string', description: 'what this set of choices is for' },
    technology: { ...technologySchema, default: DEFAULT_SIZING_TECHNOLOGY, description: 'technology of every choice that names none' },
    choices: { type: 'array', minItems: 1, items: entrySchema, description: 'the storage choices, one table each' },
  },
};

/** The envelope alone: entries are validated one by one, for messages that name the entry. */
const envelopeSchema: JsonSchema = {
  ...storageChoicesFileSchema,
  properties: { ...(storageChoicesFileSchema.properties as Record<string, JsonSchema>), choices: { type: 'array' } },
};

/** Read, validate and resolve a choices file. `technology` (the --technology flag) beats the file's default. */
export function loadChoicesFile(file: string, technology?: Technology): SizingEntry[] {
  const data = readJsonFile(file, 'storage choices');
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new UserError('a storage choices file must be a JSON object', {
      file,
      jsonPath: '',
      expected: '{ "technology": "RRAM", "choices": [ { "label": ..., "encoding": ..., ... } ] }',
      suggestion: 'see examples/storage-choices/maxnvm-study.json',
    });
  }
  const raw = data as Record<string, unknown>;
  if (Array.isArray(raw.choices) && raw.choices.length === 0) {
    throw new UserError('the choices list is empty: nothing to size', {
      file,
      jsonPath: '/choices',
      expected: 'at least one storage choice',
      suggestion: 'add a choice, e.g. { "label": "dense SLC", "encoding": "dense", "clustered": false, "bitsPerCell": {}, "defaultBitsPerCell": 1 }',
    });
  }
  if ('technology' in raw) parseTechnology(raw.technology, { file, jsonPath: '/technology' });
  validateOrThrow(envelopeSchema, data, file, 'storage choices file');
  const fileTechnology = (raw.technology as Technology | undefined) ?? DEFAULT_SIZING_TECHNOLOGY;
  const entries = (raw.choices as unknown[]).map((c, i) => validateSizingEntry(c, technology ?? fileTechnology, file, `/choices/${i}`));
  checkUniqueLabels(entries);
  return entries;
}

/** Labels name rows of tables and CSV files, so two equal labels would make a result ambiguous. */
function checkUniqueLabels(entries: readonly SizingEntry[]): void {
  const seen = new Map<string, SizingEntry>();
  for (const e of entries) {
    const first = seen.get(e.choice.label);
    if (first !== undefined) {
      throw new UserError(`two storage choices are labelled "${e.choice.label}"`, {
        file: e.origin.file,
        jsonPath: `${e.origin.jsonPath}/label`,
        expected: `a label no other choice has (the first is at ${first.origin.jsonPath})`,
        suggestion: `rename one, e.g. "${e.choice.label} (${e.technology})"`,
      });
    }
    seen.set(e.choice.label, e);
  }
}

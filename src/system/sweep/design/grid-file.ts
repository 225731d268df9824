import { dirname, resolve } from 'node:path';
import { UserError } from '../../../errors.js';
import type { JsonSchema } from '../../../util/json-schema.js';
import { readJsonFile, validateOrThrow } from '../../../util/json-validate.js';
import { configKey, type GridValue } from './config-keys.js';
import { checkedValues, rangeValues, type GridAxis, type RangeSpec } from './set-values.js';

/**
 * A grid file (`maxnvm sweep --grid grid.json`): the config keys to sweep,
 * and optionally the configs, traces, rates and policies, so that one file
 * describes a whole study (schemas/grid.schema.json). Paths are relative to
 * the grid file's folder. What the file gives may not be given again by a flag.
 */

export interface GridFile {
  set: GridAxis[];
  arch?: string[];
  trace?: string[];
  fps?: number[];
  policies?: string[];
}

const files = { type: 'array', minItems: 1, items: { type: 'string', minLength: 1 } };

export const gridFileSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://maxnvm.invalid/schemas/grid.schema.json',
  title: 'maxnvm design grid',
  description: 'Config keys to sweep, each with a list of values or a range; every combination is one design, applied to every architecture config. Read by `maxnvm sweep --grid FILE`; paths are relative to this file.',
  type: 'object',
  additionalProperties: false,
  required: ['set'],
  properties: {
    $schema: { type: 'string', description: 'path or URL of this schema, for editors' },
    set: {
      type: 'object',
      description: 'dotted config key (as in `maxnvm describe`, e.g. "nvdla.macAtomicK") → its values; each value is checked against the architecture config schema',
      minProperties: 1,
      additionalProperties: {
        oneOf: [
          { type: 'array', minItems: 1, items: { type: ['number', 'string', 'boolean'] }, description: 'the values, in order' },
          {
            type: 'object',
            additionalProperties: false,
            required: ['from', 'to', 'count'],
            description: '`count` values from `from` to `to`, both included, evenly spaced (scale "linear", the default) or evenly spaced in log scale (scale "log", values rounded to 6 significant digits)',
            properties: {
              from: { type: 'number' },
              to: { type: 'number' },
              count: { type: 'integer', minimum: 2 },
              scale: { enum: ['linear', 'log'], default: 'linear' },
            },
          },
        ],
      },
    },
    arch: { ...files, description: 'architecture configs (instead of --arch)' },
    trace: { ...files, description: 'workload traces (instead of --trace)' },
    fps: { type: 'array', minItems: 1, items: { type: 'number', exclusiveMinimum: 0 }, description: 'frame rates, 1/s (instead of --fps or --fps-range)' },
    policies: { type: 'array', minItems: 1, items: { type: 'string' }, description: 'DRAM idle policies (instead of --policies)' },
  },
};

/** Read and check a grid file: its shape against the schema, then every key and value against the config schema. */
export function loadGridFile(file: string): GridFile {
  const data = readJsonFile(file, 'grid');
  validateOrThrow(gridFileSchema, data, file, 'grid');
  const raw = data as { set: Record<string, GridValue[] | RangeSpec>; arch?: string[]; trace?: string[]; fps?: number[]; policies?: string[] };
  const inFile = (e: unknown): unknown => (e instanceof UserError ? e.inFile(file) : e);
  const set = Object.entries(raw.set).map(([key, spec]): GridAxis => {
    const where = `/set/${key}`;
    try {
      const k = configKey(key, where);
      const values = Array.isArray(spec) ? spec : rangeValues(k, spec, JSON.stringify(spec), where);
      return { key, values: checkedValues(k, values, where) };
    } catch (e) {
      throw inFile(e);
    }
  });
  const here = (p: string): string => resolve(dirname(file), p);
  return {
    set,
    ...(raw.arch === undefined ? {} : { arch: raw.arch.map(here) }),
    ...(raw.trace === undefined ? {} : { trace: raw.trace.map(here) }),
    ...(raw.fps === undefined ? {} : { fps: raw.fps }),
    ...(raw.policies === undefined ? {} : { policies: raw.policies }),
  };
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Ajv2020, ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { UserError, nearest } from '../errors.js';
import type { JsonSchema } from './json-schema.js';
import { findJsonDefect, stripBom } from './strict-json.js';

/**
 * JSON Schema validation (draft 2020-12, ajv) with errors a user can act on:
 * the file, the JSON path, what was expected and the nearest valid key or value.
 */

// ajv is loaded on the first validation, not at import: it is a tenth of a second of a CLI start
// (`maxnvm describe` and `--help` validate nothing). It is CommonJS, so require() loads it synchronously.
let ajv: Ajv2020 | undefined;
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (v === undefined) {
    if (ajv === undefined) {
      const { Ajv2020: Ajv } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
      ajv = new Ajv({ allErrors: true, strict: false, useDefaults: false, verbose: true });
    }
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Read and parse a JSON file, turning every failure into a UserError naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  if (file.trim() === '') {
    throw new UserError(`the ${what} file name is empty`, { file: JSON.stringify(file), expected: `the path of a JSON ${what} file`, suggestion: 'check the flag\'s value; an unset shell variable gives an empty name' });
  }
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder, not a file', EACCES: 'permission denied' };
    throw new UserError(`cannot read ${what} file ${JSON.stringify(file)}: ${why[code ?? ''] ?? code ?? 'unknown error'}`, {
      file,
      expected: `a readable JSON ${what} file`,
      suggestion: code === 'ENOENT' ? 'check the path; shipped files are in arch-configs/ and traces/' : code === 'EISDIR' ? `name a .json file inside the folder` : undefined,
    });
  }
  return parseJsonText(stripBom(text), file, what);
}

/** Parse JSON text strictly: no syntax error, no duplicate key, no number beyond a double's range. */
export function parseJsonText(text: string, file: string, what: string): unknown {
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserError(`${what} file is not valid JSON: ${(e as Error).message}`, {
      file,
      expected: 'JSON text',
      suggestion: 'check for a trailing comma or a missing quote near the position given',
    });
  }
  const defect = findJsonDefect(text);
  if (defect?.kind === 'duplicate key') {
    throw new UserError(`duplicate key ${defect.literal} on line ${defect.line} of the ${what} file`, {
      file,
      jsonPath: defect.jsonPath,
      expected: 'each key once per object (JSON parsers disagree on which of two equal keys wins)',
      suggestion: `keep one ${defect.literal} and delete the other`,
    });
  }
  if (defect !== undefined) {
    throw new UserError(`number ${defect.literal} on line ${defect.line} of the ${what} file is beyond a double's range (about 1.8e308)`, {
      file,
      jsonPath: defect.jsonPath,
      expected: 'a finite number',
      suggestion: 'check the exponent; every parameter has a sanity bound far below 1e308 (`maxnvm describe`)',
    });
  }
  return data;
}

/** At most this many problems of one file are listed; the rest are counted. */
const MAX_LISTED_PROBLEMS = 10;

/** Validate `data` against `schema`; throw one UserError listing every problem found (up to MAX_LISTED_PROBLEMS). */
export function validateOrThrow(schema: JsonSchema, data: unknown, file: string, what: string): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const [first, ...rest] = usefulErrors(validate.errors ?? []).map((e) => toUserError(e, schema, file, what));
  if (first === undefined) throw new UserError(`${what} does not match its schema`, { file, suggestion: '`maxnvm describe` lists every parameter' });
  if (rest.length === 0) throw first;
  const listed = rest.slice(0, MAX_LISTED_PROBLEMS - 1);
  throw new UserError(first.message, {
    ...first.details,
    more: {
      basePath: first.details.jsonPath ?? '',
      problems: listed.map((u) => ({ message: u.message, jsonPath: u.details.jsonPath, expected: u.details.expected, suggestion: u.details.suggestion })),
      omitted: rest.length - listed.length,
    },
  });
}

/** Keywords that only say "some branch failed"; the branch's own errors say what. */
const UMBRELLA = new Set(['oneOf', 'anyOf', 'if', 'allOf']);

/** Most specific first: unknown keys, missing keys, enum mismatches, wrong types, then the rest. */
function rank(e: ErrorObject): number {
  const r: Record<string, number> = { additionalProperties: 0, required: 1, enum: 2, const: 2, type: 3 };
  return UMBRELLA.has(e.keyword) ? 9 : r[e.keyword] ?? 5;
}

/**
 * One error per problem, most useful first. Of the branches of a oneOf/anyOf
 * only the closest is kept (the one whose type matched, then the one with the
 * fewest errors), umbrella errors go when a branch says more, and of several
 * errors about one value the most specific stays.
 */
function usefulErrors(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const u of errors.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf')) {
    const prefix = `${u.schemaPath}/`;
    const branches = new Map<string, ErrorObject[]>();
    for (const e of kept) {
      if (!e.schemaPath.startsWith(prefix)) continue;
      const branch = e.schemaPath.slice(prefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), e]);
    }
    if (branches.size < 2) continue;
    // A branch whose type matched (no type error on the value itself) is the one the user meant.
    const typeMiss = (es: ErrorObject[]): number => (es.some((e) => e.keyword === 'type' && e.instancePath === u.instancePath) ? 1 : 0);
    const best = [...branches.values()].sort((a, b) => typeMiss(a) - typeMiss(b) || a.length - b.length)[0] ?? [];
    const drop = new Set([...branches.values()].flat().filter((e) => !best.includes(e)));
    kept = kept.filter((e) => !drop.has(e));
  }
  const specific = kept.filter((e) => !UMBRELLA.has(e.keyword));
  const byProblem = new Map<string, ErrorObject>();
  for (const e of kept) {
    if (UMBRELLA.has(e.keyword) && specific.some((s) => s.instancePath === e.instancePath || s.instancePath.startsWith(`${e.instancePath}/`))) continue;
    const p = e.params as { additionalProperty?: string; missingProperty?: string };
    const key = `${e.instancePath}\0${p.additionalProperty ?? p.missingProperty ?? ''}`;
    const prev = byProblem.get(key);
    if (prev === undefined || rank(e) < rank(prev)) byProblem.set(key, e);
  }
  return [...byProblem.values()].sort((a, b) => rank(a) - rank(b) || a.instancePath.localeCompare(b.instancePath));
}

/** Resolve a schema node by an ajv schemaPath like `#/properties/nvdla/properties/x`. */
function schemaAt(root: JsonSchema, schemaPath: string): JsonSchema | undefined {
  let node: unknown = root;
  for (const part of schemaPath.replace(/^#\//, '').split('/')) {
    if (part === '') continue;
    if (node === null || typeof node !== 'object') return undefined;
    node = (node as Record<string, unknown>)[decodeURIComponent(part.replace(/~1/g, '/').replace(/~0/g, '~'))];
  }
  return node as JsonSchema | undefined;
}

function toUserError(e: ErrorObject, root: JsonSchema, file: string, what: string): UserError {
  const path = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      // ajv's verbose mode gives the object schema itself, which also works inside $ref'd sub-schemas.
      const parent = (e.parentSchema as JsonSchema | undefined) ?? schemaAt(root, e.schemaPath.replace(/\/additionalProperties$/, ''));
      const allowed = Object.keys((parent?.properties as Record<string, unknown> | undefined) ?? {});
      const near = nearest(key, allowed);
      return new UserError(`unknown key "${key}" in ${what}`, {
        file,
        jsonPath: `${path}/${key}`,
        expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no further keys',
        suggestion: near !== undefined ? `did you mean "${near}"?` : 'remove the key; `maxnvm describe` lists every parameter',
      });
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return new UserError(`missing required key "${key}" in ${what}`, {
        file,
        jsonPath: `${path}/${key}`,
        expected: `a value for "${key}"`,
        suggestion: 'add it; `maxnvm describe` lists every parameter with its unit and default',
      });
    }
    case 'enum':
    case 'const': {
      const allowed = (e.keyword === 'enum' ? (e.params as { allowedValues: unknown[] }).allowedValues ?? [] : [(e.params as { allowedValue: unknown }).allowedValue]).map(String);
      const near = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
      return new UserError(`invalid value ${valueAtPath(e.data)} in ${what}`, {
        file,
        jsonPath: path,
        expected: `one of: ${allowed.join(', ')}`,
        suggestion: near !== undefined ? `did you mean "${near}"?` : `use one of the listed values`,
      });
    }
    default: {
      const schema = (e.parentSchema as JsonSchema | undefined) ?? schemaAt(root, e.schemaPath.replace(/\/[^/]+$/, ''));
      // A branch of a oneOf has no description of its own; the key's schema around it has.
      const owner = schema?.description === undefined ? schemaAt(root, e.schemaPath.replace(/\/(oneOf|anyOf)\/.*$/, '')) : schema;
      const desc = typeof owner?.description === 'string' ? ` (${owner.description})` : '';
      return new UserError(`invalid value ${valueAtPath(e.data)} in ${what}: ${e.message ?? 'does not match the schema'}`, {
        file,
        jsonPath: path,
        expected: `${e.message ?? 'a valid value'}${desc}`,
        suggestion: nearestValid(e) ?? 'fix the value; `maxnvm describe` lists every parameter with its unit and allowed range',
      });
    }
  }
}

/** For a value out of range or not whole: the nearest one the schema accepts, if the error says. */
function nearestValid(e: ErrorObject): string | undefined {
  const limit = (e.params as { limit?: unknown }).limit;
  if ((e.keyword === 'maximum' || e.keyword === 'minimum') && typeof limit === 'number') {
    return `nearest valid value: ${limit}`;
  }
  if (e.keyword === 'type' && (e.params as { type?: unknown }).type === 'integer' && typeof e.data === 'number' && Number.isFinite(e.data)) {
    return `a whole number, e.g. ${Math.round(e.data)}`;
  }
  return undefined;
}

function valueAtPath(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

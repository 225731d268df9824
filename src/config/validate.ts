import { readFileSync } from 'node:fs';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import { UserError, nearest } from '../errors.js';
import type { JsonSchema } from '../engine/spec.js';

/**
 * JSON Schema validation (draft 2020-12, ajv) with errors a user can act on:
 * the file, the JSON path, what was expected and the nearest valid key or value.
 */

const ajv = new Ajv2020({ allErrors: true, strict: false, useDefaults: false, verbose: true });
const compiled = new WeakMap<JsonSchema, ValidateFunction>();

function validatorFor(schema: JsonSchema): ValidateFunction {
  let v = compiled.get(schema);
  if (v === undefined) {
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Read and parse a JSON file, turning every failure into a UserError naming the file. */
export function readJsonFile(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read ${what} file (${code ?? 'unknown error'})`, {
      file,
      expected: `a readable JSON ${what} file`,
      suggestion: code === 'ENOENT' ? 'check the path; shipped files are in arch-configs/ and traces/' : undefined,
    });
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new UserError(`${what} file is not valid JSON: ${(e as Error).message}`, {
      file,
      expected: 'JSON text',
      suggestion: 'check for a trailing comma or a missing quote near the position given',
    });
  }
}

/** Validate `data` against `schema`; throw one UserError describing the most useful failure. */
export function validateOrThrow(schema: JsonSchema, data: unknown, file: string, what: string): void {
  const validate = validatorFor(schema);
  if (validate(data)) return;
  const errors = validate.errors ?? [];
  throw toUserError(pickError(errors), schema, file, what, errors.length);
}

/** Prefer the most specific error: unknown keys and enum mismatches over "must match a schema in oneOf". */
function pickError(errors: ErrorObject[]): ErrorObject {
  const rank = (e: ErrorObject): number =>
    e.keyword === 'additionalProperties' ? 0 : e.keyword === 'required' ? 1 : e.keyword === 'enum' ? 2 : e.keyword === 'type' ? 3 : e.keyword === 'oneOf' || e.keyword === 'anyOf' ? 9 : 5;
  return [...errors].sort((a, b) => rank(a) - rank(b) || b.instancePath.length - a.instancePath.length)[0]!;
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

function toUserError(e: ErrorObject, root: JsonSchema, file: string, what: string, count: number): UserError {
  const more = count > 1 ? ` (${count - 1} more problem${count > 2 ? 's' : ''} after this one)` : '';
  const path = e.instancePath;
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      // ajv's verbose mode gives the object schema itself, which also works inside $ref'd sub-schemas.
      const parent = (e.parentSchema as JsonSchema | undefined) ?? schemaAt(root, e.schemaPath.replace(/\/additionalProperties$/, ''));
      const allowed = Object.keys((parent?.properties as Record<string, unknown> | undefined) ?? {});
      const near = nearest(key, allowed);
      return new UserError(`unknown key "${key}" in ${what}${more}`, {
        file,
        jsonPath: `${path}/${key}`,
        expected: allowed.length > 0 ? `one of: ${allowed.join(', ')}` : 'no further keys',
        suggestion: near !== undefined ? `did you mean "${near}"?` : 'remove the key; `maxnvm describe` lists every parameter',
      });
    }
    case 'required': {
      const key = String((e.params as { missingProperty: string }).missingProperty);
      return new UserError(`missing required key "${key}" in ${what}${more}`, {
        file,
        jsonPath: `${path}/${key}`,
        expected: `a value for "${key}"`,
        suggestion: 'add it; `maxnvm describe` lists every parameter with its unit and default',
      });
    }
    case 'enum': {
      const allowed = ((e.params as { allowedValues: unknown[] }).allowedValues ?? []).map(String);
      const value = valueAtPath(e.data);
      const near = typeof e.data === 'string' ? nearest(e.data, allowed) : undefined;
      return new UserError(`invalid value ${value} in ${what}${more}`, {
        file,
        jsonPath: path,
        expected: `one of: ${allowed.join(', ')}`,
        suggestion: near !== undefined ? `did you mean "${near}"?` : `use one of the listed values`,
      });
    }
    default: {
      const schema = (e.parentSchema as JsonSchema | undefined) ?? schemaAt(root, e.schemaPath.replace(/\/[^/]+$/, ''));
      const desc = typeof schema?.description === 'string' ? ` (${schema.description})` : '';
      return new UserError(`invalid value ${valueAtPath(e.data)} in ${what}: ${e.message ?? 'does not match the schema'}${more}`, {
        file,
        jsonPath: path,
        expected: `${e.message ?? 'a valid value'}${desc}`,
        suggestion: 'fix the value; `maxnvm describe` lists every parameter with its unit and allowed range',
      });
    }
  }
}

function valueAtPath(v: unknown): string {
  const s = JSON.stringify(v);
  return s === undefined ? 'undefined' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

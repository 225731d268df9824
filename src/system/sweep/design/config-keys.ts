import { cachedArchSchema } from '../../../config/arch-config.js';
import { nearest, UserError } from '../../../errors.js';
import type { JsonSchema } from '../../../util/json-schema.js';
import { validateOrThrow } from '../../../util/json-validate.js';

/**
 * Config keys a design grid may set: the dotted paths of the architecture
 * config schema's scalar leaves ("nvdla.macAtomicK"), looked up in the schema
 * itself, so a key is valid exactly when a config file could hold it.
 */

/** A value a grid gives a key: the scalars a config leaf holds. */
export type GridValue = number | string | boolean;

export interface ConfigKey {
  key: string;
  /** The key's own schema (type, range or enum, description). */
  schema: JsonSchema;
  /** JSON types the key accepts ("integer", "number", "string", "boolean"). */
  types: Set<string>;
}

const asSchema = (v: unknown): JsonSchema | undefined => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as JsonSchema) : undefined);

/** Every settable key of the config schema, in schema order. */
export function settableKeys(): string[] {
  const out: string[] = [];
  const walk = (schema: JsonSchema, prefix: string): void => {
    const props = asSchema(schema.properties);
    if (props === undefined) {
      if (typesOf(schema).size > 0 && !typesOf(schema).has('array') && !typesOf(schema).has('object')) out.push(prefix);
      return;
    }
    for (const [k, v] of Object.entries(props)) {
      if (prefix === '' && (k === '$schema' || k === 'name' || k === 'description')) continue;
      const child = asSchema(v);
      if (child !== undefined) walk(child, prefix === '' ? k : `${prefix}.${k}`);
    }
  };
  walk(cachedArchSchema(), '');
  return out;
}

/** The types a schema node accepts: its `type`, or those of its oneOf/anyOf branches (a `const` counts as its value's type). */
function typesOf(schema: JsonSchema): Set<string> {
  const out = new Set<string>();
  const t = schema.type;
  if (typeof t === 'string') out.add(t);
  if (Array.isArray(t)) for (const x of t) out.add(String(x));
  if ('const' in schema) out.add(typeof schema.const);
  if (Array.isArray(schema.enum)) for (const e of schema.enum) out.add(typeof e);
  for (const branch of [schema.oneOf, schema.anyOf]) {
    if (Array.isArray(branch)) for (const b of branch) for (const x of typesOf(asSchema(b) ?? {})) out.add(x);
  }
  return out;
}

/**
 * The schema of `key`, or a UserError naming `where` (the flag or grid file
 * entry) with the closest settable key by edit distance.
 */
export function configKey(key: string, where: string): ConfigKey {
  let node: JsonSchema | undefined = cachedArchSchema();
  const parts = key.split('.');
  for (const part of parts) {
    const props = asSchema(node?.properties);
    node = props === undefined || !Object.hasOwn(props, part) ? undefined : asSchema(props[part]);
    if (node === undefined) break;
  }
  const keys = settableKeys();
  if (node === undefined || !keys.includes(key)) {
    const near = nearest(key, keys) ?? nearestByLastPart(key, keys);
    const section = node !== undefined && asSchema(node.properties) !== undefined;
    throw new UserError(section ? `${where}: "${key}" is a config section, not a key` : `${where}: unknown config key "${key}"`, {
      jsonPath: where,
      expected: 'a dotted path to one scalar key of the architecture config, e.g. nvdla.macAtomicK (`maxnvm describe` lists them)',
      suggestion: near !== undefined ? `did you mean ${near}?` : `settable keys start with ${[...new Set(keys.map((k) => k.split('.')[0]))].join(', ')}`,
    });
  }
  return { key, schema: node, types: typesOf(node) };
}

/** A misspelled section with a right key ("nvdl.macAtomicK"): the one key of that name, when there is one. */
function nearestByLastPart(key: string, keys: readonly string[]): string | undefined {
  const last = key.split('.').pop() ?? key;
  const byLast = nearest(last, keys.map((k) => k.split('.').pop() ?? k));
  if (byLast === undefined) return undefined;
  const hits = keys.filter((k) => k.endsWith(`.${byLast}`));
  return hits.length === 1 ? hits[0] : undefined;
}

/** Check one value of `key` against the key's schema: a UserError naming the key, the value and what is expected. */
export function checkValue(k: ConfigKey, value: GridValue, where: string): void {
  try {
    validateOrThrow(k.schema, value, where, `value of ${k.key}`);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(`${where}: ${k.key} = ${JSON.stringify(value)} is not a valid value`, {
      jsonPath: where,
      expected: e.details.expected ?? expectedOf(k),
      suggestion: e.details.suggestion,
    });
  }
}

/** What a key accepts, in words: "integer from 1 to 4096", "one of: a, b". */
export function expectedOf(k: ConfigKey): string {
  const s = k.schema;
  if (Array.isArray(s.enum)) return `one of: ${s.enum.map(String).join(', ')}`;
  const lo = typeof s.minimum === 'number' ? s.minimum : undefined;
  const hi = typeof s.maximum === 'number' ? s.maximum : undefined;
  const range = lo !== undefined && hi !== undefined ? ` from ${lo} to ${hi}` : lo !== undefined ? ` >= ${lo}` : hi !== undefined ? ` <= ${hi}` : '';
  return `${[...k.types].join(' or ')}${range}`;
}

/**
 * Every component declares its parameters and statistics here-style, in one
 * place. The arch-config JSON Schema and the `describe` command are derived
 * from these declarations, so a parameter cannot exist without a unit,
 * a description and a source for its default.
 */

export type JsonSchema = Record<string, unknown>;

export interface ParamSpec {
  /** JSON key; carries its unit as a suffix (`readLatency_ns`), or names a count/choice. */
  readonly key: string;
  /** Unit in words or symbols: "ns", "pJ", "GB/s", "count", "-" for choices and flags. */
  readonly unit: string;
  readonly description: string;
  /** Default value when the config omits the key; undefined means the key is required. */
  readonly default?: unknown;
  /** Where the default comes from: a file in shared/reference or a public document, or "assumption: why". */
  readonly source: string;
  /** JSON Schema of the value (type, minimum, enum, ...). */
  readonly schema: JsonSchema;
  /** A key without a default that may still be left out (its absence means "not used"). */
  readonly optional?: boolean;
}

export interface StatSpec {
  readonly key: string;
  readonly unit: string;
  readonly description: string;
}

export interface ComponentSpec {
  /** Config section name (`nvdla`, `dram`, `envm`, ...). */
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly stats: readonly StatSpec[];
}

/** Shorthand constructors keep declarations one line each. */
export const num = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra });
export const posNum = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', exclusiveMinimum: 0, ...extra });
export const nonNegNum = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', minimum: 0, ...extra });
export const posInt = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', minimum: 1, ...extra });
export const nonNegInt = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', minimum: 0, ...extra });
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
export const bool = (): JsonSchema => ({ type: 'boolean' });

/** JSON Schema (draft 2020-12 fragment) of one config section, with defaults and no unknown keys. */
export function sectionSchema(spec: ComponentSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const p of spec.params) {
    const s: JsonSchema = { ...p.schema, description: `${p.description} [${p.unit}] (default source: ${p.source})` };
    if (p.default !== undefined) s.default = p.default;
    else if (p.optional !== true) required.push(p.key);
    properties[p.key] = s;
  }
  const out: JsonSchema = {
    type: 'object',
    description: spec.description,
    properties,
    additionalProperties: false,
  };
  if (required.length > 0) out.required = required;
  return out;
}

/** Fill omitted keys with their declared defaults; returns a new object. */
export function withDefaults<T>(spec: ComponentSpec, section: Record<string, unknown> | undefined): T {
  const out: Record<string, unknown> = {};
  for (const p of spec.params) {
    const v = section?.[p.key];
    if (v !== undefined) out[p.key] = v;
    else if (p.default !== undefined) out[p.key] = structuredClone(p.default);
  }
  return out as T;
}

/** The declared defaults of a section as an object (for tests and `describe`). */
export function defaultsOf<T>(spec: ComponentSpec): T {
  return withDefaults<T>(spec, {});
}

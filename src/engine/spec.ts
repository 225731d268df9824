/**
 * Every component declares its parameters and statistics here-style, in one
 * place. The arch-config JSON Schema and the `describe` command are derived
 * from these declarations, so a parameter cannot exist without a unit,
 * a description and a source for its default.
 */

import type { JsonSchema } from '../util/json-schema.js';
import { thousands } from '../util/format.js';

export type { JsonSchema };

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

/**
 * What a statistic is, which says how a component produces it (src/engine/stats.ts):
 * - `energy`: a term of the component's cumulative energy, J (the key is the term);
 * - `state`: a power state: cumulative residency (s) and background energy (J) in it (the key is the state);
 * - `counter`: a cumulative count or amount from the component's `stats()`, differenced over an interval;
 * - `figure`: a constant of the built component from `stats()` (area, leakage power), never differenced;
 * - `interval`: a value the component reports per interval itself (the core's per-layer result).
 */
export type StatKind = 'energy' | 'state' | 'counter' | 'figure' | 'interval';

export interface StatSpec {
  /** Key; carries its unit as a suffix (`bytesRead_B`) or names a count; energy terms and states are bare names. */
  readonly key: string;
  readonly unit: string;
  readonly description: string;
  /** Where its model comes from: the file that computes it, a file in reference/ or a public document. */
  readonly source: string;
  readonly kind: StatKind;
}

export interface ComponentSpec {
  /** Config section name (`nvdla`, `dram`, `envm`, ...). */
  readonly name: string;
  readonly description: string;
  readonly params: readonly ParamSpec[];
  readonly stats: readonly StatSpec[];
}

/** Statistic declarations, one line each: `stat('counter', source)(key, unit, description)`. */
export const stat =
  (kind: StatKind, source: string) =>
  (key: string, unit: string, description: string): StatSpec => ({ key, unit, description, source, kind });

/** The statistics of one kind a spec declares. */
export function statsOf(spec: ComponentSpec, ...kinds: StatKind[]): StatSpec[] {
  return spec.stats.filter((s) => kinds.includes(s.kind));
}

/** Shorthand constructors keep declarations one line each. */
export const num = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', ...extra });
export const posNum = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', exclusiveMinimum: 0, ...extra });
export const nonNegNum = (extra: JsonSchema = {}): JsonSchema => ({ type: 'number', minimum: 0, ...extra });
export const posInt = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', minimum: 1, ...extra });
export const nonNegInt = (extra: JsonSchema = {}): JsonSchema => ({ type: 'integer', minimum: 0, ...extra });
export const oneOf = (values: readonly string[]): JsonSchema => ({ type: 'string', enum: [...values] });
export const bool = (): JsonSchema => ({ type: 'boolean' });

/**
 * A physical figure with a sanity bound no real design approaches (a typo
 * such as 1e6 for 1.6 must not give a kilowatt memory): `why` says what real
 * designs reach. The bound shows in the schema's description and in errors.
 */
export const sane = (maximum: number, why: string, positive = false): JsonSchema => {
  const bound = `at most ${thousands(maximum)}: a sanity bound, ${why}`;
  return { type: 'number', ...(positive ? { exclusiveMinimum: 0 } : { minimum: 0 }), maximum, description: bound, 'x-bound': bound };
};
/** Energies per operation: a DRAM row activation is about 1 nJ; 1 µJ per access no real memory approaches. */
export const saneEnergy_pJ = (positive = false): JsonSchema => sane(1e6, 'no memory or logic operation approaches 1 µJ (a DRAM row activation is about 1 nJ)', positive);
/** Static power: 100 W is a data-centre GPU's share; no edge memory or accelerator leaks that much. */
export const sanePower_mW = (positive = false): JsonSchema => sane(1e5, 'no edge accelerator or memory approaches 100 W of static power', positive);
/** Areas: the reticle limit of one die is about 858 mm² (26 mm × 33 mm). */
export const saneArea_mm2 = (positive = false): JsonSchema => sane(1000, 'one die cannot exceed the reticle limit of about 858 mm² (26 mm × 33 mm)', positive);

/** JSON Schema (draft 2020-12 fragment) of one config section, with defaults and no unknown keys. */
export function sectionSchema(spec: ComponentSpec): JsonSchema {
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const p of spec.params) {
    const { 'x-bound': bound, ...schema } = p.schema;
    const s: JsonSchema = { ...schema, description: `${p.description}${typeof bound === 'string' ? ` (${bound})` : ''} [${p.unit}] (default source: ${p.source})` };
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

import fc from 'fast-check';

/**
 * Mutations a hostile or careless user makes to a JSON input: a value
 * replaced by an absurd one, a key dropped or misspelled or added, and text
 * edits JSON.parse alone would let through (a duplicate key, 1e400).
 */

export type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Every path to a value inside `doc`, the root excluded. */
function paths(doc: Json, prefix: (string | number)[] = []): (string | number)[][] {
  if (doc === null || typeof doc !== 'object') return [];
  const entries: [string | number, Json][] = Array.isArray(doc) ? doc.map((v, i) => [i, v]) : Object.entries(doc);
  return entries.flatMap(([k, v]) => [[...prefix, k], ...paths(v, [...prefix, k])]);
}

/** Values no config or trace should take silently. */
const hostileValue: fc.Arbitrary<Json> = fc.oneof(
  fc.constantFrom<Json>(0, -1, 1, 2, 0.5, 1e9, 1e15, -1e9, 1e-12, 1e308, Number.MAX_SAFE_INTEGER, 2 ** 53 + 1, '', 'abc', 'NaN', 'Infinity', true, null, [], {}, [1, 2]),
  fc.integer({ min: -10, max: 1e7 }),
  fc.double({ min: -1e12, max: 1e12, noNaN: true, noDefaultInfinity: true }),
  fc.string({ maxLength: 8 }),
);

export type Mutation =
  | { kind: 'set'; at: number; value: Json }
  | { kind: 'scale'; at: number; factor: number }
  | { kind: 'delete'; at: number }
  | { kind: 'rename'; at: number; suffix: string }
  | { kind: 'text'; at: number; edit: 'duplicate' | 'overflow' | 'bom' | 'truncate' };

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 6, arbitrary: fc.record({ kind: fc.constant('set' as const), at: fc.nat(), value: hostileValue }) },
  // A number scaled keeps its type, so it often passes the schema and reaches the models.
  { weight: 4, arbitrary: fc.record({ kind: fc.constant('scale' as const), at: fc.nat(), factor: fc.constantFrom(0, 1e-6, 0.01, 0.5, 2, 10, 1000, 1e6) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('rename' as const), at: fc.nat(), suffix: fc.constantFrom('s', '_', 'X') }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('text' as const), at: fc.nat(), edit: fc.constantFrom('duplicate' as const, 'overflow' as const, 'bom' as const, 'truncate' as const) }) },
);

/** Apply `m` to a copy of `doc`; returns the file text. */
export function applyMutation(doc: Json, m: Mutation): string {
  const copy = structuredClone(doc);
  const all = paths(copy);
  const path = all[m.at % Math.max(1, all.length)] ?? [];
  const parent = path.slice(0, -1).reduce<Json>((node, k) => (node as Record<string | number, Json>)[k] as Json, copy) as Record<string | number, Json> | Json[];
  const key = path[path.length - 1];
  if (m.kind === 'text') return textEdit(JSON.stringify(copy, null, 2), m.edit, m.at);
  if (key === undefined) return JSON.stringify(copy);
  if (m.kind === 'set') (parent as Record<string | number, Json>)[key] = m.value;
  else if (m.kind === 'scale') {
    const numbers = all.filter((p) => typeof p.reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] as Json, copy) === 'number');
    const target = numbers[m.at % Math.max(1, numbers.length)];
    if (target === undefined) return JSON.stringify(copy);
    const owner = target.slice(0, -1).reduce<Json>((n, k) => (n as Record<string | number, Json>)[k] as Json, copy) as Record<string | number, number>;
    const k = target[target.length - 1] as string | number;
    const v = owner[k] as number;
    owner[k] = Number.isInteger(v) ? Math.round(v * m.factor) : v * m.factor;
  }
  else if (m.kind === 'delete') {
    if (Array.isArray(parent)) parent.splice(Number(key), 1);
    else delete parent[key];
  } else if (!Array.isArray(parent)) {
    parent[`${key}${m.suffix}`] = parent[key] as Json;
    delete parent[key];
  }
  return JSON.stringify(copy, null, 2);
}

function textEdit(text: string, edit: 'duplicate' | 'overflow' | 'bom' | 'truncate', at: number): string {
  if (edit === 'bom') return `\ufeff${text}`;
  if (edit === 'truncate') return text.slice(0, at % text.length);
  const lines = text.split('\n');
  const candidates = lines.map((l, i) => [l, i] as const).filter(([l]) => (edit === 'duplicate' ? /^\s*"[^"]+": [^{[]/.test(l) : /: -?\d/.test(l)));
  const [line, i] = candidates[at % Math.max(1, candidates.length)] ?? ['', -1];
  if (i < 0) return text;
  if (edit === 'overflow') lines[i] = line.replace(/: -?[\d.eE+-]+/, ': 1e400');
  else lines[i] = line.endsWith(',') ? `${line}\n${line}` : `${line},\n${line}`;
  return lines.join('\n');
}

import { describe, expect, it } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { traceSchema } from '../../../src/workload/trace-schema.js';

type Node = Record<string, unknown>;

/** Every object-typed sub-schema, with its path. */
function objectSchemas(node: unknown, path = '#'): [string, Node][] {
  if (node === null || typeof node !== 'object') return [];
  const n = node as Node;
  const here: [string, Node][] = n.type === 'object' ? [[path, n]] : [];
  return here.concat(Object.entries(n).flatMap(([k, v]) => objectSchemas(v, `${path}/${k}`)));
}

describe('traceSchema', () => {
  it('compiles as draft 2020-12 with strict schema and type checks', () => {
    expect(traceSchema.$schema).toBe('https://json-schema.org/draft/2020-12/schema');
    // strictRequired is off: the if/then rules require keys declared one level up, which is valid 2020-12.
    const ajv = new Ajv2020({ strictSchema: true, strictTypes: true, strictTuples: true, strictRequired: false });
    expect(() => ajv.compile(traceSchema)).not.toThrow();
  });

  it('closes every object (additionalProperties false) and describes every property', () => {
    const objects = objectSchemas(traceSchema);
    expect(objects.map(([p]) => p)).toEqual(['#', '#/properties/pruning', '#/properties/layers/items', '#/properties/layers/items/properties/slices/items', '#/properties/layers/items/properties/weights']);
    for (const [path, o] of objects) {
      expect(o.additionalProperties, path).toBe(false);
      for (const [key, prop] of Object.entries(o.properties as Record<string, Node>)) {
        expect(typeof prop.description, `${path}/properties/${key}`).toBe('string');
      }
    }
  });
});

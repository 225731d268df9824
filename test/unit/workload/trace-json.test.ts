import { describe, expect, it } from 'vitest';
import { traceToJson } from '../../../src/workload/trace-json.js';
import { buildTinyConvTrace } from '../../../src/workload/tiny-trace.js';
import { traceSchema } from '../../../src/workload/trace-schema.js';
import type { Layer, Trace } from '../../../src/workload/layer.js';

/** Rebuild an object with its keys in reverse order, to prove the writer does not depend on insertion order. */
function reversed<T extends object>(o: T): T {
  return Object.fromEntries(Object.entries(o).reverse()) as T;
}

describe('traceToJson', () => {
  it('writes keys in schema order whatever order the object has, 2-space indent, newline at the end', () => {
    const t = buildTinyConvTrace();
    const scrambled: Trace = reversed({ ...t, layers: t.layers.map((l): Layer => reversed({ ...l, weights: l.weights && reversed(l.weights) })) });
    const text = traceToJson(scrambled);
    expect(text).toBe(traceToJson(t));
    expect(text.endsWith('}\n')).toBe(true);
    expect(text.split('\n')[1]).toBe('  "$schema": "../schemas/trace.schema.json",');
    const layerProps = (traceSchema.properties as { layers: { items: { properties: object } } }).layers.items.properties;
    const firstLayerKeys = Object.keys((JSON.parse(text) as { layers: object[] }).layers[0]!);
    expect(firstLayerKeys).toEqual(Object.keys(layerProps).filter((k) => !['dilation', 'pads', 'pool', 'eltwise', 'lrnSize', 'windows', 'hostOp', 'slices'].includes(k)));
  });

  it('refuses a key the schema does not declare (it would fail validation on load)', () => {
    const t = buildTinyConvTrace();
    const bad = { ...t, layers: [{ ...t.layers[0]!, bias: 2 } as Layer] };
    expect(() => traceToJson(bad)).toThrow(/bias/);
  });
});

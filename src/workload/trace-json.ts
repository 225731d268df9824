import type { Layer, LayerWeights, Trace } from './layer.js';
import { traceSchema } from './trace-schema.js';

/**
 * Deterministic trace file text: keys in the schema's property order, 2-space indent, newline at the end.
 * Taking the order from the schema keeps one list of keys, and the shipped files diff cleanly.
 */

/** The `$schema` hint written into trace files in traces/ (the schema file sits in schemas/). */
const TRACE_SCHEMA_HINT = '../schemas/trace.schema.json';

type ObjectSchema = { properties: Record<string, ObjectSchema & { items: ObjectSchema }> };
const traceProps = (traceSchema as ObjectSchema).properties;
const layerProps = traceProps.layers?.items.properties ?? {};
const TRACE_KEYS = Object.keys(traceProps);
const LAYER_KEYS = Object.keys(layerProps);
const WEIGHT_KEYS = Object.keys(layerProps.weights?.properties ?? {});
const PRUNING_KEYS = Object.keys(traceProps.pruning?.properties ?? {});

/** Copy `obj` with its keys in `order`, leaving out absent ones; a key outside `order` is a bug. */
function ordered(obj: object, order: readonly string[], what: string): Record<string, unknown> {
  const src = obj as Record<string, unknown>;
  for (const k of Object.keys(src)) {
    if (!order.includes(k)) throw new Error(`${what} has key "${k}" that the trace schema does not declare`);
  }
  const out: Record<string, unknown> = {};
  for (const k of order) if (src[k] !== undefined) out[k] = src[k];
  return out;
}

function layerJson(l: Layer): Record<string, unknown> {
  const out = ordered(l, LAYER_KEYS, `layer ${l.name}`);
  if (l.weights !== undefined) out.weights = ordered(l.weights as LayerWeights, WEIGHT_KEYS, `weights of ${l.name}`);
  return out;
}

/** Trace file text, with a `$schema` hint for editors. */
export function traceToJson(trace: Trace, schemaHint: string = TRACE_SCHEMA_HINT): string {
  const out = ordered({ $schema: schemaHint, ...trace }, TRACE_KEYS, 'trace');
  if (trace.pruning !== undefined) out.pruning = ordered(trace.pruning, PRUNING_KEYS, 'trace pruning');
  out.layers = trace.layers.map(layerJson);
  return `${JSON.stringify(out, null, 2)}\n`;
}

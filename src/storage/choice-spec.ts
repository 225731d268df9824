import type { ComponentSpec, JsonSchema, ParamSpec } from '../engine/spec.js';
import { storageChoiceSchema } from './choice-schema.js';

/**
 * `maxnvm describe weightStorage`: the storage choice's keys, read from its
 * JSON Schema (the one place they are declared), with the unit each
 * description carries in [brackets].
 */
export const weightStorageSpec: ComponentSpec = {
  name: 'weightStorage',
  description: String(storageChoiceSchema.description),
  params: Object.entries(storageChoiceSchema.properties as Record<string, JsonSchema>).map(([key, schema]): ParamSpec => {
    const description = String(schema.description ?? describeObject(schema));
    const unit = /\[([^\]]+)\]/.exec(description)?.[1] ?? '-';
    const source =
      schema.default !== undefined
        ? /default source: ([^)]+)\)/.exec(description)?.[1] ?? 'see the description'
        : "no default: part of the user's storage choice";
    const optional = !((storageChoiceSchema.required as string[] | undefined) ?? []).includes(key);
    return { key, unit, description, default: schema.default, source, schema, optional };
  }),
  stats: [],
};

function describeObject(schema: JsonSchema): string {
  const props = Object.entries((schema.properties as Record<string, JsonSchema> | undefined) ?? {});
  return props.map(([k, s]) => `${k}: ${String(s.description ?? '')}`).join('; ');
}

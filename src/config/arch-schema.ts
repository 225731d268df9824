import { sectionSchema, type JsonSchema } from '../engine/spec.js';
import { storageChoiceSchema } from '../storage/choice-schema.js';
import { componentSpecs } from './registry.js';

/**
 * The JSON Schema of architecture configs (draft 2020-12), derived from the
 * components' declarations. `npm run schemas` writes it to
 * schemas/arch-config.schema.json so editors complete and check config files.
 */
export function archConfigSchema(): JsonSchema {
  const sections: Record<string, JsonSchema> = {};
  for (const spec of componentSpecs) sections[spec.name] = sectionSchema(spec);
  const { $schema: _ignored, ...storage } = storageChoiceSchema;
  return {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: 'https://maxnvm.invalid/schemas/arch-config.schema.json',
    title: 'maxnvm architecture config',
    description:
      'An accelerator system: the NVDLA core, where weights and activations live, and the memories. Every numeric key names its unit; `maxnvm describe` lists defaults and their sources.',
    type: 'object',
    additionalProperties: false,
    required: ['name', 'placement', 'nvdla'],
    properties: {
      $schema: { type: 'string', description: 'path or URL of this schema, for editors' },
      name: { type: 'string', minLength: 1, description: 'short name of the system, used in tables and plots' },
      description: { type: 'string', description: 'what this system is and where its figures come from' },
      ...sections,
      weightStorage: { ...storage, description: 'how weights are encoded and stored in the eNVM (placement.weights = envm)' },
    },
  };
}

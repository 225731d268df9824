import type { CommandModule } from 'yargs';
import { UserError, nearest } from '../../errors.js';
import type { ComponentSpec } from '../../engine/spec.js';
import { componentSpecs } from '../../config/registry.js';
import { faultsSpec } from '../../faults/spec.js';
import { weightStorageSpec } from '../../storage/choice-spec.js';
import type { CliIo } from '../io.js';
import { measurementFieldsText, RESULT_SCHEMA_VERSION, whereInOutputs } from '../../report/result-schema.js';

/**
 * Everything `maxnvm describe` lists: the config sections, and the parameters of tools that take flags rather
 * than a config (fault campaigns) or choices files (weight storage).
 */
const describedSpecs: readonly ComponentSpec[] = [...componentSpecs, weightStorageSpec, faultsSpec];

/** `maxnvm describe [component]`: every parameter with unit, default, description and source; every statistic. */
export function describeText(specs: readonly ComponentSpec[]): string {
  const out: string[] = [];
  for (const spec of specs) {
    out.push(`${spec.name}: ${spec.description}`, '  parameters:');
    for (const p of spec.params) {
      const def = p.default !== undefined ? `default ${JSON.stringify(p.default)}` : p.optional === true ? 'optional' : 'required';
      const bound = p.schema['x-bound'];
      out.push(`    ${p.key} [${p.unit}] (${def})`, `        ${p.description}${typeof bound === 'string' ? ` (${bound})` : ''}`, `        source: ${p.source}`);
    }
    if (spec.stats.length > 0) {
      out.push('  statistics:');
      for (const s of spec.stats) {
        out.push(`    ${s.key} [${s.unit}] (${s.kind}): ${s.description}`, `        in outputs: ${whereInOutputs(spec.name, s)}`, `        source: ${s.source}`);
      }
    }
    out.push('');
  }
  return out.join('\n');
}

/**
 * The outputs' side: what every measurement holds and how CSV columns are named (result schema 2). Listed after
 * the components by `maxnvm describe` (not for one component).
 */
export function outputsText(): string {
  return [
    `outputs (result schema ${RESULT_SCHEMA_VERSION}; schemas/result.schema.json):`,
    '  every measurement (summary.json inference, layers[], points[]; sweep.json rows) has:',
    ...measurementFieldsText(),
    '  a layer adds the core\'s per-layer statistics (nvdla above) and bytesRead_B, bytesWritten_B by memory;',
    '  a point adds fps, period_s, latency_s (and framesMeasured, events when replayed); a sweep row adds its system,',
    '  trace, DRAM policy, grid keys (set), maxFps, area_mm2 and areaByComponent_mm2.',
    '  keys are camelCase with their unit suffix; a CSV column is the JSON path joined in camelCase with the unit at',
    '  the end (energyByTerm_J.nvdla.cbuf_read is energyByTermNvdlaCbufRead_J); a grid\'s config keys keep their name.',
    '',
  ].join('\n');
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const describeCommand = (io: CliIo): CommandModule<object, { component?: string; format: string }> => ({
  builder: (y) =>
    y
      .positional('component', { type: 'string', describe: 'one component section, e.g. nvdla, dram, envm' })
      .option('format', { choices: ['text', 'json'] as const, default: 'text', describe: 'output format' }),
  handler: (args) => {
    let specs: readonly ComponentSpec[] = describedSpecs;
    if (args.component !== undefined) {
      const names = describedSpecs.map((s) => s.name);
      const spec = describedSpecs.find((s) => s.name === args.component);
      if (spec === undefined) {
        const near = nearest(args.component, names);
        throw new UserError(`unknown component "${args.component}"`, {
          expected: `one of: ${names.join(', ')}`,
          suggestion: near !== undefined ? `did you mean "${near}"?` : 'run `maxnvm describe` to list them all',
        });
      }
      specs = [spec];
    }
    if (args.format === 'json') io.stdout.write(`${JSON.stringify(specs, null, 2)}\n`);
    else io.stdout.write(describeText(specs) + (args.component === undefined ? outputsText() : ''));
  },
});

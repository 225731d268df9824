import { statsOf, type JsonSchema, type StatSpec } from '../engine/spec.js';
import { columnOf } from '../util/columns.js';
import { nvdlaSpec } from '../hw/nvdla/spec.js';
import { CORE_STATS_ELSEWHERE } from '../system/inference.js';
import { LAYER_OPS } from '../workload/layer.js';

/**
 * JSON Schema of `maxnvm simulate --format json` (and summary.json), result
 * schema 2: one measurement type for every interval (src/system/measurement.ts),
 * every key camelCase with its unit suffix. Tests validate real outputs against
 * it, so it cannot drift from the code; the layer's core statistics come from
 * nvdlaSpec's declarations.
 */
export const RESULT_SCHEMA_VERSION = 2;

const num = (description: string): JsonSchema => ({ type: 'number', description });
const nested = (description: string): JsonSchema => ({
  type: 'object',
  description,
  additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
});
const flat = (description: string): JsonSchema => ({ type: 'object', description, additionalProperties: { type: 'number' } });

/** The fields of a measurement (feasible), as in src/system/measurement.ts. */
export const measurementProperties: Record<string, JsonSchema> = {
  feasible: { const: true },
  time_s: num('length of the interval, s (a layer\'s time, an inference\'s latency, a frame period)'),
  energy_J: num('energy of the whole system over the interval, J'),
  power_W: num('energy_J / time_s, W (0 for an interval of no time)'),
  energyByComponent_J: flat('energy by component, J'),
  energyByTerm_J: nested('energy by component and term, J (the terms each component declares: maxnvm describe)'),
  residency_s: nested('time in each power state by device, s'),
  stateEnergy_J: nested('background (standby, leakage) energy in each power state by device, J; part of energy_J'),
  stats: nested('counters by component over the interval (maxnvm describe lists each with its unit)'),
};
const MEASURED = Object.keys(measurementProperties);
const infeasibleProperties: Record<string, JsonSchema> = {
  feasible: { const: false },
  reason: { type: 'string', description: 'why the interval cannot be run' },
};

/** A measured interval with its naming fields, or the infeasible variant with the same naming fields. */
function measured(title: string, context: Record<string, JsonSchema>, required: string[]): JsonSchema {
  return {
    description: title,
    oneOf: [
      { type: 'object', additionalProperties: false, required: [...required, ...MEASURED], properties: { ...context, ...measurementProperties } },
      { type: 'object', additionalProperties: false, required: [...required, 'feasible', 'reason'], properties: { ...context, ...infeasibleProperties } },
    ],
  };
}

/** The core's per-layer statistics as declared (kind `interval`), less those carried elsewhere. */
const coreStats = statsOf(nvdlaSpec, 'interval').filter((s) => !(s.key in CORE_STATS_ELSEWHERE));
const coreProperties: Record<string, JsonSchema> = Object.fromEntries(
  coreStats.map((s) => {
    if (s.key === 'hardwareOps') return [s.key, { type: 'integer', minimum: 0, description: 'hardware operations launched for the layer (a convolution chunk is a conv and an SDP operation) [count]' }];
    const type = s.unit === '-' ? { type: 'string' } : { type: 'number', minimum: 0 };
    return [s.key, { ...type, description: `${s.description} [${s.unit}]` }];
  }),
);

const layer = measured(
  'one trace layer: the core\'s statistics and the whole system\'s measurement while it ran',
  {
    name: { type: 'string' },
    op: { enum: [...LAYER_OPS] },
    start_s: num('start time of the layer in the inference, s'),
    fusedInto: { type: 'string', description: 'the convolution this layer ran fused into (SDP element-wise or on-the-fly PDP); its time, traffic and energy are counted there' },
    ...coreProperties,
    bytesRead_B: flat('bytes read from each memory, B'),
    bytesWritten_B: flat('bytes written to each memory, B'),
  },
  ['name', 'op', 'start_s', ...coreStats.map((s) => s.key), 'bytesRead_B', 'bytesWritten_B'],
);

const point = measured(
  'one frame period at one rate (steady state): the measurement over whole periods, per period',
  {
    fps: num('frame rate, 1/s'),
    period_s: num('frame period 1 / fps, s'),
    latency_s: { type: ['number', 'null'], description: 'wake-up to last output of the slowest measured frame, s' },
    framesMeasured: { type: 'integer', minimum: 1, description: 'frames measured by the replay (the first warms up when more than one is run)' },
    events: { type: 'integer', minimum: 0, description: 'simulator events of the replay' },
  },
  ['fps', 'period_s', 'latency_s'],
);

const inference: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'one inference from a cold start with every device awake (time_s is its latency)',
  required: ['cycles', 'events', 'hardwareOps', 'maxFps', ...MEASURED],
  properties: {
    cycles: { type: 'integer', minimum: 0, description: 'NVDLA core cycles of one inference' },
    events: { type: 'integer', minimum: 0 },
    hardwareOps: { type: 'integer', minimum: 0, description: 'hardware operations launched, counted as NVIDIA\'s compiler counts them (each conv chunk a conv and an SDP operation; PDP and standalone SDP one each)' },
    maxFps: num('highest sustainable frame rate, 1/s'),
    host: {
      type: 'object',
      additionalProperties: false,
      required: ['layers', 'time_s', 'energy_J'],
      description: 'layers run on the host CPU (op "host"), apart from NVDLA: present only when the trace has any',
      properties: {
        layers: { type: 'integer', minimum: 1 },
        time_s: num('time of one inference spent in host layers (part of time_s), s'),
        energy_J: num('host CPU energy of one inference (part of energy_J), J'),
      },
    },
    ...measurementProperties,
  },
};

const common: Record<string, JsonSchema> = {
  arch: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'file', 'description', 'placement'],
    properties: {
      name: { type: 'string' },
      file: { type: 'string' },
      description: { type: 'string' },
      placement: { type: 'object', additionalProperties: false, properties: { weights: { enum: ['dram', 'envm'] }, activations: { enum: ['dram', 'sram'] } } },
    },
  },
  trace: {
    type: 'object',
    additionalProperties: false,
    required: ['name', 'macs', 'weights', 'nonZeroWeights', 'layers'],
    properties: { name: { type: 'string' }, macs: { type: 'integer' }, weights: { type: 'integer' }, nonZeroWeights: { type: 'integer' }, layers: { type: 'integer' } },
  },
  seed: { type: 'integer' },
  area_mm2: num('on-chip area, mm²'),
  areaByComponent_mm2: flat('on-chip area by component, mm²'),
  figures: nested('constants of the built components by component (statistics of kind figure: area, leakage power, peak bandwidth; maxnvm describe lists each with its unit)'),
  notes: { type: 'array', items: { type: 'string' } },
};
const commonKeys = Object.keys(common);

export const resultSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://maxnvm.invalid/schemas/result.schema.json',
  title: `maxnvm simulate result (result schema ${RESULT_SCHEMA_VERSION})`,
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: [...commonKeys, 'feasible', 'inference', 'layers', 'points'],
      properties: { ...common, feasible: { const: true }, inference, layers: { type: 'array', items: layer }, points: { type: 'array', items: point } },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: [...commonKeys, 'feasible', 'reason'],
      properties: { ...common, feasible: { const: false }, reason: { type: 'string', description: 'why the system cannot run the trace' } },
    },
  ],
};

/**
 * Where a component's declared statistic appears in the outputs (JSON path, and CSV column by the naming rule of
 * src/util/columns.ts), for `maxnvm describe`. Each kind has one place, so this is exact by construction.
 */
export function whereInOutputs(component: string, s: StatSpec): string {
  const at = (...path: string[]): string => `${path.join('.')} (column ${columnOf(path)})`;
  switch (s.kind) {
    case 'energy':
      return `every measurement: ${at('energyByTerm_J', component, s.key)}`;
    case 'state':
      return `every measurement: ${at('residency_s', component, s.key)} and ${at('stateEnergy_J', component, s.key)}`;
    case 'counter':
      return `every measurement: ${at('stats', component, s.key)}`;
    case 'figure':
      return `summary.json: figures.${component}.${s.key}`;
    case 'interval':
      if (component !== nvdlaSpec.name) return `the rows of the ${component} results`;
      return CORE_STATS_ELSEWHERE[s.key] !== undefined ? `not a layer field: ${CORE_STATS_ELSEWHERE[s.key]}` : `summary.json layers[].${s.key}, layers.csv column ${s.key}`;
  }
}

/** What every measurement (inference, layers[], points[], sweep rows) holds, for `maxnvm describe`. */
export function measurementFieldsText(): string[] {
  return Object.entries(measurementProperties).map(([k, v]) => `    ${k}: ${typeof v.description === 'string' ? v.description : 'true; an infeasible interval has feasible false and its reason instead'}`);
}

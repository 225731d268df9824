import type { JsonSchema } from '../engine/spec.js';
import { LAYER_OPS } from '../workload/layer.js';

/**
 * JSON Schema of `maxnvm simulate --format json` (and summary.json). Tests
 * validate real outputs against it, so it cannot drift from the code.
 */
const num = (description: string): JsonSchema => ({ type: 'number', description });
const nested: JsonSchema = {
  type: 'object',
  description: 'component → term → value',
  additionalProperties: { type: 'object', additionalProperties: { type: 'number' } },
};
const flat = (description: string): JsonSchema => ({ type: 'object', description, additionalProperties: { type: 'number' } });

const layer: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['name', 'op', 'start_s', 'cycles', 'time_s', 'bound', 'macs', 'mac_utilization', 'effective_mac_utilization', 'cbufMode', 'compute_cycles', 'memory_floor_cycles', 'stall_cycles', 'weight_read_B', 'feature_read_B', 'feature_written_B', 'hardware_ops', 'bytes', 'energy_J', 'energyByComponent_J'],
  properties: {
    name: { type: 'string' },
    op: { enum: [...LAYER_OPS] },
    start_s: num('start time of the layer in the inference, s'),
    cycles: { type: 'integer', minimum: 0, description: 'NVDLA core cycles' },
    time_s: num('duration, s'),
    bound: { enum: ['compute', 'memory'], description: 'roofline criterion: memory when memory_floor_cycles > compute_cycles' },
    macs: { type: 'integer', minimum: 0 },
    mac_utilization: { type: 'number', minimum: 0, maximum: 1, description: 'multiplies performed / (cycles × array MACs)' },
    effective_mac_utilization: { type: 'number', minimum: 0, description: 'network MACs / (cycles × array MACs); above 1 with Winograd (2.25× fewer multiplies)' },
    cbufMode: { type: 'string' },
    compute_cycles: { type: 'integer', minimum: 0, description: 'cycles with every fetch done at once' },
    memory_floor_cycles: { type: 'number', minimum: 0, description: 'the layer\'s bytes at peak bandwidth, cycles' },
    stall_cycles: {
      type: 'object',
      additionalProperties: false,
      required: ['launch', 'prologue', 'input_wait', 'weight_wait', 'writeback'],
      description: 'cycles beyond compute_cycles by cause: driver launch, first data, later input and weight waits, last write-back',
      properties: Object.fromEntries(['launch', 'prologue', 'input_wait', 'weight_wait', 'writeback'].map((k) => [k, { type: 'number', minimum: 0 }])),
    },
    weight_read_B: { type: 'number', minimum: 0, description: 'weight bytes read from the weight store' },
    feature_read_B: { type: 'number', minimum: 0, description: 'feature bytes read (incl. element-wise operands)' },
    feature_written_B: { type: 'number', minimum: 0, description: 'feature bytes written' },
    hardware_ops: { type: 'integer', minimum: 0, description: 'hardware operations launched for the layer' },
    bytes: {
      type: 'object',
      description: 'bytes moved per memory',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        required: ['read_B', 'written_B'],
        properties: { read_B: { type: 'number', minimum: 0 }, written_B: { type: 'number', minimum: 0 } },
      },
    },
    energy_J: num('whole-system energy during the layer, J'),
    energyByComponent_J: flat('energy during the layer by component, J'),
    fusedInto: { type: 'string', description: 'the convolution this layer ran fused into (SDP element-wise or on-the-fly PDP); its time, traffic and energy are counted there' },
  },
};

const feasiblePoint: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fps', 'feasible', 'period_s', 'latency_s', 'power_W', 'energy_per_inference_J', 'breakdown_J', 'residency_s', 'state_energy_J', 'framesMeasured', 'events'],
  properties: {
    fps: num('frame rate, 1/s'),
    feasible: { const: true },
    period_s: num('frame period, s'),
    latency_s: num('wake-up to last output of the slowest measured frame, s'),
    power_W: num('average power over whole frame periods, W'),
    energy_per_inference_J: num('energy per frame period (one inference and the idle time after it), J'),
    breakdown_J: nested,
    residency_s: { ...nested, description: 'device → power state → time per frame period, s' },
    state_energy_J: { ...nested, description: 'device → power state → background energy per frame period, J' },
    dram_state_residency_s: flat('LPDDR4 power state → time per frame period, s (systems with DRAM)'),
    framesMeasured: { type: 'integer', minimum: 1 },
    events: { type: 'integer', minimum: 0, description: 'simulator events of this replay' },
  },
};

const infeasiblePoint: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['fps', 'feasible', 'reason', 'latency_s', 'period_s', 'events'],
  properties: {
    fps: num('frame rate, 1/s'),
    feasible: { const: false },
    reason: { type: 'string' },
    latency_s: num('latency of the frame that missed its period, s'),
    period_s: num('frame period, s'),
    events: { type: 'integer', minimum: 0 },
  },
};

const common = {
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
    properties: {
      name: { type: 'string' },
      macs: { type: 'integer' },
      weights: { type: 'integer' },
      nonZeroWeights: { type: 'integer' },
      layers: { type: 'integer' },
    },
  },
  seed: { type: 'integer' },
  area_mm2: {
    type: 'object',
    additionalProperties: false,
    required: ['total', 'breakdown'],
    properties: { total: num('on-chip area, mm²'), breakdown: flat('on-chip area by component, mm²') },
  },
  notes: { type: 'array', items: { type: 'string' } },
};

export const resultSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  $id: 'https://maxnvm.invalid/schemas/result.schema.json',
  title: 'maxnvm simulate result',
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['arch', 'trace', 'seed', 'area_mm2', 'notes', 'feasible', 'inference', 'layers', 'points'],
      properties: {
        ...common,
        feasible: { const: true },
        inference: {
          type: 'object',
          additionalProperties: false,
          required: ['cycles', 'latency_s', 'energy_J', 'breakdown_J', 'byComponent_J', 'events', 'hardwareOps', 'maxFps'],
          properties: {
            cycles: { type: 'integer', minimum: 0, description: 'NVDLA core cycles of one inference' },
            latency_s: num('one inference from a cold start with every device awake, s'),
            energy_J: num('energy of that inference, J'),
            breakdown_J: nested,
            byComponent_J: flat('energy by component, J'),
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
                time_s: num('time of one inference spent in host layers (part of latency_s), s'),
                energy_J: num('host CPU energy of one inference (part of energy_J), J'),
              },
            },
          },
        },
        layers: { type: 'array', items: layer },
        points: { type: 'array', items: { oneOf: [feasiblePoint, infeasiblePoint] } },
      },
    },
    {
      type: 'object',
      additionalProperties: false,
      required: ['arch', 'trace', 'seed', 'area_mm2', 'notes', 'feasible', 'reason'],
      properties: { ...common, feasible: { const: false }, reason: { type: 'string', description: 'why the system cannot run the trace' } },
    },
  ],
};

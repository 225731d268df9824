import type { JsonSchema } from '../engine/spec.js';
import { MAX_CHANNELS, MAX_EXTENT, MAX_LAYERS } from './trace-limits.js';
import { LAYER_OPS } from './layer.js';
import { thousands } from '../util/format.js';

/**
 * JSON Schema (draft 2020-12) of a workload trace file (src/workload/layer.ts: Trace).
 * Structure and ranges only; cross-layer rules (shapes, producers, unique names) are in
 * trace-consistency.ts. The property order here is also the key order of written trace files.
 * Sub-schemas are inlined, not $ref'd: ajv reports a schemaPath relative to a $ref target, and
 * util/json-validate.ts resolves schemaPaths from the root to name the allowed keys in its errors.
 */

/** Every count has a sanity bound (trace-limits.ts says why), so no typo reaches the simulator. */
const count = (description: string, minimum = 1, maximum = MAX_EXTENT): JsonSchema => ({ type: 'integer', minimum, maximum, description: `${description} At most ${thousands(maximum)} (a sanity bound).` });

const weightsSchema: JsonSchema = {
  type: 'object',
  description: 'Weight storage properties of a conv or fc layer.',
  properties: {
    density: {
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 1,
      description: 'Fraction of non-zero weights, 1 − sparsity (dimensionless, 0 < density <= 1; 1 = dense).',
    },
    valueBits: {
      type: 'integer',
      minimum: 1,
      maximum: 32,
      description: 'Bits per stored weight value: 8 for int8, ceil(log2(clusters)) when clustered [bits].',
    },
    clusters: {
      type: 'integer',
      minimum: 2,
      maximum: 65_536,
      description: 'Number of clusters (codebook entries) when the weights are clustered; omit when not [count]. At most 65,536 (16-bit codes): a sanity bound, since clustering pays off only with few clusters (16 in the shipped traces) and each layer\'s codebook is generated in memory.',
    },
  },
  required: ['density', 'valueBits'],
  additionalProperties: false,
};

const layerSchema: JsonSchema = {
  type: 'object',
  description: 'One layer, in execution order. Shapes are element counts, not bytes.',
  properties: {
    name: { type: 'string', minLength: 1, description: 'Unique layer name; "input" is reserved for the network input.' },
    op: {
      enum: [...LAYER_OPS],
      description:
        'Operation: convolution (incl. grouped and depthwise), fully connected, pooling (incl. global average), ' +
        'element-wise, concatenation along channels, local response normalization, product of two activations ' +
        '(matmul), or an operation NVDLA cannot run that runs on the host CPU (host).',
    },
    inputs: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      minItems: 1,
      description:
        'Names of earlier layers whose outputs this layer reads ("input" = network input); eltwise and concat read ' +
        'two or more, matmul exactly two ([A, B]), every other op one.',
    },
    inputHeight: count('Input feature map height [elements].'),
    inputWidth: count('Input feature map width [elements].'),
    inputChannels: count('Input channels [count]; for concat the sum of its producers\' channels; for matmul heads·K.', 1, MAX_CHANNELS),
    outputChannels: count('Output channels [count]; equals inputChannels for pool, eltwise, concat, lrn and host; for matmul heads·N.', 1, MAX_CHANNELS),
    kernelHeight: count('Kernel (window) height [elements].'),
    kernelWidth: count('Kernel (window) width [elements].'),
    stride: count('Stride in both directions [elements].'),
    padding: count('Zero padding on each side, both directions [elements]; equals pads[0] when pads is given.', 0),
    groups: count(
      'Convolution groups [count]: 1 for dense convolutions, inputChannels for depthwise; for matmul the heads of a ' +
        'batched product; 1 for every other op.',
      1,
      MAX_CHANNELS,
    ),
    outputHeight: count(
      'Output height = floor((inputHeight + padTop + padBottom − ((kernelHeight − 1)·dilation + 1)) / stride) + 1 [elements].',
    ),
    outputWidth: count(
      'Output width = floor((inputWidth + padLeft + padRight − ((kernelWidth − 1)·dilation + 1)) / stride) + 1 [elements].',
    ),
    dilation: count('Convolution dilation in both directions [elements]; default 1; conv only.'),
    pads: {
      type: 'array',
      items: count('Zero padding on one side [elements].', 0),
      minItems: 4,
      maxItems: 4,
      description:
        'Asymmetric zero padding [top, left, bottom, right] (ONNX pads order for 2-D) [elements]; conv and pool ' +
        'only; when given, padding must equal pads[0] and every shape rule uses pads.',
    },
    pool: {
      enum: ['max', 'avg'],
      description: 'Pooling kind; required for op "pool", absent otherwise. Global average pooling: kernel = input height × width.',
    },
    eltwise: {
      enum: ['add', 'mul', 'scale'],
      description:
        'Element-wise operation of op "eltwise" (default "add"); absent otherwise. add and mul take two or more operands of ' +
        'the first one\'s shape or 1×1×C (one value per channel, broadcast over height × width: squeeze-excite); scale is ' +
        'a per-channel scale and bias of its one operand (a batch normalization no convolution absorbs).',
    },
    windows: count('Op "matmul" only: windows of A\'s rows, each multiplied by its own B (Swin\'s window attention); B holds windows × heads × K × N values. Absent: 1.', 1, 1 << 20),
    lrnSize: count('Channel window of a local response normalization [channels] (ONNX "size"); required for op "lrn", absent otherwise.', 1, MAX_CHANNELS),
    hostOp: {
      enum: ['softmax', 'layernorm', 'transpose', 'copy'],
      description:
        'The operation of op "host" (run on the host CPU, since NVDLA cannot); required for op "host", absent otherwise. ' +
        '"copy" rewrites its input into a surface of another height and width (ViT\'s class token inserted before the ' +
        'patch tokens, or one token picked out): the only host operation whose output extent may differ from its input.',
    },
    slices: {
      type: 'array',
      description:
        'Inputs read as a range of their producer\'s channels (a channel split: a view of the producer\'s surface, no copy); ' +
        'every shape rule then sees that input as its range.',
      items: {
        type: 'object',
        description: 'One input read as a channel range of its producer.',
        properties: {
          input: count('Index of the input in "inputs".', 0, 1000),
          channelOffset: count('First channel of the range [channels].', 0, MAX_CHANNELS),
          channels: count('Channels in the range [channels].', 1, MAX_CHANNELS),
        },
        required: ['input', 'channelOffset', 'channels'],
        additionalProperties: false,
      },
    },
    weights: weightsSchema,
  },
  required: [
    'name',
    'op',
    'inputs',
    'inputHeight',
    'inputWidth',
    'inputChannels',
    'outputChannels',
    'kernelHeight',
    'kernelWidth',
    'stride',
    'padding',
    'groups',
    'outputHeight',
    'outputWidth',
  ],
  additionalProperties: false,
  allOf: [
    { if: { properties: { op: { const: 'pool' } } }, then: { required: ['pool'] } },
    { if: { properties: { op: { enum: ['conv', 'fc'] } } }, then: { required: ['weights'] } },
    { if: { properties: { op: { const: 'lrn' } } }, then: { required: ['lrnSize'] } },
    { if: { properties: { op: { const: 'host' } } }, then: { required: ['hostOp'] } },
  ],
};

export const traceSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'maxnvm workload trace',
  description: 'A DNN inference as a list of layers with shapes and weight storage properties (maxnvm docs/architecture.md §4).',
  type: 'object',
  properties: {
    $schema: { type: 'string', description: 'Path or URL of this schema, for editors.' },
    name: { type: 'string', minLength: 1, description: 'Trace name, e.g. resnet50-v1.5.' },
    description: { type: 'string', description: 'What the trace models, in words.' },
    source: { type: 'string', minLength: 1, description: 'Where the layer shapes come from (a public definition or reference file).' },
    activationBits: {
      type: 'integer',
      minimum: 1,
      maximum: 32,
      description: 'Activation precision [bits per element]; 8 for int8.',
    },
    pruning: {
      type: 'object',
      description: 'Pruning profile the weight densities come from; absent for dense traces.',
      properties: {
        profile: { type: 'string', minLength: 1, description: 'Profile name, e.g. "STR 81 %".' },
        source: { type: 'string', minLength: 1, description: 'Where the per-layer sparsity comes from.' },
      },
      required: ['profile', 'source'],
      additionalProperties: false,
    },
    layers: { type: 'array', items: layerSchema, minItems: 1, maxItems: MAX_LAYERS, description: `Layers in execution order; at most ${thousands(MAX_LAYERS)} (a sanity bound).` },
  },
  required: ['name', 'description', 'source', 'activationBits', 'layers'],
  additionalProperties: false,
};

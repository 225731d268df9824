import { UserError } from '../errors.js';
import { validateOrThrow } from '../util/json-validate.js';
import type { JsonSchema } from '../engine/spec.js';
import { layerChoice, pointer } from './layer-choice.js';
import { DEFAULT_BITMASK_LAYOUT, STREAM_ORDER, producedStreams } from './streams.js';
import type { StorageChoice, StreamName } from './types.js';

/**
 * A StorageChoice as written in a config file: JSON Schema (draft 2020-12), and validation with messages a
 * user can act on. Range checks run before the schema so that the commonest mistakes get a specific message.
 */

/** Bits per cell the eNVM models cover: 1, 2, 3 (reference/envm-arrays.csv; docs/architecture.md §6). */
const MIN_BITS_PER_CELL = 1;
export const MAX_BITS_PER_CELL = 3;
/** Smallest SECDED data word accepted: 4 bits, the (8,4) extended Hamming code. */
export const MIN_ECC_DATA_BITS = 4;
/**
 * Largest SECDED data word accepted: 4,096 bits (a 512-byte sector). A sanity
 * bound: published SECDED words have 16 to 256 data bits, and the code's
 * position tables are built per bit (secded.ts).
 */
export const MAX_ECC_DATA_BITS = 4096;
/** Fields are read 32 bits at a time (bit-stream.ts), and a relative index wider than that is never useful. */
const MAX_CSR_INDEX_BITS = 32;

const bitsPerCellSchema: JsonSchema = {
  type: 'integer',
  minimum: MIN_BITS_PER_CELL,
  maximum: MAX_BITS_PER_CELL,
  description: 'bits stored per memory cell [bits/cell]: 1 (single-level) to 3 (8-level MLC); ranges of reference/envm-arrays.csv',
};

const protectableStreams = STREAM_ORDER.filter((s) => s !== 'check');

export const storageChoiceSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'StorageChoice',
  description: 'How the weights of every layer are encoded into streams and stored in cells',
  type: 'object',
  additionalProperties: false,
  // A dense choice needs neither `clustered` (default false) nor `bitsPerCell` (default {}): sparse encodings must
  // say whether they store cluster codes, since the trace's clusters change their streams.
  required: ['label', 'encoding', 'defaultBitsPerCell'],
  properties: {
    label: { type: 'string', minLength: 1, description: 'name of the choice in tables' },
    encoding: { type: 'string', enum: ['dense', 'bitmask', 'csr'], description: 'weight encoding' },
    bitmaskLayout: {
      type: 'string',
      enum: ['nvdla', 'plain'],
      default: DEFAULT_BITMASK_LAYOUT,
      description:
        "bitmask only: 'nvdla' = NVDLA's WMB, compressed-weight and WGS surfaces, each padded to 128 bytes (default source: nvdla.org hw/format); 'plain' = one mask and one value stream",
    },
    csrIndexBits: {
      type: 'integer',
      minimum: 1,
      maximum: MAX_CSR_INDEX_BITS,
      description: 'csr only, required there: relative index width r [bits]; a longer zero run takes filler entries',
    },
    clustered: {
      type: 'boolean',
      default: false,
      description: "store cluster codes and a codebook where the trace's layer has clusters; required for bitmask and csr, false when omitted for dense (default source: assumption: a dense choice that says nothing stores plain values, as NVDLA's own weight format does)",
    },
    bitsPerCell: {
      type: 'object',
      additionalProperties: false,
      properties: Object.fromEntries(STREAM_ORDER.map((s) => [s, bitsPerCellSchema])),
      default: {},
      description: 'bits per cell of individual streams; streams not named (all of them when omitted) use defaultBitsPerCell (default source: none needed: every stream at defaultBitsPerCell)',
    },
    defaultBitsPerCell: bitsPerCellSchema,
    ecc: {
      type: 'object',
      additionalProperties: false,
      required: ['dataBits', 'streams'],
      properties: {
        dataBits: { type: 'integer', minimum: MIN_ECC_DATA_BITS, maximum: MAX_ECC_DATA_BITS, description: `SECDED data word [bits]: 64 gives (72,64); ${MIN_ECC_DATA_BITS} to ${MAX_ECC_DATA_BITS} (a sanity bound: published SECDED words have 16 to 256 data bits)` },
        streams: {
          type: 'array',
          items: { type: 'string', enum: protectableStreams },
          uniqueItems: true,
          minItems: 1,
          description: 'streams protected by the code',
        },
      },
    },
    idxSync: {
      type: 'object',
      additionalProperties: false,
      required: ['interval'],
      properties: { interval: { type: 'integer', minimum: 1, description: 'weights between sync words [weights]' } },
    },
    layers: {
      type: 'object',
      additionalProperties: {
        type: 'object',
        additionalProperties: false,
        properties: {
          bitsPerCell: { type: 'object', additionalProperties: false, properties: Object.fromEntries(STREAM_ORDER.map((s) => [s, bitsPerCellSchema])), description: "bits per cell of these streams in this layer; others keep the choice's" },
          eccStreams: { type: 'array', items: { type: 'string', enum: protectableStreams }, uniqueItems: true, description: "streams ECC protects in this layer, with the choice's ecc data word (needs ecc); [] protects none" },
        },
      },
      default: {},
      description:
        "settings of individual layers by layer name (a trace's layer names; in maxnvm faults, the model's weight tensors): bits per cell of named streams and the streams ECC protects; a layer not named uses the settings above (default source: none needed: every layer alike)",
    },
  },
  allOf: [
    { if: { properties: { encoding: { const: 'csr' } }, required: ['encoding'] }, then: { required: ['csrIndexBits'] } },
    { if: { properties: { encoding: { enum: ['bitmask', 'csr'] } }, required: ['encoding'] }, then: { required: ['clustered'] } },
  ],
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Validate a storage choice found at `jsonPath` of `file`; returns it typed, or throws a UserError. */
export function validateStorageChoice(choice: unknown, file: string, jsonPath: string): StorageChoice {
  if (isRecord(choice)) checkRanges(choice, file, jsonPath);
  try {
    validateOrThrow(storageChoiceSchema, choice, file, 'storage choice');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(e.message, { ...e.details, jsonPath: `${jsonPath}${e.details.jsonPath ?? ''}` });
  }
  const written = choice as Omit<StorageChoice, 'clustered' | 'bitsPerCell'> & Partial<Pick<StorageChoice, 'clustered' | 'bitsPerCell'>>;
  const c: StorageChoice = { ...written, clustered: written.clustered ?? false, bitsPerCell: written.bitsPerCell ?? {} };
  checkStreams(c, file, jsonPath);
  return c;
}

function checkRanges(c: Record<string, unknown>, file: string, at: string): void {
  const bpc = (v: unknown, path: string, what: string): void => {
    if (typeof v === 'number' && (v < MIN_BITS_PER_CELL || v > MAX_BITS_PER_CELL || !Number.isInteger(v))) {
      throw new UserError(`${v} bits per cell for ${what} is outside the modelled range`, {
        file,
        jsonPath: path,
        expected: `an integer from ${MIN_BITS_PER_CELL} to ${MAX_BITS_PER_CELL} (the eNVM arrays of reference/envm-arrays.csv)`,
        suggestion: v > MAX_BITS_PER_CELL ? `use ${MAX_BITS_PER_CELL}, the densest MLC modelled` : `use ${MIN_BITS_PER_CELL} for single-level cells`,
      });
    }
  };
  bpc(c.defaultBitsPerCell, `${at}/defaultBitsPerCell`, 'defaultBitsPerCell');
  if (isRecord(c.bitsPerCell)) for (const [s, v] of Object.entries(c.bitsPerCell)) bpc(v, `${at}/bitsPerCell/${s}`, `stream '${s}'`);
  if (isRecord(c.layers)) {
    for (const [name, o] of Object.entries(c.layers)) {
      if (isRecord(o) && isRecord(o.bitsPerCell)) for (const [s, v] of Object.entries(o.bitsPerCell)) bpc(v, `${at}/layers/${pointer(name)}/bitsPerCell/${s}`, `stream '${s}' of layer '${name}'`);
    }
  }
  if (typeof c.csrIndexBits === 'number' && c.csrIndexBits < 1) {
    throw new UserError(`csrIndexBits ${c.csrIndexBits}: a relative index needs at least 1 bit`, {
      file,
      jsonPath: `${at}/csrIndexBits`,
      expected: `an integer from 1 to ${MAX_CSR_INDEX_BITS}`,
      suggestion: 'use 4: at 80 % sparsity few zero runs exceed 15 and need fillers',
    });
  }
  if (isRecord(c.idxSync) && typeof c.idxSync.interval === 'number' && c.idxSync.interval < 1) {
    throw new UserError(`idxSync interval ${c.idxSync.interval}: sync words must be at least 1 weight apart`, {
      file,
      jsonPath: `${at}/idxSync/interval`,
      expected: 'a positive integer number of weights',
      suggestion: 'use e.g. 1024; remove idxSync to turn IdxSync off',
    });
  }
  if (isRecord(c.ecc) && typeof c.ecc.dataBits === 'number' && c.ecc.dataBits < MIN_ECC_DATA_BITS) {
    throw new UserError(`ECC data word of ${c.ecc.dataBits} bits is too small for a SECDED code`, {
      file,
      jsonPath: `${at}/ecc/dataBits`,
      expected: `an integer >= ${MIN_ECC_DATA_BITS}`,
      suggestion: 'use 64 for (72,64), 32 for (39,32) or 16 for (22,16)',
    });
  }
  if (isRecord(c.ecc) && typeof c.ecc.dataBits === 'number' && c.ecc.dataBits > MAX_ECC_DATA_BITS) {
    throw new UserError(`ECC data word of ${c.ecc.dataBits} bits is more than ${MAX_ECC_DATA_BITS}`, {
      file,
      jsonPath: `${at}/ecc/dataBits`,
      expected: `an integer from ${MIN_ECC_DATA_BITS} to ${MAX_ECC_DATA_BITS} (a sanity bound: published SECDED words have 16 to 256 data bits)`,
      suggestion: 'use 64 for (72,64), 128 for (137,128) or 256 for (266,256)',
    });
  }
}

/** Why a stream is missing from a choice, for the error message. */
function whyNotProduced(c: StorageChoice, s: StreamName): { reason: string; fix: string } {
  if (s === 'codebook') return { reason: 'is not produced unless clustered is true', fix: "set clustered to true, or remove 'codebook'" };
  if (s === 'sync') return { reason: 'is not produced without idxSync', fix: "add idxSync, or remove 'sync'" };
  if (s === 'check') return { reason: 'is not produced without ecc', fix: "add ecc, or remove 'check'" };
  const owner = s === 'groupSizes' ? "encoding 'bitmask' with bitmaskLayout 'nvdla'" : s === 'mask' ? "encoding 'bitmask'" : "encoding 'csr'";
  const layout = c.encoding === 'bitmask' ? ` (layout '${c.bitmaskLayout ?? DEFAULT_BITMASK_LAYOUT}')` : '';
  return { reason: `is not produced by encoding '${c.encoding}'${layout}`, fix: `remove '${s}', or use ${owner}` };
}

function checkStreams(c: StorageChoice, file: string, at: string): void {
  const produced = producedStreams(c);
  const fail = (s: StreamName, path: string, layer?: { name: string; produced: StreamName[] }): never => {
    const { reason, fix } = layer !== undefined && s === 'check' && produced.includes('check') ? { reason: `is not produced in layer '${layer.name}', whose eccStreams protect nothing`, fix: "protect a stream there, or remove 'check'" } : whyNotProduced(c, s);
    throw new UserError(`stream '${s}' ${reason}`, {
      file,
      jsonPath: path,
      expected: `one of the streams this ${layer === undefined ? 'choice' : 'layer'} produces: ${(layer?.produced ?? produced).join(', ')}`,
      suggestion: fix,
    });
  };
  for (const s of Object.keys(c.bitsPerCell) as StreamName[]) if (!produced.includes(s)) fail(s, `${at}/bitsPerCell/${s}`);
  c.ecc?.streams.forEach((s, i) => {
    if (!produced.includes(s)) fail(s, `${at}/ecc/streams/${i}`);
  });
  for (const [name, own] of Object.entries(c.layers ?? {})) {
    const path = `${at}/layers/${pointer(name)}`;
    if (own.eccStreams !== undefined && c.ecc === undefined) {
      throw new UserError(`layer '${name}' sets eccStreams, but the choice has no ecc`, {
        file,
        jsonPath: `${path}/eccStreams`,
        expected: 'ecc (its data word) on the choice when a layer names the streams it protects',
        suggestion: 'add e.g. "ecc": { "dataBits": 64, "streams": ["mask"] }, or remove eccStreams',
      });
    }
    const layerProduced = producedStreams(layerChoice(c, name));
    const layer = { name, produced: layerProduced };
    for (const s of Object.keys(own.bitsPerCell ?? {}) as StreamName[]) if (!layerProduced.includes(s)) fail(s, `${path}/bitsPerCell/${s}`, layer);
    own.eccStreams?.forEach((s, i) => {
      if (!produced.includes(s)) fail(s, `${path}/eccStreams/${i}`, layer);
    });
  }
  if (c.encoding === 'dense' && c.idxSync !== undefined) {
    throw new UserError("idxSync does nothing with encoding 'dense'", {
      file,
      jsonPath: `${at}/idxSync`,
      expected: "idxSync only with encoding 'bitmask' or 'csr', where a corrupted mask or index can misplace values",
      suggestion: 'remove idxSync, or choose a sparse encoding',
    });
  }
}

import { stat, saneArea_mm2, saneEnergy_pJ, nonNegInt, oneOf, posInt, type ComponentSpec } from '../../engine/spec.js';

/** The `weightPath` config section: the logic between the eNVM and CBUF. */
export interface WeightPathParams {
  decodeWeightsPerCycle: number;
  decodePipeline_cycles: number;
  decodeEnergy_pJ_per_weight: number;
  decodeArea_mm2: number;
  eccDecoders: number;
  eccLatency_cycles: number;
  eccEnergy_pJ_per_codeword: number;
  eccDecoderArea_mm2: number;
  idxSyncEnergy_pJ_per_syncWord: number;
  idxSyncArea_mm2: number;
  cbufFormat: CbufFormat;
}

const CBUF_FORMATS = ['dense', 'nvdla-compressed'] as const;
export type CbufFormat = (typeof CBUF_FORMATS)[number];

// Gate-count arithmetic shared by the area defaults below.
const GE_AREA =
  'one NAND2-equivalent ≈ 0.2 µm² at 22 nm (NanGate 45 nm open cell library NAND2_X1 0.798 µm² × (22/45)²)';
const GATE_ENERGY =
  'about 0.3 fJ per switched NAND2-equivalent at 45 nm (Horowitz, "Computing\'s energy problem", ISSCC 2014: 32-bit add 0.1 pJ over ~300 gate-equivalents), about half that at 22 nm';

const SOURCE = 'model: src/hw/weightpath/envm-weight-source.ts (per-unit energies of this section)';
const counter = stat('counter', SOURCE);
const figure = stat('figure', SOURCE);
const energyTerm = stat('energy', SOURCE);

export const weightPathSpec: ComponentSpec = {
  name: 'weightPath',
  description:
    'Weight path from the eNVM to CBUF: ECC decoders (SECDED) on protected streams, the IdxSync unit (counter + comparator) and the sparse decode unit, as a streaming pipeline on the NVDLA core clock (passed in by the system builder). Defaults are stated assumptions from gate counts; override with synthesis results.',
  params: [
    {
      key: 'decodeWeightsPerCycle',
      unit: 'weights/cycle',
      description: 'decoded weights the sparse decode unit writes towards CBUF per core cycle (at most 4096, a sanity bound no real design approaches)',
      default: 64,
      source: 'reference/nvdla-builds.csv: nv_full memory interface 512 bits = 64 int8 weights per cycle, the rate at which the CDMA fills CBUF with dense weights',
      schema: posInt({ maximum: 4096 }),
    },
    {
      key: 'decodePipeline_cycles',
      unit: 'cycles',
      description: 'pipeline latency of the sparse decode unit (at most 100,000, a sanity bound no real design approaches)',
      default: 3,
      source: 'assumption: three registered stages: prefix count of the mask bits (64-bit popcount tree), value select crossbar with codebook lookup, output register',
      schema: nonNegInt({ maximum: 100_000 }),
    },
    {
      key: 'decodeEnergy_pJ_per_weight',
      unit: 'pJ',
      description: 'energy per decoded weight (mask prefix count share, select, codebook lookup, register)',
      default: 0.03,
      source: `assumption: about two 8-bit-add equivalents per weight, 2 × 0.03 pJ at 45 nm (Horowitz, ISSCC 2014) halved for 22 nm; ${GATE_ENERGY}`,
      schema: saneEnergy_pJ(),
    },
    {
      key: 'decodeArea_mm2',
      unit: 'mm²',
      description: 'area of the sparse decode unit at decodeWeightsPerCycle',
      default: 0.02,
      source: `assumption: ~100k NAND2-equivalents for 64 lanes (a 64-to-64 byte crossbar ≈ 512 × 63 2:1 muxes ≈ 74k, codebook muxes ≈ 18k, popcount tree and registers ≈ 7k); ${GE_AREA}`,
      schema: saneArea_mm2(),
    },
    {
      key: 'eccDecoders',
      unit: 'count',
      description: 'parallel SECDED decoders, each one codeword per cycle (at most 1024, a sanity bound no real design approaches)',
      default: 8,
      source: 'assumption: eight (72,64) decoders cover 512 data bits per cycle, nv_full\'s memory interface width (reference/nvdla-builds.csv)',
      schema: posInt({ maximum: 1024 }),
    },
    {
      key: 'eccLatency_cycles',
      unit: 'cycles',
      description: 'SECDED decoder pipeline latency (at most 100,000, a sanity bound no real design approaches)',
      default: 2,
      source: 'assumption: syndrome (a 5-level XOR tree over ~27 bits for a Hsiao (72,64) code) in one cycle, syndrome decode and correcting XOR in a second, at 1 GHz',
      schema: nonNegInt({ maximum: 100_000 }),
    },
    {
      key: 'eccEnergy_pJ_per_codeword',
      unit: 'pJ',
      description: 'energy per decoded codeword',
      default: 0.2,
      source: `assumption: ~1000 NAND2-equivalents per (72,64) decoder (≈ 208 XOR2 for the syndrome, 72 8-input ANDs for its decode, 64 correcting XOR2), about half switching: ${GATE_ENERGY}; rounded up`,
      schema: saneEnergy_pJ(),
    },
    {
      key: 'eccDecoderArea_mm2',
      unit: 'mm²',
      description: 'area of one SECDED decoder',
      default: 0.0002,
      source: `assumption: ~1000 NAND2-equivalents per (72,64) decoder; ${GE_AREA}`,
      schema: saneArea_mm2(),
    },
    {
      key: 'idxSyncEnergy_pJ_per_syncWord',
      unit: 'pJ',
      description: 'energy per sync word: the comparison at the sync point plus the counter increments since the last one',
      default: 0.1,
      source: `assumption: a 16-bit counter incremented once per weight (≈ 2 bit toggles per increment) over a sync interval of order 100 weights plus one 16-bit compare ≈ 300 switched gate-equivalents; ${GATE_ENERGY}`,
      schema: saneEnergy_pJ(),
    },
    {
      key: 'idxSyncArea_mm2',
      unit: 'mm²',
      description: 'area of the IdxSync unit (counter + comparator)',
      default: 0.00003,
      source: `assumption: 16-bit counter ≈ 100 and 16-bit comparator ≈ 50 NAND2-equivalents; ${GE_AREA}`,
      schema: saneArea_mm2(),
    },
    {
      key: 'cbufFormat',
      unit: '-',
      description: 'what the decoder writes to CBUF: dense int8 weights, or NVDLA-compressed (non-zero values, WMB mask, WGS group sizes, each surface padded to 128 B)',
      default: 'dense',
      source: 'NVDLA hardware documentation (nvdla.org hw/format, weight compression); dense is the format every NVDLA build accepts',
      schema: oneOf(CBUF_FORMATS),
    },
  ],
  stats: [
    counter('fetches', 'count', 'fetchKernels calls'),
    counter('bytesFetched_B', 'B', 'encoded bytes read from the eNVM'),
    counter('weightsDecoded', 'count', 'weights through the sparse decode unit'),
    counter('codewordsDecoded', 'count', 'ECC codewords decoded'),
    counter('syncWords', 'count', 'IdxSync words processed'),
    counter('decodeEnergy_J', 'J', 'sparse decode energy'),
    counter('eccEnergy_J', 'J', 'ECC decode energy'),
    counter('idxSyncEnergy_J', 'J', 'IdxSync energy'),
    figure('area_mm2', 'mm²', 'area of the decode, ECC and IdxSync units in use'),
    energyTerm('decode', 'J', 'sparse decode energy'),
    energyTerm('ecc', 'J', 'ECC decode energy'),
    energyTerm('idxsync', 'J', 'IdxSync energy'),
  ],
};

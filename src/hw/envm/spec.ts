import { powerStateStats } from '../power-gate.js';
import { stat, saneArea_mm2, sanePower_mW, saneEnergy_pJ, sane, bool, nonNegNum, oneOf, posInt, posNum, type ComponentSpec, type JsonSchema } from '../../engine/spec.js';
import { UserError } from '../../errors.js';
import type { FigureOverridePoint } from '../memory-figures/figure-curves.js';
import { SENSING_MODES, type SensingMode } from './mlc-sensing.js';
import { powerDomainParams, type PowerDomainParams } from '../power-domain-params.js';
import { TECHNOLOGIES, type Technology } from '../memory-figures/reference-table.js';

/** The `envm` config section: the on-chip non-volatile weight store. */
export interface EnvmParams extends PowerDomainParams {
  technology: Technology;
  bitsPerCell: number;
  capacity_cells: number | 'stored';
  banks: number;
  accessWidth_cells: number;
  sensing: SensingMode;
  senseStep_ns: number;
  senseEnergy_fJ: number;
  overridesIncludeMlcSensing: boolean;
  peripheryFloor_fraction: number;
  gateBetweenLayers: boolean;
  overrides: FigureOverridePoint[];
}

const overridePointSchema: JsonSchema = {
  type: 'object',
  properties: {
    bitsPerCell: posInt({ maximum: 8, description: 'bits per cell of the simulated array' }),
    capacity_cells: posInt({ maximum: 1e12, description: 'capacity of the simulated array, cells (at most 1e12, a sanity bound no real design approaches)' }),
    readLatency_ns: posNum({ maximum: 1e6, description: 'read latency of one access, ns (at most 1 ms, a sanity bound no real design approaches)' }),
    readEnergy_pJ_per_access: saneEnergy_pJ(true),
    leakage_mW: sanePower_mW(true),
    area_mm2: saneArea_mm2(true),
  },
  required: ['bitsPerCell', 'capacity_cells'],
  additionalProperties: false,
};

const ENVM_DOMAIN_KINDS = ['always-on', 'power-gated', 'supply-off'] as const;
const counter = stat('counter', 'model: src/hw/envm/envm-array.ts (figures from reference/envm-arrays.csv)');
const figure = stat('figure', 'model: src/hw/envm/envm-array.ts (figures from reference/envm-arrays.csv)');
const energyTerm = stat('energy', 'model: src/hw/weightpath/envm-weight-source.ts (the array\'s terms, reported with the weight path\'s)');

export const envmSpec: ComponentSpec = {
  name: 'envm',
  description:
    'On-chip eNVM weight store: one sub-array per bits-per-cell level in use, each of `banks` word-interleaved banks. Figures by technology, bits per cell and capacity from reference/envm-arrays.csv (straight lines between points; below the smallest a periphery + cells model with a periphery floor; beyond the largest whole tiles of it plus a remainder tile: src/hw/envm/README.md), MLC sensing added only to figures that lack it, a power domain between uses (power-gated by default).',
  params: [
    {
      key: 'technology',
      unit: '-',
      description: 'cell technology (CTT figures are a rough indication: that NVSim fork counts no CTT bitline or cell read energy)',
      default: 'RRAM',
      source: 'MaxNVM evaluates MLC RRAM and CTT (reference/README.md); RRAM has the complete 1/2/3-bit NVSim-fork series in reference/envm-arrays.csv',
      schema: oneOf(TECHNOLOGIES),
    },
    {
      key: 'bitsPerCell',
      unit: 'bits/cell',
      description: 'bits per cell for streams the storage choice does not place, and for generic transfer() reads',
      default: 1,
      source: 'assumption: single-level cells unless the storage choice says otherwise (reference/envm-arrays.csv has 1, 2 and 3 for RRAM and CTT)',
      schema: posInt({ maximum: 8 }),
    },
    {
      key: 'capacity_cells',
      unit: 'cells',
      description: 'provisioned cells (spare cells beyond what is stored are provisioned at `bitsPerCell`; at most 1e12, a sanity bound no real design approaches), or "stored" to size each sub-array to the cells stored in it',
      default: 'stored',
      source: 'assumption: an eNVM sized to its weights, as MaxNVM sizes its arrays',
      schema: { oneOf: [posInt({ maximum: 1e12 }), { const: 'stored' }] },
    },
    {
      key: 'banks',
      unit: 'count',
      description: 'banks per sub-array; word w is in bank w mod banks; a bank serves one access per read latency (at most 4096, a sanity bound no real design approaches)',
      default: 8,
      source: 'assumption: the fewest (power of two) banks of 1024 KiB-cell SLC RRAM arrays (64 bits / 0.7749 ns = 10.3 GB/s each, reference/envm-arrays.csv) that cover nv_full\'s 512-bit memory interface at 1 GHz (64 GB/s, reference/nvdla-builds.csv)',
      schema: posInt({ maximum: 4096 }),
    },
    {
      key: 'accessWidth_cells',
      unit: 'cells',
      description: 'cells read per access (data bits per access = cells × bits per cell); energy per access scales with it, latency, leakage and area do not (at most 4096, a sanity bound no real design approaches)',
      default: 64,
      source: 'reference/envm-arrays.csv: 64 cells per access in every row',
      schema: posInt({ maximum: 4096 }),
    },
    {
      key: 'sensing',
      unit: '-',
      description: 'MLC sensing added to figures that do not include it (NVMExplorer rows, overrides with overridesIncludeMlcSensing false): "parallel" (levels − 1 comparators at once: + energy) or "sequential" (one step per bit: + latency). The NVSim-fork rows of RRAM and CTT at 1/2/3 bits per cell already include MLC sensing and get nothing added',
      default: 'parallel',
      source: 'reference/README.md (MLC sensing in lpentecost/nvsim-merged SenseAmp.cpp: one fixed 0.1 ns / 8 fJ sensing in current-sense mode, area of levels − 1 comparators, as parallel sensing needs)',
      schema: oneOf(SENSING_MODES),
    },
    {
      key: 'senseStep_ns',
      unit: 'ns',
      description: 'latency of one sensing step (sequential mode adds bits − 1 of them to figures without MLC sensing; at most 1000 ns, a sanity bound no real design approaches)',
      default: 0.1,
      source: 'reference/README.md: current-sense amplifier below 22 nm in lpentecost/nvsim-merged is 0.1 ns',
      schema: nonNegNum({ maximum: 1000 }),
    },
    {
      key: 'senseEnergy_fJ',
      unit: 'fJ',
      description: 'energy of one comparison of one column (added, per the sensing mode, to figures without MLC sensing)',
      default: 8,
      source: 'reference/README.md: current-sense amplifier below 22 nm in lpentecost/nvsim-merged is 8 fJ per column',
      schema: sane(1e6, 'a sense amplifier comparison costs femtojoules; 1 nJ per column none approaches'),
    },
    {
      key: 'overridesIncludeMlcSensing',
      unit: '-',
      description: 'whether override figures already include MLC sensing (then no sensing adder, as for the NVSim-fork reference rows); false adds the `sensing` scheme to them',
      default: true,
      source: 'assumption: overrides come from the same MLC-aware NVSim fork as the reference rows (reference/README.md)',
      schema: bool(),
    },
    {
      key: 'peripheryFloor_fraction',
      unit: '-',
      description: 'below the smallest characterized array, a bank costs periphery + cells (fitted to the two smallest points); its periphery (leakage and area at zero cells) is at least this fraction of the smallest point\'s figure',
      default: 0.125,
      source: 'assumption: the NVSim-fork rows scale in proportion from 128 to 256 KiB of cells (reference/envm-arrays.csv: replicated mats, fitted periphery about 0), so the data shows no fixed periphery; a macro keeps at least one mat\'s decoders, drivers and sense amplifiers, taken as 1/8 of the smallest array, as if the 128 KiB one were 8 mats of 16 KiB of cells (512 × 256 cells each)',
      schema: nonNegNum({ maximum: 1 }),
    },
    ...powerDomainParams({
      kinds: ENVM_DOMAIN_KINDS,
      default: 'power-gated',
      defaultSource: 'assumption: the eNVM macro sits behind on-chip power switches between uses like any gated block (docs/architecture.md §6: gating between uses is the point of non-volatility); its cells keep the weights unpowered, so "supply-off" (0 W, a rail of its own) loses nothing either',
      contents: 'kept (non-volatile)',
    }),
    {
      key: 'gateBetweenLayers',
      unit: '-',
      description: 'also gate the array during layers that read no weights (pooling, element-wise adds not fused into a convolution); the next weight read wakes it',
      default: false,
      source: 'docs/architecture.md §8 (optional gating between layers); off by default, an assumption: each gated stretch costs a wake-up, and under the released software the layers without weights (standalone adds, pooling) are short',
      schema: bool(),
    },
    {
      key: 'importFigures',
      unit: '-',
      description:
        'array figures to read from files, relative to the config file: [{"nvsim": "results.txt"}, {"nvmexplorer": "results.csv", "rows": [3]}]. They set technology, accessWidth_cells and one override point per array (keys written in this section win; overrides add up). `maxnvm import nvsim|nvmexplorer` writes the same figures as a fragment',
      source: 'NVSim result output (SEAL-UCSB/NVSim Result.cpp, lpentecost/nvsim-merged); NVMExplorer result CSV (lpentecost/NVMExplorer)',
      optional: true,
      schema: {
        type: 'array',
        minItems: 1,
        items: {
          oneOf: [
            { type: 'object', properties: { nvsim: { type: 'string', minLength: 1 } }, required: ['nvsim'], additionalProperties: false },
            {
              type: 'object',
              properties: { nvmexplorer: { type: 'string', minLength: 1 }, rows: { type: 'array', items: { type: 'integer', minimum: 1 }, minItems: 1, uniqueItems: true } },
              required: ['nvmexplorer'],
              additionalProperties: false,
            },
          ],
        },
      },
    },
    {
      key: 'overrides',
      unit: '-',
      description: 'array figures from your own NVSim runs: points {bitsPerCell, capacity_cells, readLatency_ns?, readEnergy_pJ_per_access?, leakage_mW?, area_mm2?} (one array of 64-cell accesses); a figure given at a bits per cell replaces the reference curve of that figure',
      default: [],
      source: 'none needed: empty means the reference table',
      schema: { type: 'array', items: overridePointSchema },
    },
  ],
  stats: [
    counter('accesses', 'count', 'array accesses (one word of accessWidth_cells cells each)'),
    counter('bytesRead_B', 'B', 'bytes read (encoded form)'),
    counter('bankStall_ns', 'ns', 'time requests waited for busy banks, summed over the banks they used'),
    counter('wakeUps', 'count', 'wake-ups from the idle state (gated or off)'),
    counter('readEnergy_J', 'J', 'read energy'),
    counter('leakageEnergy_J', 'J', 'leakage energy, on and idle'),
    counter('wakeUpEnergy_J', 'J', 'wake-up energy'),
    counter('onTime_s', 's', 'time powered on'),
    counter('gatedTime_s', 's', 'time in the idle state (power-gated or supply-off)'),
    figure('leakage_mW', 'mW', 'leakage power while on, all sub-arrays'),
    figure('area_mm2', 'mm²', 'area of all sub-arrays'),
    figure('peakBandwidth_GBps', 'GB/s', 'peak read bandwidth at the default bits per cell'),
    energyTerm('read', 'J', 'array read energy (per access, at the bits per cell read)'),
    energyTerm('leakage', 'J', 'leakage while on and in the idle state'),
    energyTerm('wakeup', 'J', 'energy of wake-ups from the idle state'),
    ...powerStateStats(ENVM_DOMAIN_KINDS, 'eNVM'),
  ],
};

/** Checks the schema cannot express. */
export function checkEnvmParams(p: EnvmParams, section = '/envm', file?: string): void {
  if (p.technology === 'SRAM' && p.powerDomain !== 'always-on') {
    throw new UserError(`SRAM as a weight store is volatile: a ${p.powerDomain} domain would lose the weights`, {
      file,
      jsonPath: `${section}/powerDomain`,
      expected: 'powerDomain "always-on" when technology is SRAM',
      suggestion: 'set "powerDomain": "always-on", or choose a non-volatile technology (RRAM, CTT, STT, PCM)',
    });
  }
}

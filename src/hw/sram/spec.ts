import { powerStateStats } from '../power-gate.js';
import { stat, saneArea_mm2, sanePower_mW, saneEnergy_pJ, posInt, posNum, type ComponentSpec } from '../../engine/spec.js';
import { powerDomainParams, type PowerDomainParams } from '../power-domain-params.js';

/** Figures of the whole buffer that a user may set from their own model (all optional). */
interface SramOverrides {
  readLatency_ns?: number;
  writeLatency_ns?: number;
  readEnergy_pJ_per_access?: number;
  writeEnergy_pJ_per_access?: number;
  leakage_mW?: number;
  area_mm2?: number;
}

/** The `sram` config section: on-chip SRAM for activations when there is no DRAM. */
export interface SramParams extends PowerDomainParams {
  capacity_B: number;
  banks: number;
  accessWidth_bits: number;
  overrides: SramOverrides;
}

/** NVMExplorer's 2 MB SRAM at ReadEDP: the same configuration as the SRAM row of reference/envm-arrays.csv. */
const SRAM_WRITE_SOURCE =
  'lpentecost/NVMExplorer AE_dnn_output/SRAM_1BPC-combined.csv, 2 MB, 22 nm, 64-bit word, ReadEDP (the configuration of the SRAM row of reference/envm-arrays.csv): write latency 4.679 ns, write energy 17.016 pJ';

const SRAM_DOMAIN_KINDS = ['always-on', 'power-gated', 'retention', 'supply-off'] as const;
const SOURCE = 'model: src/hw/sram/sram-buffer.ts (figures from src/hw/memory-figures/)';
const counter = stat('counter', SOURCE);
const figure = stat('figure', SOURCE);
const energyTerm = stat('energy', SOURCE);

export const sramSpec: ComponentSpec = {
  name: 'sram',
  description:
    'On-chip SRAM for activations when no DRAM is present: word-interleaved banks, read and write energy per access, leakage, area, a power domain between uses (power-gated by default; retention or supply-off by choice). Figures from the 2 MB SRAM of reference/envm-arrays.csv; per-access figures held and leakage and area scaled linearly with capacity, no periphery floor (one point, nothing to fit: src/hw/sram/sram-figures.ts, src/hw/envm/README.md).',
  params: [
    {
      key: 'capacity_B',
      unit: 'B',
      description: 'capacity in bytes (at most 16 GiB, a sanity bound no real design approaches)',
      default: 2 * 1024 * 1024,
      source: 'reference/envm-arrays.csv: the characterized SRAM is 2048 KiB; it holds ResNet-50\'s largest int8 live set (e.g. a 56×56×256 block input kept for the shortcut, 802,816 B, plus the block\'s output)',
      schema: posInt({ maximum: 2 ** 34 }),
    },
    {
      key: 'banks',
      unit: 'count',
      description: 'word-interleaved banks; a bank serves one access per read (or write) latency (at most 4096, a sanity bound no real design approaches)',
      default: 64,
      source: 'assumption: the fewest (power of two) banks of 64-bit words at 4.684 ns (reference/envm-arrays.csv) that cover nv_full\'s 512-bit memory interface at 1 GHz (64 GB/s, reference/nvdla-builds.csv): 64 × 8 B / 4.684 ns = 109 GB/s; below 2 MB per bank the model charges no periphery for extra banks (optimistic)',
      schema: posInt({ maximum: 4096 }),
    },
    {
      key: 'accessWidth_bits',
      unit: 'bits',
      description: 'bits per access; energy per access scales with it (src/hw/memory-figures/access-width.ts; at most 4096, a sanity bound no real design approaches)',
      default: 64,
      source: 'reference/envm-arrays.csv: 64-bit word',
      schema: posInt({ maximum: 4096 }),
    },
    ...powerDomainParams({
      kinds: SRAM_DOMAIN_KINDS,
      default: 'power-gated',
      defaultSource: 'assumption: activations are recomputed every frame, so nothing needs to survive between frames and the buffer sits behind on-chip power switches (choose "retention" to keep its contents)',
      contents: 'lost',
    }),
    {
      key: 'overrides',
      unit: '-',
      description: 'figures of the whole buffer from your own model: readLatency_ns, writeLatency_ns (each at most 1 ms, a sanity bound no real design approaches), readEnergy_pJ_per_access, writeEnergy_pJ_per_access (per access of accessWidth_bits), leakage_mW, area_mm2 (totals)',
      default: {},
      source: 'none needed: empty means derived from reference/envm-arrays.csv and ' + SRAM_WRITE_SOURCE,
      schema: {
        type: 'object',
        properties: {
          readLatency_ns: posNum({ maximum: 1e6 }),
          writeLatency_ns: posNum({ maximum: 1e6 }),
          readEnergy_pJ_per_access: saneEnergy_pJ(true),
          writeEnergy_pJ_per_access: saneEnergy_pJ(true),
          leakage_mW: sanePower_mW(),
          area_mm2: saneArea_mm2(),
        },
        additionalProperties: false,
      },
    },
  ],
  stats: [
    counter('reads', 'count', 'read accesses'),
    counter('writes', 'count', 'write accesses'),
    counter('bytesRead_B', 'B', 'bytes read'),
    counter('bytesWritten_B', 'B', 'bytes written'),
    counter('bankStall_ns', 'ns', 'time requests waited for busy banks, summed over the banks they used'),
    counter('readEnergy_J', 'J', 'read energy'),
    counter('writeEnergy_J', 'J', 'write energy'),
    counter('leakageEnergy_J', 'J', 'leakage energy (on, and in the idle state)'),
    counter('wakeUpEnergy_J', 'J', 'wake-up energy'),
    counter('wakeUps', 'count', 'wake-ups from the idle state'),
    counter('onTime_s', 's', 'time powered on'),
    counter('gatedTime_s', 's', 'time in the idle state (power-gated, retention or supply-off)'),
    figure('leakage_mW', 'mW', 'leakage power when on'),
    figure('area_mm2', 'mm²', 'area'),
    figure('peakBandwidth_GBps', 'GB/s', 'peak read bandwidth'),
    energyTerm('read', 'J', 'read energy'),
    energyTerm('write', 'J', 'write energy'),
    energyTerm('leakage', 'J', 'leakage while on and in the idle state'),
    energyTerm('wakeup', 'J', 'energy of wake-ups from the idle state'),
    ...powerStateStats(SRAM_DOMAIN_KINDS, 'SRAM'),
  ],
};

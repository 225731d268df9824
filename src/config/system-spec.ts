import { type ComponentSpec, oneOf, posNum } from '../engine/spec.js';

/**
 * System-level choices that belong to no single component: where weights and
 * activations live, and the accelerator's share of memory bandwidth.
 */
export const placementSpec: ComponentSpec = {
  name: 'placement',
  description: 'Where the weights and the activations are stored.',
  params: [
    {
      key: 'weights',
      unit: '-',
      description: 'Weight store: LPDDR4 DRAM (NVDLA baseline) or on-chip eNVM behind the weight path (MaxNVM)',
      source: 'DESIGN.md §1, §6: NVDLA keeps weights in DRAM; MaxNVM keeps them in eNVM',
      schema: oneOf(['dram', 'envm']),
    },
    {
      key: 'activations',
      unit: '-',
      description: 'Activation store: LPDDR4 DRAM or on-chip SRAM',
      source: 'DESIGN.md §6: on-chip SRAM for activations when no DRAM is present',
      schema: oneOf(['dram', 'sram']),
    },
  ],
  stats: [],
};

export const memoryPortSpec: ComponentSpec = {
  name: 'memoryPort',
  description:
    "The accelerator's port to off-chip memory: the share of SoC bandwidth the accelerator gets, separate from the DRAM's own limits.",
  params: [
    {
      key: 'peakBandwidth_GBps',
      unit: 'GB/s',
      description: 'Peak bandwidth of the accelerator memory port (1 GB/s = 1e9 B/s)',
      default: 20,
      source:
        'reference/nvdla-area-power.csv (NVDLA primer): 20 GB/s for the 2048-MAC, 512 KiB point; 1 GB/s for 64 MACs, 128 KiB',
      schema: posNum(),
    },
  ],
  stats: [{ key: 'portBusy_s', unit: 's', description: 'Time the port spent transferring' }],
};

export interface Placement {
  weights: 'dram' | 'envm';
  activations: 'dram' | 'sram';
}
export interface MemoryPortParams {
  peakBandwidth_GBps: number;
}

import { type ComponentSpec, nonNegNum, num, oneOf } from '../engine/spec.js';

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

/**
 * The lowest bandwidth accepted, 1 MB/s: ResNet-50's 25.5 MB of int8 weights
 * then take 26 s per inference. Far lower (1e-12 GB/s) would push event times
 * past 2^53 ps, where integer-picosecond time stops being exact.
 */
const MIN_BANDWIDTH_GBPS = 0.001;

export const memoryPortSpec: ComponentSpec = {
  name: 'memoryPort',
  description:
    "The accelerator's port to off-chip memory: the share of SoC bandwidth the accelerator gets, separate from the DRAM's own limits.",
  params: [
    {
      key: 'peakBandwidth_GBps',
      unit: 'GB/s',
      description:
        'Peak bandwidth of the accelerator memory port (1 GB/s = 1e9 B/s); at least 0.001 GB/s (1 MB/s, at which ResNet-50\'s 25.5 MB of weights take 26 s), a sanity bound that keeps event times far below the simulator\'s limit of 2^53 ps (about 9007 s)',
      default: 20,
      source:
        'reference/nvdla-area-power.csv (NVDLA primer): 20 GB/s for the 2048-MAC, 512 KiB point; 1 GB/s for 64 MACs, 128 KiB',
      schema: num({ minimum: MIN_BANDWIDTH_GBPS }),
    },
    {
      key: 'latency_ns',
      unit: 'ns',
      description:
        'fabric latency of the port: interconnect and memory-controller pipeline between the accelerator and the DRAM, added to every transfer\'s completion (it delays data, it does not take bandwidth; at most 1 ms, a sanity bound)',
      default: 50,
      source:
        'assumption: an AXI interconnect and an LPDDR4 controller pipeline add some 30–100 ns beyond the device\'s own tRCD + RL (load-to-use DRAM latencies of mobile SoCs are about 100–150 ns, of which the LPDDR4-3200 device accounts for about 40 ns); 50 ns is within that range; override from your SoC',
      schema: nonNegNum({ maximum: 1e6 }),
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
  latency_ns: number;
}

/**
 * The non-volatile store (flash) from which weights are reloaded into LPDDR4
 * after the `off` idle policy removed its supplies and its contents.
 */
export const backingStoreSpec: ComponentSpec = {
  name: 'backingStore',
  description:
    'Flash storage the weights are reloaded from into LPDDR4 after an "off" idle period (contents lost); used only when weights live in DRAM.',
  params: [
    {
      key: 'readBandwidth_GBps',
      unit: 'GB/s',
      description: 'sustained sequential read bandwidth of the backing store; at least 0.001 GB/s (1 MB/s, at which reloading ResNet-50\'s 25.5 MB of weights takes 26 s), a sanity bound that keeps event times far below the simulator\'s limit of 2^53 ps (about 9007 s)',
      default: 1,
      source:
        'assumption: a mobile UFS 2.x device (two lanes of HS-Gear 3, 2 × 5.8 Gb/s raw ≈ 1.2 GB/s after 8b/10b coding, JEDEC JESD220C); override for eMMC (~0.3 GB/s) or UFS 3.x (~2 GB/s)',
      schema: num({ minimum: MIN_BANDWIDTH_GBPS }),
    },
    {
      key: 'readEnergy_pJ_per_B',
      unit: 'pJ/B',
      description: 'energy per byte read from the backing store, device and link',
      default: 500,
      source:
        'assumption: a UFS device reading ~1 GB/s draws ~0.3–0.7 W of active power (vendor datasheets quote hundreds of mW), i.e. ~0.5 nJ per byte; the result of the "off" policy is sensitive to it, so override with a measured figure',
      schema: nonNegNum(),
    },
  ],
  stats: [
    { key: 'reloads', unit: 'count', description: 'weight reloads after an off period' },
    { key: 'reloaded_B', unit: 'B', description: 'bytes reloaded' },
  ],
};

export interface BackingStoreParams {
  readBandwidth_GBps: number;
  readEnergy_pJ_per_B: number;
}

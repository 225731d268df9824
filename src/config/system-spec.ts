import { saneEnergy_pJ, type ComponentSpec, nonNegNum, num, oneOf } from '../engine/spec.js';
import { FLASH_PART_NAMES, FLASH_PARTS, type FlashPart } from './flash-parts.js';

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
      source: 'docs/architecture.md §1: NVDLA keeps weights in DRAM; MaxNVM keeps them in eNVM',
      schema: oneOf(['dram', 'envm']),
    },
    {
      key: 'activations',
      unit: '-',
      description: 'Activation store: LPDDR4 DRAM or on-chip SRAM',
      source: 'docs/architecture.md §6: on-chip SRAM for activations when no DRAM is present',
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
 * after the `off` idle policy removed its supplies and its contents. Model of a
 * reload: the part streams the weights at its read bandwidth and energy per
 * byte; the host pays its side of the transfer (link receiver, host controller,
 * DMA over the SoC interconnect) per byte; the DRAM pays its writes (the DRAM
 * model). Time: the slower of the flash stream and the DRAM writes.
 */
export const backingStoreSpec: ComponentSpec = {
  name: 'backingStore',
  description:
    'Flash storage the weights are reloaded from into LPDDR4 after an "off" idle period (contents lost); used only when weights live in DRAM. A part from reference/flash-parts.csv by name, its figures overridable.',
  params: [
    {
      key: 'part',
      unit: '-',
      description: `flash part whose read bandwidth and energy per byte apply (reference/flash-parts.csv): ${FLASH_PART_NAMES.join(', ')}`,
      default: 'ufs-3.1',
      source: 'assumption: a mobile SoC of the NVDLA class boots and loads models from UFS; UFS 3.1 is the mid-range part (reference/flash-parts.csv: Samsung figures, 2.1 GB/s, 0.29 nJ/B)',
      schema: oneOf(FLASH_PART_NAMES),
    },
    {
      key: 'readBandwidth_GBps',
      unit: 'GB/s',
      description: 'sustained sequential read bandwidth, replacing the part\'s; at least 0.001 GB/s (1 MB/s, at which reloading ResNet-50\'s 25.5 MB of weights takes 26 s), a sanity bound that keeps event times far below the simulator\'s limit of 2^53 ps (about 9007 s)',
      source: 'none needed: absent means the part\'s (reference/flash-parts.csv)',
      schema: num({ minimum: MIN_BANDWIDTH_GBPS }),
      optional: true,
    },
    {
      key: 'readEnergy_pJ_per_B',
      unit: 'pJ/B',
      description: 'energy per byte read from the flash device (its array, controller and link side), replacing the part\'s',
      source: 'none needed: absent means the part\'s (reference/flash-parts.csv)',
      schema: saneEnergy_pJ(),
      optional: true,
    },
    {
      key: 'hostTransferEnergy_pJ_per_B',
      unit: 'pJ/B',
      description: 'energy per byte on the host side of a reload: link receiver, host controller and DMA over the SoC interconnect to the DRAM controller (the DRAM\'s own write and I/O energy is the DRAM model\'s)',
      default: 20,
      source: 'assumption: a serial-link receiver at 1–2 pJ/bit (published multi-Gb/s SerDes receivers) is 8–16 pJ/B, plus a few pJ/B for the controller and a few mm of on-chip interconnect (of order 0.1–0.5 pJ/bit); small next to the flash device\'s 200–1450 pJ/B',
      schema: saneEnergy_pJ(),
    },
  ],
  stats: [
    { key: 'reloads', unit: 'count', description: 'weight reloads after an off period' },
    { key: 'reloaded_B', unit: 'B', description: 'bytes reloaded' },
  ],
};

/** The `backingStore` section as written: the part and any figures that replace its own. */
export interface BackingStoreSection {
  part: FlashPart;
  readBandwidth_GBps?: number;
  readEnergy_pJ_per_B?: number;
  hostTransferEnergy_pJ_per_B: number;
}

/** Every figure of a reload, the part's where the config gives none. */
export interface BackingStoreParams {
  part: FlashPart;
  readBandwidth_GBps: number;
  readEnergy_pJ_per_B: number;
  hostTransferEnergy_pJ_per_B: number;
}

export function resolveBackingStore(s: BackingStoreSection): BackingStoreParams {
  const part = FLASH_PARTS[s.part];
  return {
    part: s.part,
    readBandwidth_GBps: s.readBandwidth_GBps ?? part.readBandwidth_GBps,
    readEnergy_pJ_per_B: s.readEnergy_pJ_per_B ?? part.readEnergy_pJ_per_B,
    hostTransferEnergy_pJ_per_B: s.hostTransferEnergy_pJ_per_B,
  };
}

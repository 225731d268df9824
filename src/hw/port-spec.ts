import { stat, nonNegNum, num, type ComponentSpec } from '../engine/spec.js';

/**
 * The lowest bandwidth accepted, 1 MB/s: ResNet-50's 25.5 MB of int8 weights
 * then take 26 s per inference. Far lower (1e-12 GB/s) would push event times
 * past 2^53 ps, where integer-picosecond time stops being exact.
 */
export const MIN_BANDWIDTH_GBPS = 0.001;

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
  stats: [stat('counter', 'model: src/hw/port.ts (bytes / peakBandwidth_GBps per transfer)')('portBusy_s', 's', 'time the port spent transferring (the sum of each transfer\'s bytes at the port\'s bandwidth)')],
};

export interface MemoryPortParams {
  peakBandwidth_GBps: number;
  latency_ns: number;
}

import { describe, expect, test } from 'vitest';
import { cbufBytes, macsPerCycle } from '../../../src/hw/nvdla/params.js';
import { PRIMER_BUILDS, primerConfig } from '../../../src/validation/primer-configs.js';

describe("the primer's seven points as NVDLA configs", () => {
  test.each(PRIMER_BUILDS.map((b) => [b.point.macs, b] as const))('%i MACs: validates with the primer\'s MACs, CBUF and bandwidth', (_, b) => {
    const c = primerConfig(b);
    expect(macsPerCycle(c.nvdla)).toBe(b.point.macs);
    expect(cbufBytes(c.nvdla)).toBe(b.point.cbuf_KiB * 1024);
    expect(c.memoryPort?.peakBandwidth_GBps).toBe(b.point.bandwidth_GBps);
    expect(c.nvdla.clock_GHz).toBe(1);
  });

  test('Winograd only on the nv_full split under hardware-limit, nowhere under nvdla-sw', () => {
    const used = (p: 'nvdla-sw' | 'hardware-limit'): number[] =>
      PRIMER_BUILDS.filter((b) => primerConfig(b, p).nvdla.winograd).map((b) => b.point.macs);
    expect(used('hardware-limit')).toEqual([2048]);
    expect(used('nvdla-sw')).toEqual([]);
  });
});

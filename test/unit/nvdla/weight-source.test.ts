import { describe, expect, it } from 'vitest';
import { MemoryWeightSource } from '../../../src/hw/nvdla/weight-source.js';
import { conv, RecordingMemory } from './helpers.js';

describe('MemoryWeightSource', () => {
  const a = conv({ name: 'a', H: 4, W: 4, C: 16, K: 8, R: 3, pad: 1 }); // 8·16·9 = 1152 weights
  const b = conv({ name: 'b', H: 4, W: 4, C: 8, K: 4 }); // 32 weights
  const pool = { ...conv({ name: 'p', H: 4, W: 4, C: 4, K: 4 }), op: 'pool' as const, weights: undefined };

  it('reads dense int8 kernels from consecutive addresses through the memory', () => {
    const mem = new RecordingMemory('dram', 1, 0); // 1 byte per ns
    const src = new MemoryWeightSource(mem, [a, pool, b], 1000);
    // Kernels 2..5 of layer a: 4·144 = 576 B at 1000 + 2·144.
    expect(src.fetchKernels(0, 2, 6, 0)).toBe(576_000);
    // Layer b starts after all 1152 B of layer a (the pool has no weights).
    src.fetchKernels(2, 0, 4, 576_000);
    expect(mem.log.map((t) => [t.address, t.bytes, t.traffic])).toEqual([
      [1288, 576, 'weights'],
      [2152, 32, 'weights'],
    ]);
    expect(src.bytesFetched).toBe(608);
    expect(src.cbufBytes(0, 0, 8)).toBe(1152);
    expect(src.storedBytes()).toBe(1184);
    expect(src.area_mm2()).toBe(0);
    expect(src.energy_J()).toEqual({});
  });

  it('takes the bytes of a kernel range from an injected function (e.g. compression)', () => {
    const mem = new RecordingMemory('dram', 1, 0);
    // Half the bytes stored, a quarter more held in CBUF (an arbitrary stand-in for a codec).
    const src = new MemoryWeightSource(mem, [a], 0, (_l, k0, k1) => ({ stored_B: (k1 - k0) * 72, cbuf_B: (k1 - k0) * 90 }));
    src.fetchKernels(0, 4, 8, 0);
    expect(mem.log[0]).toMatchObject({ address: 288, bytes: 288 });
    expect(src.cbufBytes(0, 0, 8)).toBe(720);
  });
});

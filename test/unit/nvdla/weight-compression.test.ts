import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/event-queue.js';
import { NvdlaCore } from '../../../src/hw/nvdla/core.js';
import type { LayerResult } from '../../../src/hw/nvdla/layer-result.js';
import { compressLayer, perLayerCompressedBytes, type CompressedBytesFn } from '../../../src/hw/nvdla/weight-compression.js';
import { cbufHoldsCompressed, MemoryWeightSource, type KernelBytesFn } from '../../../src/hw/nvdla/weight-source.js';
import { FixedMemory } from '../../../src/hw/port.js';
import { nvdlaCompressedBytes } from '../../../src/storage/nvdla-compressed.js';
import type { Layer } from '../../../src/workload/layer.js';
import { conv, idealParams, idealMemory, pooling, runLayer } from './helpers.js';

/** 1×1 conv, 64 → 64 channels: 4096 weights, 4096 B dense int8, two kernel groups of 32. */
const withDensity = (name: string, density: number): Layer => ({
  ...conv({ name, H: 4, W: 4, C: 64, K: 64 }),
  weights: { density, valueBits: 8 },
});

const nvdla: CompressedBytesFn = (l, k0, k1, atomicK) => nvdlaCompressedBytes(l, k0, k1, atomicK);

describe('compressLayer: the per-layer choice', () => {
  const l = withDensity('l', 1);
  /** A stand-in format whose whole-layer size is `stored_B`. */
  const sized = (stored_B: number): CompressedBytesFn => (_l, k0, k1) => ({ stored_B: (stored_B * (k1 - k0)) / 64, cbuf_B: 0 });

  it('compresses only when strictly smaller than dense (boundary 4095 / 4096 / 4097 B against 4096 B dense)', () => {
    expect(compressLayer(l, 32, sized(4095))).toBe(true);
    expect(compressLayer(l, 32, sized(4096))).toBe(false); // equal: the mask bank would be spent for nothing
    expect(compressLayer(l, 32, sized(4097))).toBe(false);
  });

  it('with the NVDLA format: values, mask and group sizes each padded to 128 B', () => {
    // Mask 4096 bits = 512 B; WGS 2 groups × 4 B → 128 B; values: non-zeros padded to 128 B.
    // 3328 non-zeros (density 0.8125): 3328 + 512 + 128 = 3968 B < 4096 → compressed.
    const sparse = withDensity('sparse', 3328 / 4096);
    expect(nvdlaCompressedBytes(sparse, 0, 64, 32).stored_B).toBe(3968);
    expect(compressLayer(sparse, 32, nvdla)).toBe(true);
    // 3329 non-zeros: values pad to 3456 → 3456 + 512 + 128 = 4096 B, equal to dense → dense.
    const equal = withDensity('equal', 3329 / 4096);
    expect(nvdlaCompressedBytes(equal, 0, 64, 32).stored_B).toBe(4096);
    expect(compressLayer(equal, 32, nvdla)).toBe(false);
    // Dense weights: 4096 + 512 + 128 = 4736 B, the mask and group sizes only add bytes.
    expect(nvdlaCompressedBytes(l, 0, 64, 32).stored_B).toBe(4736);
    expect(compressLayer(l, 32, nvdla)).toBe(false);
  });

  it('a layer without weights is never compressed', () => {
    expect(compressLayer(pooling('p', l, 2, 2), 32, sized(0))).toBe(false);
  });
});

describe('perLayerCompressedBytes and the CBUF weight-mask bank', () => {
  const dense = withDensity('dense', 1);
  const sparse = withDensity('sparse', 3328 / 4096);
  const layers = [dense, pooling('p', dense, 2, 2), sparse];
  const bytesOf = perLayerCompressedBytes(layers, 32, nvdla);

  it('sizes each layer in its own format: dense int8, or compressed', () => {
    expect(bytesOf(0, 0, 32)).toEqual({ stored_B: 2048, cbuf_B: 2048 });
    expect(bytesOf(2, 32, 64)).toEqual(nvdlaCompressedBytes(sparse, 32, 64, 32));
    // In memory: 4096 B dense, then 3968 B compressed (not 4736 + 3968 when every layer is compressed).
    expect(new MemoryWeightSource(idealMemory(), layers, 0, bytesOf).storedBytes()).toBe(4096 + 3968);
  });

  it('CBUF holds a layer compressed only when the core compresses and the source delivers it so', () => {
    const src = new MemoryWeightSource(idealMemory(), layers, 0, bytesOf);
    const full = idealParams('nv_full');
    expect([0, 2].map((i) => cbufHoldsCompressed(full, src, layers[i]!, i))).toEqual([false, true]);
    const off = idealParams('nv_full', { weightCompression: false });
    expect([0, 2].map((i) => cbufHoldsCompressed(off, src, layers[i]!, i))).toEqual([false, false]);
    // A source that says what it delivers is taken at its word (dense sizes, compressed format).
    const saying = Object.assign(new MemoryWeightSource(idealMemory(), layers), { isCompressed: () => true });
    expect(cbufHoldsCompressed(full, saying, dense, 0)).toBe(true);
  });

  it('a dense layer on nv_full keeps all 16 banks; the same layer held compressed gives one to the mask', () => {
    // 58×58×128, K = 300: input 14 banks. Dense weights 300·128 = 38,400 B → 2 banks: 16 banks, all usable.
    const l = conv({ H: 58, W: 58, C: 128, K: 300 });
    expect(runLayer(idealParams('nv_full'), l).result.cbufMode).toBe('full-input-full-weights');
    // Compressed to 115 B per kernel: 34,500 B, still 2 banks, but only 15 are usable → partial weights.
    const compressed: KernelBytesFn = (_i, k0, k1) => ({ stored_B: (k1 - k0) * 115, cbuf_B: (k1 - k0) * 115 });
    expect(runWith(l, compressed).cbufMode).toBe('full-input-partial-weights');
  });
});

/** Run one layer on nv_full (ideal memory) with weights sized by `bytesOf`. */
function runWith(layer: Layer, bytesOf: KernelBytesFn): LayerResult {
  const sim = new Simulator();
  const core = new NvdlaCore(idealParams('nv_full'), sim);
  const mem = new FixedMemory('ideal', Infinity, 0);
  let out: LayerResult | undefined;
  core.runLayer(layer, 0, { weights: new MemoryWeightSource(mem, [layer], 0, bytesOf), features: mem, addressOf: () => 0 }, (r) => (out = r));
  sim.run();
  if (out === undefined) throw new Error('layer did not finish');
  return out;
}

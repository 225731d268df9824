import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { decodeLayer, encodeLayer } from '../../../src/storage/codec.js';
import type { EncodedLayer, EncodingFormat } from '../../../src/storage/encoded-layer.js';
import { nvdlaStorageOrder } from '../../../src/storage/nvdla-order.js';
import type { WeightTensor } from '../../../src/storage/weight-tensor.js';
import { differences, randomTensor } from './fixtures.js';

/**
 * One flipped metadata bit, decoded with and without IdxSync: with it, the damage stays inside one sync
 * interval; without it, a plain bitmask misplaces every later value to the end of the layer.
 */
const shape = { kernels: 16, channels: 64, height: 2, width: 2 }; // W = 256, N = 4096
const S = 200; // sync interval, deliberately not a multiple of W
const tensor: WeightTensor = randomTensor(randomStream(11, 'idxsync-damage'), shape, 0.3);
const n = tensor.values.length;

function decodeWithFlip(f: EncodingFormat, stream: 'mask' | 'indices', bit: number): { enc: EncodedLayer; diff: number[] } {
  const enc = encodeLayer(tensor, f);
  const corrupted = enc.streams[stream]!.clone();
  corrupted.flipBit(bit);
  const faulty = { ...enc.streams, [stream]: corrupted };
  return { enc, diff: differences(decodeLayer(enc, faulty).values, tensor.values) };
}

const nonZerosFrom = (p: number): number[] => Array.from(tensor.values.keys()).filter((i) => i >= p && tensor.values[i] !== 0);

describe('IdxSync contains a flipped mask bit (plain bitmask)', () => {
  // A zero weight in the middle of an interval: its mask bit 0 → 1 makes the decoder take one value too many.
  const p = 1000 + Array.from(tensor.values.subarray(1000)).findIndex((v) => v === 0);
  const intervalEnd = (Math.floor(p / S) + 1) * S;

  it('with IdxSync every wrong weight lies in [p, next sync point)', () => {
    const { diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'plain', atomicK: 32, syncInterval: S }, 'mask', p);
    expect(diff).toContain(p);
    expect(Math.min(...diff)).toBeGreaterThanOrEqual(p);
    expect(Math.max(...diff)).toBeLessThan(intervalEnd);
  });

  it('without IdxSync the damage runs to the end of the layer', () => {
    const { diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'plain', atomicK: 32 }, 'mask', p);
    const later = nonZerosFrom(p);
    const wrong = new Set(diff);
    // Each later non-zero now holds its predecessor's value: wrong unless two neighbours happen to be equal.
    expect(later.filter((i) => wrong.has(i)).length).toBeGreaterThan(0.95 * later.length);
    expect(wrong.has(later[later.length - 1]!)).toBe(true);
  });

  it('a non-zero weight whose mask bit 1 → 0 is lost and the interval after it shifts back, up to the sync point', () => {
    const q = 2000 + Array.from(tensor.values.subarray(2000)).findIndex((v) => v !== 0);
    const { diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'plain', atomicK: 32, syncInterval: S }, 'mask', q);
    expect(diff).toContain(q);
    expect(Math.min(...diff)).toBeGreaterThanOrEqual(q);
    expect(Math.max(...diff)).toBeLessThan((Math.floor(q / S) + 1) * S);
  });

  it('ECC on the mask corrects the flip entirely', () => {
    const { enc, diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'plain', atomicK: 32, ecc: { dataBits: 64, streams: ['mask'] } }, 'mask', p);
    expect(diff).toEqual([]);
    expect(enc.streams.check?.length).toBe((n / 64) * 8);
  });
});

describe('the NVDLA layout re-aligns at every kernel group (WGS), like the CDMA', () => {
  const atomicK = 4;
  const groupWeights = atomicK * 256;
  const order = nvdlaStorageOrder(shape, atomicK);
  const storagePos = new Int32Array(n);
  order.forEach((idx, pos) => (storagePos[idx] = pos));
  const p = 1500; // storage position, inside group 1 (positions 1024..2047)

  it('without IdxSync the damage stays inside the group', () => {
    const { diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'nvdla', atomicK }, 'mask', p);
    expect(diff.length).toBeGreaterThan(0);
    for (const i of diff) expect(Math.floor(storagePos[i]! / groupWeights)).toBe(1);
  });

  it('with IdxSync it stays inside the sync interval, counted in storage order', () => {
    const { diff } = decodeWithFlip({ encoding: 'bitmask', bitmaskLayout: 'nvdla', atomicK, syncInterval: S }, 'mask', p);
    expect(diff.length).toBeGreaterThan(0);
    for (const i of diff) {
      expect(storagePos[i]!).toBeGreaterThanOrEqual(p);
      expect(storagePos[i]!).toBeLessThan((Math.floor(p / S) + 1) * S);
    }
  });
});

describe('IdxSync contains a flipped CSR index bit', () => {
  const r = 4;
  // The entry to corrupt: the first real entry at or after weight 1100 (row 4, positions 1024..1279), whose
  // index has its top bit clear, so the flip moves it and every later entry of its segment 8 places on. Filler
  // entries are the ones with value 0; the k-th real entry is the k-th non-zero weight.
  function target(f: EncodingFormat): { entry: number; pos: number } {
    const enc = encodeLayer(tensor, f);
    const nonZeros = nonZerosFrom(0);
    const entries = enc.streams.values!.length / 8;
    for (let e = 0, k = 0; e < entries; e++) {
      if (enc.streams.values!.readBits(e * 8, 8) === 0) continue;
      const pos = nonZeros[k++]!;
      if (pos >= 1100 && enc.streams.indices!.readBits(e * r, r) < 8) return { entry: e, pos };
    }
    throw new Error('no target entry');
  }

  it('with IdxSync the damage stays in [segment start, next sync point or row end)', () => {
    const f: EncodingFormat = { encoding: 'csr', csrIndexBits: r, atomicK: 32, syncInterval: S };
    const { entry, pos } = target(f);
    const { enc, diff } = decodeWithFlip(f, 'indices', entry * r + (r - 1));
    expect(enc.streams.values!.readBits(entry * 8, 8)).toBe(tensor.values[pos]! & 0xff); // the right entry was found
    const rowEnd = (Math.floor(pos / 256) + 1) * 256;
    const end = Math.min(rowEnd, (Math.floor(pos / S) + 1) * S);
    expect(diff).toContain(pos);
    expect(Math.min(...diff)).toBeGreaterThanOrEqual(pos);
    expect(Math.max(...diff)).toBeLessThan(end);
  });

  it('without IdxSync it runs to the end of the row (and no further)', () => {
    const f: EncodingFormat = { encoding: 'csr', csrIndexBits: r, atomicK: 32 };
    const { entry, pos } = target(f);
    const { diff } = decodeWithFlip(f, 'indices', entry * r + (r - 1));
    const rowEnd = (Math.floor(pos / 256) + 1) * 256;
    expect(Math.max(...diff)).toBeLessThan(rowEnd);
    expect(Math.max(...diff)).toBeGreaterThanOrEqual((Math.floor(pos / S) + 1) * S);
  });
});

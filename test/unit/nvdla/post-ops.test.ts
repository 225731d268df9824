import { describe, expect, it } from 'vitest';
import type { Layer } from '../../../src/workload/layer.js';
import { idealParams, RecordingMemory, runLayer } from './helpers.js';

const pool: Layer = {
  name: 'pool',
  op: 'pool',
  pool: 'max',
  inputs: ['conv'],
  inputHeight: 8,
  inputWidth: 8,
  inputChannels: 64,
  outputChannels: 64,
  kernelHeight: 2,
  kernelWidth: 2,
  stride: 2,
  padding: 0,
  groups: 1,
  outputHeight: 4,
  outputWidth: 4,
};

const add: Layer = {
  name: 'add',
  op: 'eltwise',
  inputs: ['a', 'b'],
  inputHeight: 4,
  inputWidth: 4,
  inputChannels: 64,
  outputChannels: 64,
  kernelHeight: 1,
  kernelWidth: 1,
  stride: 1,
  padding: 0,
  groups: 1,
  outputHeight: 4,
  outputWidth: 4,
};

describe('PDP pooling and SDP element-wise layers', () => {
  it('pooling runs at the PDP throughput in input elements', () => {
    // 8·8·64 = 4096 input elements; nv_full PDP 8 per cycle → 512 cycles; nv_small 1 per cycle → 4096.
    const full = runLayer(idealParams(), pool).result;
    expect(full.cycles).toBe(512);
    expect(full.bound).toBe('compute');
    expect(full.featureRead_B).toBe(4096);
    expect(full.outputWritten_B).toBe(4 * 4 * 64);
    expect(full.macs).toBe(0);
    expect(runLayer(idealParams('nv_small'), pool).result.cycles).toBe(4096);
  });

  it('element-wise add reads both operands, the second as element-wise traffic', () => {
    // 4·4·64 = 1024 outputs at 16 per cycle → 64 cycles with an ideal memory.
    expect(runLayer(idealParams(), add).result.cycles).toBe(64);
    // 1 GB/s: reads 1024 + 1024 B and the 1024 B write serialize → 3072 cycles, memory-bound.
    const mem = new RecordingMemory('slow', 1, 0);
    const slow = runLayer(idealParams(), add, mem).result;
    expect(slow.cycles).toBe(3072);
    expect(slow.bound).toBe('memory');
    expect(slow.featureRead_B).toBe(2048);
    expect(mem.log.map((t) => [t.op, t.traffic, t.bytes])).toEqual([
      ['read', 'features', 1024],
      ['read', 'eltwise', 1024],
      ['write', 'outputs', 1024],
    ]);
  });
});

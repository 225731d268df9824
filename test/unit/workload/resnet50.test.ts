import { describe, expect, it } from 'vitest';
import { buildResNet50, type ResNet50Variant } from '../../../src/workload/resnet50.js';
import { hasWeights, layerMacs, layerWeightCount, type Layer } from '../../../src/workload/layer.js';
import { summarizeTrace } from '../../../src/workload/summary.js';
import { checkTraceConsistency } from '../../../src/workload/trace-consistency.js';
import { readReferenceCsv } from './reference-csv.js';

const CSV: Record<ResNet50Variant, string> = { 'v1.5': 'resnet50-layers-v1.5.csv', v1: 'resnet50-layers-v1.csv' };

describe.each(['v1.5', 'v1'] as const)('ResNet-50 %s builder', (variant) => {
  const trace = buildResNet50(variant);
  const byName = new Map(trace.layers.map((l) => [l.name, l]));

  it('has every conv and fc layer of the reference CSV, in the same order, with equal shape, MACs and weights', () => {
    const rows = readReferenceCsv(CSV[variant]);
    const weighted = trace.layers.filter(hasWeights);
    expect(weighted.map((l) => l.name)).toEqual(rows.map((r) => r.name));
    for (const r of rows) {
      const l = byName.get(r.name!) as Layer;
      const got = [l.inputHeight, l.inputWidth, l.inputChannels, l.outputChannels, l.kernelHeight, l.kernelWidth, l.stride, l.padding, l.outputHeight, l.outputWidth, layerMacs(l), layerWeightCount(l)];
      const want = ['in_H', 'in_W', 'in_C', 'out_K', 'R', 'S', 'stride', 'pad', 'out_H', 'out_W', 'macs', 'weights'].map((k) => Number(r[k]));
      expect(got, r.name).toEqual(want);
      expect(l.groups).toBe(1);
      expect(l.weights).toEqual({ density: 1, valueBits: 8 });
    }
  });

  it('totals match the reference figures', () => {
    const s = summarizeTrace(trace);
    // reference/README.md: 4,089,184,256 MACs for v1.5, 3,857,973,248 for v1; 25,502,912 conv+fc weights for both.
    // v1 − v1.5 = 3 stages × (102,760,448 − 25,690,112) = 231,211,008: branch2a runs at the reduced resolution.
    expect(s.macs).toBe(variant === 'v1.5' ? 4_089_184_256 : 3_857_973_248);
    expect(s.weights).toBe(25_502_912);
    expect(s.nonZeroWeights).toBe(25_502_912);
    expect(s.density).toBe(1);
    // 53 convolutions (conv1 + 16 blocks × 3 + 4 projections), fc1000, pool1 and pool5, one add per block.
    expect(s.opCounts).toEqual({ conv: 53, fc: 1, pool: 2, eltwise: 16, concat: 0, lrn: 0, matmul: 0, host: 0 });
    expect(s.layers).toBe(72);
  });

  it('has the max pool after conv1, the global average pool before fc1000, and residual adds of both branches', () => {
    expect(byName.get('pool1')).toMatchObject({ op: 'pool', pool: 'max', inputs: ['conv1'], kernelHeight: 3, stride: 2, padding: 1, outputHeight: 56, outputChannels: 64 });
    expect(byName.get('pool5')).toMatchObject({ op: 'pool', pool: 'avg', inputs: ['res5c'], inputHeight: 7, kernelHeight: 7, outputHeight: 1, outputChannels: 2048 });
    expect(byName.get('fc1000')).toMatchObject({ op: 'fc', inputs: ['pool5'], inputChannels: 2048, outputChannels: 1000 });
    expect(byName.get('conv1')?.inputs).toEqual(['input']);
    // A first block adds its projection shortcut; later blocks add the previous block's output.
    expect(byName.get('res3a')).toMatchObject({ op: 'eltwise', inputs: ['res3a_branch1', 'res3a_branch2c'], inputChannels: 512, outputHeight: 28 });
    expect(byName.get('res3b')?.inputs).toEqual(['res3a', 'res3b_branch2c']);
    expect(byName.get('res3b_branch2a')?.inputs).toEqual(['res3a']);
    expect(byName.get('res4a_branch1')?.inputs).toEqual(['res3d']);
    expect(trace.layers.every((l) => l.weights === undefined || hasWeights(l))).toBe(true);
  });

  it('passes the trace consistency checks', () => {
    expect(() => checkTraceConsistency(trace, `resnet50-${variant}`)).not.toThrow();
  });
});

describe('v1 and v1.5 differ only in where the first block of a stage strides', () => {
  it('moves the stride from branch2b (v1.5) to branch2a (v1) in res3a, res4a, res5a', () => {
    const v15 = buildResNet50('v1.5').layers;
    const v1 = buildResNet50('v1').layers;
    const differing = v15.filter((l, i) => JSON.stringify(l) !== JSON.stringify(v1[i])).map((l) => l.name);
    expect(differing).toEqual(['res3a_branch2a', 'res3a_branch2b', 'res4a_branch2a', 'res4a_branch2b', 'res5a_branch2a', 'res5a_branch2b']);
    const at = (ls: Layer[], n: string): Layer => ls.find((l) => l.name === n)!;
    expect([at(v15, 'res4a_branch2a').stride, at(v15, 'res4a_branch2b').stride]).toEqual([1, 2]);
    expect([at(v1, 'res4a_branch2a').stride, at(v1, 'res4a_branch2b').stride]).toEqual([2, 1]);
    expect([at(v15, 'res4a_branch1').stride, at(v1, 'res4a_branch1').stride]).toEqual([2, 2]);
  });
});

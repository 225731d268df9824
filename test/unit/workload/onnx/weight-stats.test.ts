import { describe, expect, it } from 'vitest';
import { onnx } from '../../../../src/workload/onnx/proto.js';
import { tensorData } from '../../../../src/workload/onnx/tensor-data.js';
import { MAX_CLUSTERS, layerWeights, weightStats } from '../../../../src/workload/onnx/weight-stats.js';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/** Density and cluster counts from initializers, in every storage form, and batch normalization folded in. */
const conv = (w: (b: OnnxBuilder) => OnnxBuilder) =>
  w(new OnnxBuilder().input('x', [1, 2, 4, 4])).node('Conv', ['x', 'w'], ['c']).output('c');

describe('weight statistics of an ONNX layer', () => {
  it('a quarter of the weights zero: density 0.75; 3 distinct non-zero values: 3 clusters, 2-bit codes', () => {
    // 8 × 2 × 1 × 1 = 16 weights: i % 4 = 0 → 0, else (i % 4) → 1, 2, 3.
    const l = imported(conv((b) => b.weight('w', [8, 2, 1, 1], (i) => i % 4))).layer('c');
    expect(l.weights).toEqual({ density: 0.75, valueBits: 2, clusters: 3 });
  });

  it('many distinct values: no clusters, int8 values', () => {
    const l = imported(conv((b) => b.weight('w', [200, 2, 1, 1], (i) => i + 1))).layer('c');
    expect(l.weights).toEqual({ density: 1, valueBits: 8 });
  });

  it('the cluster bound: MAX_CLUSTERS distinct values are clusters, one more are not', () => {
    const stats = (n: number) => weightStats({ name: 't', dims: [n], count: n, at: (i) => i + 1 });
    expect(layerWeights(stats(MAX_CLUSTERS))).toEqual({ density: 1, valueBits: Math.ceil(Math.log2(MAX_CLUSTERS)), clusters: MAX_CLUSTERS });
    expect(layerWeights(stats(MAX_CLUSTERS + 1))?.clusters).toBeUndefined();
  });

  it('−0 counts as zero', () => {
    const s = weightStats({ name: 't', dims: [4], count: 4, at: (i) => [-0, 0, 1, -1][i] ?? 0 });
    expect([s.nonZero, s.distinct]).toEqual([2, 2]);
  });

  it('reads float16 and int8 raw data, float_data, int32_data, and raw data at an odd offset alike', () => {
    const half = new Uint16Array([0x0000, 0x3c00, 0x8000, 0xbc00]); // 0, 1, −0, −1
    const forms = [
      { dims: [4], dataType: 10, rawData: new Uint8Array(half.buffer) },
      { dims: [4], dataType: 3, rawData: new Uint8Array([0, 1, 0, 255]) },
      { dims: [4], dataType: 1, floatData: [0, 1, 0, -1] },
      { dims: [4], dataType: 10, int32Data: [0, 0x3c00, 0x8000, 0xbc00] },
      { dims: [4], dataType: 1, rawData: new Uint8Array([9, ...new Uint8Array(new Float32Array([0, 1, 0, -1]).buffer)]).subarray(1) },
    ];
    for (const t of forms) {
      const s = weightStats(tensorData(onnx.TensorProto.create(t), 'f.onnx'));
      expect([s.count, s.nonZero, s.distinct]).toEqual([4, 2, 2]);
    }
  });

  it('refuses raw data of the wrong length and an all-zero layer', () => {
    expect(() => tensorData(onnx.TensorProto.create({ name: 'w', dims: [4], dataType: 1, rawData: new Uint8Array(12) }), 'f.onnx')).toThrow(/initializer "w" holds 12 bytes of raw data/);
    expect(importError(conv((b) => b.weight('w', [4, 2, 1, 1], 0)))).toMatch(/layer "c" has only zero weights \(initializer "w"\)/);
  });
});

describe('BatchNormalization folded into the conv before it', () => {
  // Ones weights 4×2×1×1; γ = [1, 0, 2, 0], σ² = 1, ε = 0: folded weights are 1 (channel 0), 0, 2, 0.
  const bn = (opset: number, extra: (b: OnnxBuilder) => OnnxBuilder = (b) => b) =>
    extra(new OnnxBuilder(opset).input('x', [1, 2, 4, 4]).weight('w', [4, 2, 1, 1]).node('Conv', ['x', 'w'], ['c'])
      .weight('g', [4], (i) => [1, 0, 2, 0][i] ?? 0).weight('beta', [4], 0).weight('mean', [4], 0).weight('var', [4], 1)
      .node('BatchNormalization', ['c', 'g', 'beta', 'mean', 'var'], ['n'], { epsilon: { f: 0 } }));

  it('no layer of its own; γ = 0 channels hold zero weights: density 0.5; folded values 1 and 2: 2 clusters', () => {
    for (const opset of [9, 15]) {
      const r = imported(bn(opset, (b) => b.node('Relu', ['n'], ['r']).output('r')));
      expect(r.trace.layers).toHaveLength(1);
      expect(r.layer('c').weights).toEqual({ density: 0.5, valueBits: 1, clusters: 2 });
      expect(r.absorbed.get('BatchNormalization')).toBe(1);
    }
  });

  it('folds into a Gemm along its output channels (transB 1: rows)', () => {
    const b = new OnnxBuilder().input('x', [1, 3]).weight('w', [2, 3]).node('Gemm', ['x', 'w'], ['y'], { transB: 1 })
      .weight('g', [2], (i) => i).weight('beta', [2], 0).weight('mean', [2], 0).weight('var', [2], 1)
      .node('BatchNormalization', ['y', 'g', 'beta', 'mean', 'var'], ['n'], { epsilon: { f: 0 } }).output('n');
    expect(imported(b).layer('y').weights?.density).toBe(0.5);
  });

  it('a BN not right after a conv, or whose conv output is read elsewhere, is a standalone per-channel scale (SDP)', () => {
    const afterRelu = new OnnxBuilder().input('x', [1, 2, 4, 4]).node('Relu', ['x'], ['r']).weight('g', [2]).weight('beta', [2], 0).weight('mean', [2], 0).weight('var', [2])
      .node('BatchNormalization', ['r', 'g', 'beta', 'mean', 'var'], ['n']).output('n');
    const r = imported(afterRelu);
    expect(r.layer('n')).toMatchObject({ op: 'eltwise', eltwise: 'scale', inputs: ['input'], inputChannels: 2, outputChannels: 2, outputHeight: 4, outputWidth: 4 });
    expect(r.absorbed.get('BatchNormalization')).toBeUndefined();
    // Read elsewhere: the conv keeps its unfolded weights (ones: density 1, one value) and the BN is a layer of its own.
    const shared = imported(bn(15, (b) => b.output('n').output('c')));
    expect(shared.layer('c').weights).toEqual({ density: 1, valueBits: 8 });
    expect(shared.layer('n')).toMatchObject({ op: 'eltwise', eltwise: 'scale', inputs: ['c'] });
    const wrong = new OnnxBuilder().input('x', [1, 2, 4, 4]).weight('g', [3]).weight('beta', [3], 0).weight('mean', [3], 0).weight('var', [3])
      .node('BatchNormalization', ['x', 'g', 'beta', 'mean', 'var'], ['n']).output('n');
    expect(importError(wrong)).toMatch(/node "n" \(BatchNormalization\): normalizes 3 channels[\s\S]*expected: the 2 channels of its input \[1, 2, 4, 4\]/);
  });
});

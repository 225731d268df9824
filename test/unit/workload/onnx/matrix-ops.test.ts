import { describe, expect, it } from 'vitest';
import { layerMacs, layerWeightCount } from '../../../../src/workload/layer.js';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/** Gemm and MatMul: fc over the whole input or per row, and products of two activations (trace matmul). */
describe('ONNX Gemm', () => {
  // A conv giving 4×4×2, flattened to 32 and classified into 10: an fc whose kernel covers the 4×4 input.
  const classifier = (transB: number) =>
    new OnnxBuilder().input('x', [1, 3, 4, 4]).weight('w', [2, 3, 1, 1]).node('Conv', ['x', 'w'], ['c'])
      .node('Flatten', ['c'], ['f']).weight('fw', transB === 1 ? [10, 32] : [32, 10]).node('Gemm', ['f', 'fw'], ['y'], { transB }).output('y');

  for (const transB of [0, 1]) {
    it(`transB ${transB}: fc reading the conv's 4×4×2 output whole, 32·10 = 320 weights and MACs`, () => {
      const r = imported(classifier(transB));
      const l = r.layer('y');
      expect([l.op, l.inputs, l.kernelHeight, l.kernelWidth, l.inputChannels, l.outputChannels, l.outputHeight]).toEqual(['fc', ['c'], 4, 4, 2, 10, 1]);
      expect([layerWeightCount(l), layerMacs(l)]).toEqual([320, 320]);
      expect(r.absorbed.get('Flatten')).toBe(1);
    });
  }

  it('refuses weights that do not take the input', () => {
    const b = new OnnxBuilder().input('x', [1, 32]).weight('fw', [10, 31]).node('Gemm', ['x', 'fw'], ['y'], { transB: 1 }).output('y');
    expect(importError(b)).toMatch(/weights "fw" \[10, 31\] \(transB 1\) do not take 32 inputs/);
  });
});

describe('ONNX MatMul', () => {
  it('with weights over 6 tokens of 16: one 1×1 fc per row, 6·16·8 = 768 MACs', () => {
    const l = imported(new OnnxBuilder().input('x', [1, 6, 16]).weight('w', [16, 8]).node('MatMul', ['x', 'w'], ['y']).output('y')).layer('y');
    expect([l.op, l.inputHeight, l.inputWidth, l.kernelHeight, l.outputHeight, l.outputChannels, layerMacs(l)]).toEqual(['fc', 6, 1, 1, 6, 8, 768]);
  });

  it('attention: Q·Kᵀ and scores·V of 2 heads as matmul layers; the softmax on the host', () => {
    // x: 6 tokens × 16; q, k, v: 6 × (2 heads × 8). scores = q·kᵀ: 2 × 6×6; out = softmax(scores)·v: 2 × 6×8.
    const b = new OnnxBuilder().input('x', [1, 6, 16]).ints('split', [1, 6, 2, 8]).ints('merge', [1, 6, 16]);
    for (const n of ['q', 'k', 'v']) b.weight(`w${n}`, [16, 16]).node('MatMul', ['x', `w${n}`], [n]).node('Reshape', [n, 'split'], [`${n}4`]);
    b.node('Transpose', ['q4'], ['qh'], { perm: [0, 2, 1, 3] }).node('Transpose', ['k4'], ['kt'], { perm: [0, 2, 3, 1] }).node('Transpose', ['v4'], ['vh'], { perm: [0, 2, 1, 3] })
      .node('MatMul', ['qh', 'kt'], ['scores']).node('Softmax', ['scores'], ['p'], { axis: -1 }).node('MatMul', ['p', 'vh'], ['ctx'])
      .node('Transpose', ['ctx'], ['ctxT'], { perm: [0, 2, 1, 3] }).node('Reshape', ['ctxT', 'merge'], ['ctx3']).weight('wo', [16, 16]).node('MatMul', ['ctx3', 'wo'], ['out']).output('out');
    const r = imported(b);
    const scores = r.layer('scores');
    expect([scores.op, scores.inputs, scores.groups, scores.inputHeight, scores.inputChannels, scores.outputChannels]).toEqual(['matmul', ['q', 'k'], 2, 6, 16, 12]);
    expect(layerMacs(scores)).toBe(2 * 6 * 6 * 8);
    expect(r.layer('p')).toMatchObject({ op: 'host', hostOp: 'softmax', inputHeight: 6, inputChannels: 12 });
    const ctx = r.layer('ctx');
    expect([ctx.inputs, ctx.groups, ctx.outputChannels, layerMacs(ctx)]).toEqual([['p', 'v'], 2, 16, 2 * 6 * 8 * 6]);
    expect(r.layer('out')).toMatchObject({ op: 'fc', inputs: ['ctx'], inputHeight: 6, outputChannels: 16 });
    expect(r.trace.layers.map((l) => l.op)).toEqual(['fc', 'fc', 'fc', 'matmul', 'host', 'matmul', 'fc']);
  });

  it('refuses a product that broadcasts, and weights on the left', () => {
    const bc = new OnnxBuilder().input('x', [1, 6, 16]).weight('w', [16, 16]).node('MatMul', ['x', 'w'], ['a']).ints('s', [1, 1, 16, 6])
      .node('Reshape', ['a', 's'], ['b']).node('MatMul', ['a', 'b'], ['y']).output('y');
    expect(importError(bc)).toMatch(/multiplies \[1, 6, 16\] by \[1, 1, 16, 6\]/);
    const left = new OnnxBuilder().input('x', [16, 6]).weight('w', [8, 16]).node('MatMul', ['w', 'x'], ['y']).output('y');
    expect(importError(left)).toMatch(/has a constant left operand/);
  });
});

describe('ONNX Einsum of two activations (MaxViT\'s attention)', () => {
  // Tokens 4×1 of 8 channels from two 1×1 convs, as 2 heads of 4: [1, 2, 4, 4] each.
  const heads = (eq: string) => new OnnxBuilder(17).input('x', [1, 3, 4, 1]).weight('wq', [8, 3, 1, 1]).weight('wk', [8, 3, 1, 1])
    .node('Conv', ['x', 'wq'], ['q']).node('Conv', ['x', 'wk'], ['k'])
    .ints('perm', [0, 2, 3, 1]).node('Transpose', ['q'], ['ql'], { perm: [0, 2, 3, 1] }).node('Transpose', ['k'], ['kl'], { perm: [0, 2, 3, 1] })
    .ints('s', [1, 4, 2, 4]).node('Reshape', ['ql', 's'], ['qr']).node('Reshape', ['kl', 's'], ['kr'])
    .node('Transpose', ['qr'], ['qh'], { perm: [0, 2, 1, 3] }).node('Transpose', ['kr'], ['kh'], { perm: [0, 2, 1, 3] })
    .node('Einsum', ['qh', 'kh'], ['scores'], { equation: eq }).output('scores');

  it('"b h i d, b h j d -> b h i j" is Q·Kᵀ: a matmul of 2 heads, 4·2·4·4 MACs', () => {
    const l = imported(heads('b h i d, b h j d -> b h i j')).layer('scores');
    expect([l.op, l.inputs, l.groups, l.outputChannels]).toEqual(['matmul', ['q', 'k'], 2, 8]);
    expect(layerMacs(l)).toBe(4 * 2 * 4 * 4);
  });

  it('any other equation is refused, naming it', () => {
    expect(importError(heads('bhid,bhjd->bhji'))).toMatch(/computes "bhid,bhjd->bhji"[\s\S]*expected: an attention product/);
  });
});

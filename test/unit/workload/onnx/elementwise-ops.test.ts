import { describe, expect, it } from 'vitest';
import { OnnxBuilder, type AttrValue } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/** Add, Mul, Concat, Softmax, the fused activations and the shape-only operators, across opsets. */
const twoConvs = (opset = 13, channels: [number, number] = [4, 4]) =>
  new OnnxBuilder(opset).input('x', [1, 3, 8, 8]).weight('wa', [channels[0], 3, 1, 1]).weight('wb', [channels[1], 3, 1, 1])
    .node('Conv', ['x', 'wa'], ['a']).node('Conv', ['x', 'wb'], ['b']);

describe('ONNX element-wise operators', () => {
  it('Add and Mul of two activations are eltwise layers', () => {
    const r = imported(twoConvs().node('Add', ['a', 'b'], ['s']).node('Mul', ['s', 'b'], ['m']).output('m'));
    expect(r.layer('s')).toMatchObject({ op: 'eltwise', inputs: ['a', 'b'], outputChannels: 4, outputHeight: 8 });
    expect(r.layer('s').eltwise).toBeUndefined();
    expect(r.layer('m')).toMatchObject({ op: 'eltwise', eltwise: 'mul', inputs: ['s', 'b'] });
  });

  it('Add and Mul with a constant are a bias and a scale in the producer\'s output stage: no layer', () => {
    const r = imported(twoConvs().weight('bias', [4, 1, 1], 0.5).node('Add', ['a', 'bias'], ['ab']).weight('k', [1], 2).node('Mul', ['k', 'ab'], ['m']).output('m'));
    expect(r.trace.layers.map((l) => l.name)).toEqual(['a', 'b']);
    expect([r.absorbed.get('Add'), r.absorbed.get('Mul')]).toEqual([1, 1]);
  });

  it('Concat along channels: 4 + 6 = 10', () => {
    const l = imported(twoConvs(13, [4, 6]).node('Concat', ['a', 'b'], ['c'], { axis: 1 }).output('c')).layer('c');
    expect([l.op, l.inputs, l.inputChannels, l.outputChannels, l.outputHeight]).toEqual(['concat', ['a', 'b'], 10, 10, 8]);
  });

  it('refuses Concat along height, and Add of different shapes', () => {
    expect(importError(twoConvs().node('Concat', ['a', 'b'], ['c'], { axis: 2 }).output('c'))).toMatch(/joins along axis 2[\s\S]*expected: axis 1 \(channels\)/);
    expect(importError(twoConvs(13, [4, 6]).node('Add', ['a', 'b'], ['s']).output('s'))).toMatch(/combines \[1, 4, 8, 8\][\s\S]*two activations of one shape/);
  });

  it('Relu, LeakyRelu, Sigmoid and Clip (min/max attributes at opset 9, inputs at 13) are fused: no layers', () => {
    for (const opset of [9, 13]) {
      const b = twoConvs(opset).node('Relu', ['a'], ['r']).node('LeakyRelu', ['r'], ['l'], { alpha: 0.1 }).node('Sigmoid', ['l'], ['s']);
      if (opset === 9) b.node('Clip', ['s'], ['c'], { min: { f: 0 }, max: { f: 6 } });
      else b.weight('lo', [], 0).weight('hi', [], 6).node('Clip', ['s', 'lo', 'hi'], ['c']);
      const r = imported(b.node('Add', ['c', 'b'], ['y']).output('y'));
      expect(r.layer('y').inputs).toEqual(['a', 'b']);
      expect(['Relu', 'LeakyRelu', 'Sigmoid', 'Clip'].map((op) => r.absorbed.get(op))).toEqual([1, 1, 1, 1]);
    }
  });

  it('Softmax is a host layer at opset 9 (2-D coercion) and 13 (axis −1) alike', () => {
    for (const opset of [9, 13]) {
      const l = imported(new OnnxBuilder(opset).input('x', [1, 10]).node('Softmax', ['x'], ['s']).output('s')).layer('s');
      expect([l.op, l.hostOp, l.inputChannels, l.outputChannels]).toEqual(['host', 'softmax', 10, 10]);
    }
  });
});

describe('ONNX shape-only operators', () => {
  const head = (opset: number) => new OnnxBuilder(opset).input('x', [1, 2, 4, 4]).weight('w', [8, 2, 1, 1]).node('Conv', ['x', 'w'], ['c']);

  it('Reshape [0, −1] (0 copies the batch): 8×4×4 → [1, 128] before a Gemm; the shape from an initializer or a Constant node', () => {
    const viaInit = imported(head(13).ints('shape', [0, -1]).node('Reshape', ['c', 'shape'], ['r']).weight('fw', [5, 128]).node('Gemm', ['r', 'fw'], ['y'], { transB: 1 }).output('y'));
    expect(viaInit.layer('y')).toMatchObject({ op: 'fc', inputs: ['c'], kernelHeight: 4, outputChannels: 5 });
    const shape = { name: 'shape', dims: [2], dataType: 7, int64Data: [0, -1] };
    const cases: [number, Record<string, AttrValue>][] = [[11, { value: { t: shape } }], [13, { value_ints: [0, -1] }]];
    for (const [opset, attrs] of cases) {
      const r = imported(head(opset).node('Constant', [], ['shape'], attrs).node('Reshape', ['c', 'shape'], ['r']).weight('fw', [5, 128]).node('Gemm', ['r', 'fw'], ['y'], { transB: 1 }).output('y'));
      expect(r.layer('y')).toMatchObject({ op: 'fc', inputs: ['c'], kernelHeight: 4 });
      expect(r.absorbed.get('Constant')).toBe(1);
    }
  });

  it('Transpose with the default perm reverses the dims; a Gemm reading it whole is still the producer\'s output', () => {
    const r = imported(head(13).node('Flatten', ['c'], ['f']).node('Transpose', ['f'], ['t']).node('Transpose', ['t'], ['u']).weight('fw', [128, 3]).node('Gemm', ['u', 'fw'], ['y']).output('y'));
    expect(r.layer('y')).toMatchObject({ inputs: ['c'], outputChannels: 3 });
    expect(r.absorbed.get('Transpose')).toBe(2);
  });

  it('refuses a Transpose that moves data under a Conv, even when the shape stays (a square map)', () => {
    const b = head(13).node('Transpose', ['c'], ['t'], { perm: [0, 1, 3, 2] }).weight('w2', [4, 8, 1, 1]).node('Conv', ['t', 'w2'], ['d']).output('d');
    expect(importError(b)).toMatch(/node "d" \(Conv\): input 0 is layer "c"'s 4×4×8 output read as 4×4×8 \(dims \[1, 8, 4, 4\]\) after a Reshape or Transpose/);
    // Swapping an axis of length 1 moves nothing.
    const ok = head(13).node('Transpose', ['c'], ['t'], { perm: [1, 0, 2, 3] }).ints('s', [1, 8, 4, 4]).node('Reshape', ['t', 's'], ['u']).node('GlobalAveragePool', ['u'], ['g']).output('g');
    expect(imported(ok).layer('g').inputs).toEqual(['c']);
  });

  it('Dropout (ratio attribute at opset 9, input at 12) and Identity pass the tensor on', () => {
    const at9 = imported(head(9).node('Dropout', ['c'], ['d'], { ratio: 0.5 }).node('Identity', ['d'], ['i']).node('GlobalAveragePool', ['i'], ['g']).output('g'));
    expect(at9.layer('g').inputs).toEqual(['c']);
    const at12 = imported(head(12).weight('ratio', [], 0.5).node('Dropout', ['c', 'ratio'], ['d']).node('GlobalAveragePool', ['d'], ['g']).output('g'));
    expect(at12.layer('g').inputs).toEqual(['c']);
  });
});

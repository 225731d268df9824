import { describe, expect, it } from 'vitest';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/**
 * Shape arithmetic as torch.onnx.export writes it (x.size(), view(b, -1), expand(n, -1, -1)), folded to constants:
 * every test ends in a Reshape whose target only the right folded values make legal, and a Gemm whose layer shape
 * shows which target it was.
 */
const conv = () => new OnnxBuilder(17).input('x', [1, 2, 4, 4]).weight('w', [8, 2, 1, 1]).node('Conv', ['x', 'w'], ['c']);
const fcOver = (b: OnnxBuilder, shape: string) => b.node('Reshape', ['c', shape], ['flat']).weight('fw', [3, 128]).node('Gemm', ['flat', 'fw'], ['y'], { transB: 1 }).output('y');

describe('constant folding of shape arithmetic', () => {
  it('Shape → Gather → Mul → Unsqueeze → Concat: the target [1, 8·16 = 128] of a view(1, -1)', () => {
    const b = conv().ints('one', [1]).tensor({ name: 'i1', dims: [], dataType: 7, int64Data: [1] }).ints('sixteen', [16]).ints('ax0', [0])
      .node('Shape', ['c'], ['s']).node('Gather', ['s', 'i1'], ['ch'], { axis: 0 }).node('Mul', ['ch', 'sixteen'], ['n'])
      .node('Unsqueeze', ['n', 'ax0'], ['n1']).node('Concat', ['one', 'n1'], ['shape'], { axis: 0 });
    const r = imported(fcOver(b, 'shape'));
    expect(r.trace.layers.map((l) => l.name)).toEqual(['c', 'y']);
    expect(r.layer('y')).toMatchObject({ op: 'fc', inputs: ['c'], kernelHeight: 4, kernelWidth: 4, inputChannels: 8, outputChannels: 3 });
    expect([r.absorbed.get('Shape'), r.absorbed.get('Gather'), r.absorbed.get('Concat')]).toEqual([1, 1, 1]);
  });

  it('ConstantOfShape → Mul → Equal → Where (expand(n, -1, -1)\'s pattern) gives [1, 128]', () => {
    const b = conv().ints('two', [2]).ints('minus', [-1]).ints('want', [1, 128])
      .node('ConstantOfShape', ['two'], ['ones']).node('Mul', ['ones', 'minus'], ['neg']).node('Equal', ['want', 'neg'], ['eq'])
      .node('Where', ['eq', 'ones', 'want'], ['shape']);
    expect(imported(fcOver(b, 'shape')).layer('y').inputChannels).toBe(8);
  });

  it('a wrong fold would be caught: Where picking the other branch gives [0, 0], which Reshape refuses', () => {
    const b = conv().ints('two', [2]).ints('want', [1, 128])
      .node('ConstantOfShape', ['two'], ['zeros']).node('Equal', ['zeros', 'zeros'], ['eq']).node('Where', ['eq', 'zeros', 'want'], ['shape']);
    expect(importError(fcOver(b, 'shape'))).toMatch(/Reshape/);
  });

  it('integer Div truncates, Mod follows the divisor\'s sign, Slice and Squeeze of a constant: 257 / 2 = 128', () => {
    const b = conv().ints('v', [5, 257, 7]).ints('s', [1]).ints('e', [2]).ints('ax', [0]).ints('d', [2]).ints('m', [-3]).ints('one', [1]).ints('ax0', [0])
      .node('Slice', ['v', 's', 'e', 'ax'], ['sl']).node('Div', ['sl', 'd'], ['half'])
      .node('Mod', ['v', 'm'], ['mod']).node('Gather', ['mod', 'ax0'], ['first'], { axis: 0 }).node('Add', ['first', 'one'], ['lead'])
      .node('Concat', ['lead', 'half'], ['shape'], { axis: 0 });
    // 5 mod −3 = −1 (Python's sign rule), + 1 → 0, which Reshape reads as "copy dim 0" (= 1).
    expect(imported(fcOver(b, 'shape')).layer('y').outputChannels).toBe(3);
  });

  it('Transpose of a constant: [[1, 5], [128, 7]]ᵀ row 0 is [1, 128]; a Pad of nothing is no layer', () => {
    const m = { name: 'm', dims: [2, 2], dataType: 7, int64Data: [1, 5, 128, 7] };
    const b = conv().tensor(m).tensor({ name: 'i0', dims: [], dataType: 7, int64Data: [0] }).ints('nopads', [0, 0, 0, 0, 0, 0, 0, 0])
      .node('Transpose', ['m'], ['mt'], { perm: [1, 0] }).node('Gather', ['mt', 'i0'], ['shape'], { axis: 0 })
      .node('Pad', ['c', 'nopads'], ['cp']).node('Reshape', ['cp', 'shape'], ['flat']).weight('fw', [3, 128]).node('Gemm', ['flat', 'fw'], ['y'], { transB: 1 }).output('y');
    const r = imported(b);
    expect(r.layer('y').inputs).toEqual(['c']);
    expect(r.absorbed.get('Pad')).toBe(1);
  });

  it('Identity of an initializer (torch\'s shared weights) is that initializer; an unknown operator on constants is refused by name', () => {
    const b = new OnnxBuilder(17).input('x', [1, 2, 4, 4]).weight('w', [8, 2, 1, 1]).node('Identity', ['w'], ['w2']).node('Conv', ['x', 'w2'], ['c']).output('c');
    expect(imported(b).layer('c').weights).toBeDefined();
    const unknown = conv().ints('v', [2, 2]).node('Det', ['v'], ['d']).output('c');
    expect(importError(unknown)).toMatch(/"d" \(Det\) is not supported/);
  });
});

describe('layer normalization exported before opset 17 (ReduceMean, Sub, Pow, Sqrt, Div)', () => {
  const chain = (axes: number[]) => new OnnxBuilder(13).input('x', [1, 4, 8]).weight('w1', [8, 8]).node('MatMul', ['x', 'w1'], ['h'])
    .ints('axes', axes).weight('two', [], 2).weight('eps', [], 1e-5).weight('gamma', [8], 1.5).weight('beta', [8], 0.5)
    .node('ReduceMean', ['h'], ['mu'], { axes }).node('Sub', ['h', 'mu'], ['d']).node('Pow', ['d', 'two'], ['d2'])
    .node('ReduceMean', ['d2'], ['var'], { axes }).node('Add', ['var', 'eps'], ['ve']).node('Sqrt', ['ve'], ['sd'])
    .node('Div', ['d', 'sd'], ['n']).node('Mul', ['n', 'gamma'], ['ng']).node('Add', ['ng', 'beta'], ['y'])
    .weight('w2', [8, 3]).node('MatMul', ['y', 'w2'], ['out']).output('out');

  it('is one host layer-norm layer between the two Linears, as LayerNormalization at opset 17 is', () => {
    const r = imported(chain([-1]));
    expect(r.trace.layers.map((l) => [l.name, l.op, l.hostOp])).toEqual([['h', 'fc', undefined], ['mu', 'host', 'layernorm'], ['out', 'fc', undefined]]);
    expect(r.layer('mu')).toMatchObject({ inputs: ['h'], inputHeight: 4, inputChannels: 8, outputChannels: 8 });
    expect(r.layer('out').inputs).toEqual(['mu']);
  });

  it('a mean over tokens (axis 1) is refused', () => {
    expect(importError(chain([1]))).toMatch(/averages axes \[1\] of a rank-3 tensor/);
  });
});

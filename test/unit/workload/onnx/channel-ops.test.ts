import { describe, expect, it } from 'vitest';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/** The operators torchvision's families add: channel views, LUT activations, broadcasts, reductions, norms. */
const head = (opset = 17, c = 8) => new OnnxBuilder(opset).input('x', [1, 2, 4, 4]).weight('w', [c, 2, 1, 1]).node('Conv', ['x', 'w'], ['c']);

describe('channel views (Slice, Split, Gather) and Squeeze/Unsqueeze', () => {
  it('Slice channels 0–2 and 3–7 joined back by a Concat are the conv\'s own output; a whole-range Slice is nothing', () => {
    const b = head().ints('s0', [0]).ints('e0', [3]).ints('s1', [3]).ints('e1', [8]).ints('ax', [1]).ints('z', [0]).ints('big', [1 << 30]).ints('a2', [2])
      .node('Slice', ['c', 's0', 'e0', 'ax'], ['lo']).node('Slice', ['c', 's1', 'e1', 'ax'], ['hi']).node('Concat', ['lo', 'hi'], ['cat'], { axis: 1 })
      .node('Slice', ['cat', 'z', 'big', 'a2'], ['all']).node('GlobalAveragePool', ['all'], ['g']).output('g');
    const r = imported(b);
    expect(r.trace.layers.map((l) => l.name)).toEqual(['c', 'g']);
    expect(r.layer('g').inputs).toEqual(['c']);
    expect([r.absorbed.get('Slice'), r.absorbed.get('Concat')]).toEqual([3, 1]);
  });

  it('Split into equal parts (opset 18 num_outputs), joined back; out of order, a concat of two slices of one tensor', () => {
    const split = (order: string[]) => head(18).node('Split', ['c'], ['p', 'q'], { axis: 1, num_outputs: 2 }).node('Concat', order, ['cat'], { axis: 1 })
      .node('GlobalMaxPool', ['cat'], ['g']).output('g');
    const r = imported(split(['p', 'q']));
    expect(r.layer('g')).toMatchObject({ op: 'pool', pool: 'max', inputs: ['c'], kernelHeight: 4, outputHeight: 1 });
    const swapped = imported(split(['q', 'p'])).layer('cat');
    expect(swapped).toMatchObject({ op: 'concat', inputs: ['c', 'c'], inputChannels: 8, slices: [{ input: 0, channelOffset: 4, channels: 4 }, { input: 1, channelOffset: 0, channels: 4 }] });
  });

  it('refuses a Gather of channels out of order, and a Slice of rows', () => {
    const gather = head().ints('i', [2, 0]).node('Gather', ['c', 'i'], ['y'], { axis: 1 }).output('y');
    expect(importError(gather)).toMatch(/gathers channels \[2, 0\] of 8[\s\S]*expected: consecutive channel indices/);
    const rows = head().ints('s', [1]).ints('e', [3]).ints('ax', [2]).node('Slice', ['c', 's', 'e', 'ax'], ['y']).output('y');
    expect(importError(rows)).toMatch(/node "y" \(Slice\): slices \[1, 3\) along axis 2 of \[1, 8, 4, 4\][\s\S]*expected: the channel axis: 1 of an N×C×H×W tensor/);
  });

  it('Squeeze [1, 8, 1, 1] → [1, 8] before a Gemm (axes input, opset 13); Unsqueeze with the axes attribute (opset 11)', () => {
    const b = head().node('GlobalAveragePool', ['c'], ['g']).ints('axes', [2, 3]).node('Squeeze', ['g', 'axes'], ['s']).weight('fw', [3, 8]).node('Gemm', ['s', 'fw'], ['y'], { transB: 1 }).output('y');
    expect(imported(b).layer('y')).toMatchObject({ op: 'fc', inputs: ['g'], inputChannels: 8, outputChannels: 3 });
    const u = head(11).node('GlobalAveragePool', ['c'], ['g']).node('Squeeze', ['g'], ['s'], { axes: [2, 3] }).node('Unsqueeze', ['s'], ['u'], { axes: [2, 3] }).node('Relu', ['u'], ['r'])
      .node('Mul', ['c', 'r'], ['m']).output('m');
    expect(imported(u).layer('m')).toMatchObject({ op: 'eltwise', eltwise: 'mul', inputs: ['c', 'g'] });
  });
});

describe('element-wise functions, broadcasts, reductions and norms', () => {
  it('Sub and Div by constants and x·x (one producer) are fused; Sub of two layers is refused', () => {
    const b = head().weight('k', [1], 3).node('Sub', ['c', 'k'], ['s']).node('Div', ['k', 's'], ['d']).node('Mul', ['d', 'd'], ['m']).output('m');
    const r = imported(b);
    expect(r.trace.layers.map((l) => l.name)).toEqual(['c']);
    expect([r.absorbed.get('Sub'), r.absorbed.get('Div'), r.absorbed.get('Mul')]).toEqual([1, 1, 1]);
    const two = head().weight('w2', [8, 2, 1, 1]).node('Conv', ['x', 'w2'], ['c2']).node('Sub', ['c', 'c2'], ['s']).output('s');
    expect(importError(two)).toMatch(/node "s" \(Sub\): subtracts the outputs of two layers \("c", "c2"\)/);
  });

  it('GELU as exported at opset 17 (x/√2 → Erf → +1 → ·x → ·0.5) is one function of the conv\'s output', () => {
    const b = head().weight('r2', [], Math.SQRT2).weight('one', [], 1).weight('half', [], 0.5).node('Div', ['c', 'r2'], ['a']).node('Erf', ['a'], ['e'])
      .node('Add', ['e', 'one'], ['p']).node('Mul', ['c', 'p'], ['m']).node('Mul', ['m', 'half'], ['y']).node('GlobalAveragePool', ['y'], ['g']).output('g');
    const r = imported(b);
    expect(r.layer('g').inputs).toEqual(['c']);
    expect(['Div', 'Erf', 'Add', 'Mul'].map((op) => r.absorbed.get(op))).toEqual([1, 1, 1, 2]);
  });

  it('an Add of [1, 8, 4, 4] and a per-channel [1, 8, 1, 1] is an eltwise with a per-channel operand; [1, 4, 1, 1] is refused', () => {
    const add = (c: number) => head().weight('w2', [c, 8, 1, 1]).node('GlobalAveragePool', ['c'], ['g']).node('Conv', ['g', 'w2'], ['s']).node('Add', ['s', 'c'], ['y']).output('y');
    expect(imported(add(8)).layer('y')).toMatchObject({ op: 'eltwise', inputs: ['c', 's'], inputChannels: 8, inputHeight: 4 });
    expect(importError(add(4))).toMatch(/combines \[1, 4, 1, 1\] \(1×1×4\) with \[1, 8, 4, 4\][\s\S]*or N×C×H×W with N×C×1×1/);
  });

  it('ReduceMean over [2, 3] is a global average pool (keepdims 0: [1, C]); over channels it is refused', () => {
    const mean = (axes: number[]) => head().node('ReduceMean', ['c'], ['m'], { axes, keepdims: 0 }).weight('fw', [3, 8]).node('Gemm', ['m', 'fw'], ['y'], { transB: 1 }).output('y');
    const r = imported(mean([-1, 2]));
    expect(r.layer('m')).toMatchObject({ op: 'pool', pool: 'avg', kernelHeight: 4, kernelWidth: 4, outputChannels: 8 });
    expect(r.layer('y').inputs).toEqual(['m']);
    expect(importError(mean([1]))).toMatch(/node "m" \(ReduceMean\): averages axes \[1\] of a rank-4 tensor/);
  });

  it('LayerNormalization over the channels of tokens is a host layer-norm; over an image\'s width it is refused', () => {
    const tokens = new OnnxBuilder().input('x', [1, 4, 8]).weight('fw', [8, 8]).node('MatMul', ['x', 'fw'], ['q']).weight('g', [8]).weight('b', [8], 0)
      .node('LayerNormalization', ['q', 'g', 'b'], ['n'], { axis: -1 }).output('n');
    expect(imported(tokens).layer('n')).toMatchObject({ op: 'host', hostOp: 'layernorm', inputs: ['q'], inputHeight: 4, inputChannels: 8 });
    const image = head().weight('g', [4]).weight('b', [4], 0).node('LayerNormalization', ['c', 'g', 'b'], ['n'], { axis: -1 }).output('n');
    expect(importError(image)).toMatch(/normalizes from axis -1 of \[1, 8, 4, 4\][\s\S]*permute the image channels-last first/);
  });
});

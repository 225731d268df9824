import { describe, expect, it } from 'vitest';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/**
 * One network at every opset from 9 to 21, written in each opset's own form (Clip's min/max and Pad's pads as
 * attributes before opset 11 and inputs from it, Dropout's ratio an attribute before 12 and an input from it):
 * the same trace at every opset.
 */
function net(opset: number): OnnxBuilder {
  const b = new OnnxBuilder(opset).input('x', [1, 3, 12, 12]);
  if (opset < 11) b.node('Pad', ['x'], ['p'], { pads: [0, 0, 1, 1, 0, 0, 1, 1] });
  else b.ints('pads', [0, 0, 1, 1, 0, 0, 1, 1]).node('Pad', ['x', 'pads'], ['p']);
  b.weight('w', [8, 3, 3, 3], (i) => i % 7).node('Conv', ['p', 'w'], ['c'], { strides: [2, 2] });
  for (const [k, v] of [['g', 1], ['b', 0], ['m', 0], ['v', 1]] as const) b.weight(k, [8], v);
  b.node('BatchNormalization', ['c', 'g', 'b', 'm', 'v'], ['n']);
  if (opset < 11) b.node('Clip', ['n'], ['r'], { min: { f: 0 }, max: { f: 6 } });
  else b.weight('lo', [], 0).weight('hi', [], 6).node('Clip', ['n', 'lo', 'hi'], ['r']);
  b.node('MaxPool', ['r'], ['mp'], { kernel_shape: [2, 2], strides: [2, 2] });
  if (opset < 12) b.node('Dropout', ['mp'], ['d'], { ratio: 0.2 });
  else b.weight('ratio', [], 0.2).node('Dropout', ['mp', 'ratio'], ['d']);
  b.ints('shape', [1, -1]).node('Reshape', ['d', 'shape'], ['f']).weight('fw', [72, 10]).node('Gemm', ['f', 'fw'], ['y']);
  return b.node('Softmax', ['y'], ['s']).output('s');
}

describe('opsets 9 to 21', () => {
  it('read each opset\'s form of the same network into the same trace', () => {
    const traces = Array.from({ length: 13 }, (_, i) => imported(net(9 + i)).trace.layers);
    // Pad 1 each side, 3×3 stride 2 on 12: 6; 2×2 max pool: 3; 3·3·8 = 72 inputs to the fc.
    expect(traces[0]?.map((l) => [l.op, l.outputHeight, l.outputChannels])).toEqual([['conv', 6, 8], ['pool', 3, 8], ['fc', 1, 10], ['host', 1, 10]]);
    for (const t of traces) expect(t).toEqual(traces[0]);
  });

  it('a Pad at opset 11 or later without its pads input is refused', () => {
    const b = new OnnxBuilder(13).input('x', [1, 3, 12, 12]).node('Pad', ['x'], ['p'], { pads: [0, 0, 1, 1, 0, 0, 1, 1] }).node('MaxPool', ['p'], ['m'], { kernel_shape: [2, 2] }).output('m');
    expect(importError(b)).toMatch(/node "p" \(Pad\): has no pads[\s\S]*expected: pads as input 1 \(opset ≥ 11\)/);
  });
});

import { describe, expect, it } from 'vitest';
import { layerMacs, layerWeightCount } from '../../../../src/workload/layer.js';
import { OnnxBuilder } from './onnx-builder.js';
import { importError, imported } from './helpers.js';

/** Conv, pooling, LRN and Pad: every output extent below is computed by hand from the ONNX operator definitions. */
const conv = (attrs: Record<string, number | number[] | string>, w = [4, 3, 3, 3], input = [1, 3, 10, 10], opset = 13) =>
  new OnnxBuilder(opset).input('x', input).weight('w', w).node('Conv', ['x', 'w'], ['c'], attrs).output('c');

describe('ONNX Conv', () => {
  it('pads 1, stride 2: 10 → floor((10 + 2 − 3) / 2) + 1 = 5; MACs 5·5·4·3·9 = 2,700', () => {
    const l = imported(conv({ pads: [1, 1, 1, 1], strides: [2, 2] })).layer('c');
    expect([l.op, l.outputHeight, l.outputWidth, l.outputChannels, l.stride, l.padding, l.pads]).toEqual(['conv', 5, 5, 4, 2, 1, undefined]);
    expect(layerMacs(l)).toBe(2700);
  });

  it('groups: 8 → 16 channels in 4 groups of 2 inputs; 16·2·9 = 288 weights', () => {
    const l = imported(conv({ group: 4, pads: [1, 1, 1, 1] }, [16, 2, 3, 3], [1, 8, 10, 10])).layer('c');
    expect([l.groups, l.inputChannels, l.outputChannels, l.outputHeight]).toEqual([4, 8, 16, 10]);
    expect(layerWeightCount(l)).toBe(288);
  });

  it('depthwise: groups = channels = 8, weights 8×1×3×3', () => {
    const l = imported(conv({ group: 8 }, [8, 1, 3, 3], [1, 8, 10, 10])).layer('c');
    expect([l.groups, l.outputChannels, l.outputHeight, layerWeightCount(l)]).toEqual([8, 8, 8, 72]);
  });

  it('dilation 2: a 3-tap kernel spans 5, 10 → 6', () => {
    const l = imported(conv({ dilations: [2, 2] })).layer('c');
    expect([l.dilation, l.outputHeight]).toEqual([2, 6]);
  });

  it('asymmetric pads [0, 1, 2, 3]: height 10 + 0 + 2 − 3 + 1 = 10, width 10 + 1 + 3 − 3 + 1 = 12', () => {
    const l = imported(conv({ pads: [0, 1, 2, 3] })).layer('c');
    expect([l.pads, l.padding, l.outputHeight, l.outputWidth]).toEqual([[0, 1, 2, 3], 0, 10, 12]);
  });

  it('auto_pad SAME_UPPER, kernel 4, stride 3 on 10: output ceil(10/3) = 4, total padding 3·3 + 4 − 10 = 3, the odd one at the end', () => {
    const l = imported(conv({ auto_pad: 'SAME_UPPER', strides: [3, 3] }, [4, 3, 4, 4])).layer('c');
    expect([l.pads, l.outputHeight]).toEqual([[1, 1, 2, 2], 4]);
  });

  it('auto_pad SAME_LOWER puts the odd one at the beginning', () => {
    const l = imported(conv({ auto_pad: 'SAME_LOWER', strides: [3, 3] }, [4, 3, 4, 4])).layer('c');
    expect([l.pads, l.outputHeight]).toEqual([[2, 2, 1, 1], 4]);
  });

  it('auto_pad VALID: no padding, 10 → floor((10 − 3) / 2) + 1 = 4', () => {
    const l = imported(conv({ auto_pad: 'VALID', strides: [2, 2] })).layer('c');
    expect([l.padding, l.outputHeight]).toEqual([0, 4]);
  });

  it('refuses unequal strides, naming the node', () => {
    expect(importError(conv({ strides: [1, 2] }))).toMatch(/node "c" \(Conv\): strides are \[1, 2\][\s\S]*expected: equal strides/);
  });

  it('refuses weights that do not fit the channels', () => {
    expect(importError(conv({}, [4, 2, 3, 3]))).toMatch(/weights \[4, 2, 3, 3\] with group 1 do not fit its 3 input channels/);
  });
});

describe('ONNX pooling and LRN', () => {
  const pool = (op: string, attrs: Record<string, number | number[]>, input = [1, 4, 16, 16], opset = 13) =>
    new OnnxBuilder(opset).input('x', input).node(op, ['x'], ['p'], attrs).output('p');

  it('MaxPool 3×3 stride 2 on 16: floor 7; ceil_mode ceil(13/2) + 1 = 8, as one row of end padding', () => {
    expect(imported(pool('MaxPool', { kernel_shape: [3, 3], strides: [2, 2] })).layer('p').outputHeight).toBe(7);
    const l = imported(pool('MaxPool', { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 })).layer('p');
    expect([l.pool, l.outputHeight, l.pads]).toEqual(['max', 8, [0, 0, 1, 1]]);
  });

  it('ceil_mode drops a last window that would start in the end padding: 5, k2, s2, pads 1 → 3, not 4', () => {
    const l = imported(pool('MaxPool', { kernel_shape: [2, 2], strides: [2, 2], pads: [1, 1, 1, 1], ceil_mode: 1 }, [1, 4, 5, 5])).layer('p');
    expect([l.outputHeight, l.padding]).toEqual([3, 1]);
  });

  it('AveragePool 2×2 stride 2: 16 → 8; opset 9 (no ceil_mode) reads the same', () => {
    for (const opset of [9, 13]) {
      const l = imported(pool('AveragePool', { kernel_shape: [2, 2], strides: [2, 2] }, [1, 4, 16, 16], opset)).layer('p');
      expect([l.pool, l.outputHeight, l.outputChannels]).toEqual(['avg', 8, 4]);
    }
  });

  it('GlobalAveragePool: the window is the whole 7×5 input', () => {
    const l = imported(new OnnxBuilder().input('x', [1, 4, 7, 5]).node('GlobalAveragePool', ['x'], ['g']).output('g')).layer('g');
    expect([l.pool, l.kernelHeight, l.kernelWidth, l.outputHeight, l.outputWidth]).toEqual(['avg', 7, 5, 1, 1]);
  });

  it('LRN keeps the shape and records its channel window', () => {
    const l = imported(pool('LRN', { size: 5 })).layer('p');
    expect([l.op, l.lrnSize, l.outputHeight, l.outputChannels]).toEqual(['lrn', 5, 16, 4]);
  });

  it('refuses a dilated MaxPool', () => {
    expect(importError(pool('MaxPool', { kernel_shape: [2, 2], dilations: [2, 2] }))).toMatch(/undilated pooling/);
  });
});

describe('ONNX Pad before a Conv (pads: an attribute before opset 11, an input from it)', () => {
  // pads [n, c, h, w begins, n, c, h, w ends] = top 1, left 2, bottom 3, right 4: height 10 + 4 − 3 + 1 = 12, width 10 + 6 − 3 + 1 = 14.
  const pads = [0, 0, 1, 2, 0, 0, 3, 4];
  const expectPadded = (b: OnnxBuilder): void => {
    const r = imported(b);
    expect(r.trace.layers).toHaveLength(1);
    const l = r.layer('c');
    expect([l.pads, l.outputHeight, l.outputWidth]).toEqual([[1, 2, 3, 4], 12, 14]);
    expect(r.absorbed.get('Pad')).toBe(1);
  };

  it('opset 9, pads attribute', () => {
    expectPadded(new OnnxBuilder(9).input('x', [1, 3, 10, 10]).node('Pad', ['x'], ['p'], { pads }).weight('w', [4, 3, 3, 3]).node('Conv', ['p', 'w'], ['c']).output('c'));
  });

  it('opset 13, pads input', () => {
    expectPadded(new OnnxBuilder(13).input('x', [1, 3, 10, 10]).ints('pads', pads).node('Pad', ['x', 'pads'], ['p']).weight('w', [4, 3, 3, 3]).node('Conv', ['p', 'w'], ['c']).output('c'));
  });

  it('opset 18, pads of the axes input [2, 3]', () => {
    expectPadded(
      new OnnxBuilder(18).input('x', [1, 3, 10, 10]).ints('pads', [1, 2, 3, 4]).ints('axes', [2, 3]).node('Pad', ['x', 'pads', '', 'axes'], ['p'])
        .weight('w', [4, 3, 3, 3]).node('Conv', ['p', 'w'], ['c']).output('c'),
    );
  });

  it('refuses a Pad read by anything but a Conv or pooling, and reflect padding', () => {
    const b = new OnnxBuilder(9).input('x', [1, 3, 10, 10]).node('Pad', ['x'], ['p'], { pads }).node('LRN', ['p'], ['n'], { size: 3 }).output('n');
    expect(importError(b)).toMatch(/node "n" \(LRN\): reads the output of a Pad node/);
    const r = new OnnxBuilder(9).input('x', [1, 3, 10, 10]).node('Pad', ['x'], ['p'], { pads, mode: 'reflect' }).weight('w', [4, 3, 3, 3]).node('Conv', ['p', 'w'], ['c']).output('c');
    expect(importError(r)).toMatch(/mode is "reflect"/);
  });
});

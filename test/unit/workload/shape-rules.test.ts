import { describe, expect, it } from 'vitest';
import type { Layer, Trace } from '../../../src/workload/layer.js';
import { layerMacs, layerWeightCount } from '../../../src/workload/layer.js';
import { checkTraceConsistency } from '../../../src/workload/trace-consistency.js';
import { resolveTrace } from '../../../src/workload/load-trace.js';
import { UserError } from '../../../src/errors.js';

/** A layer with pointwise defaults (1×1, stride 1, no padding, one group): each case sets what it is about. */
function L(name: string, op: Layer['op'], inputs: string[], shape: Partial<Layer>): Layer {
  const base: Layer = {
    name, op, inputs,
    inputHeight: 8, inputWidth: 8, inputChannels: 4, outputChannels: 4,
    kernelHeight: 1, kernelWidth: 1, stride: 1, padding: 0, groups: 1, outputHeight: 8, outputWidth: 8,
  };
  const l = { ...base, ...shape };
  return op === 'conv' || op === 'fc' ? { weights: { density: 1, valueBits: 8 }, ...l } : l;
}

const trace = (layers: Layer[]): Trace => ({ name: 't', description: '', source: 'hand-written', activationBits: 8, layers });

function failure(layers: Layer[]): UserError {
  try {
    checkTraceConsistency(trace(layers), 't.json');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('trace passed');
}

const ok = (layers: Layer[]): void => expect(() => checkTraceConsistency(trace(layers), 't.json')).not.toThrow();

describe('dilation', () => {
  // 10×10, 3×3 at dilation 2 spans (3 − 1)·2 + 1 = 5; padding 2: floor((10 + 2 + 2 − 5) / 1) + 1 = 10.
  const dilated = (out: number, padding: number): Layer =>
    L('d', 'conv', ['input'], { inputHeight: 10, inputWidth: 10, kernelHeight: 3, kernelWidth: 3, padding, dilation: 2, outputHeight: out, outputWidth: out });
  it('uses the dilated kernel extent', () => ok([dilated(10, 2)]));
  it('unpadded: floor((10 − 5) / 1) + 1 = 6, not 8 as an undilated 3×3 gives', () => {
    ok([dilated(6, 0)]);
    expect(failure([dilated(8, 0)]).message).toMatch(/outputHeight of "d" is 8, expected 6 \(floor\(\(10 \+ 0 \+ 0 − \(3 − 1\)·2 \+ 1\) \/ 1\) \+ 1\)/);
  });
  it('a dilated kernel wider than the padded input is refused', () => {
    // 3×3 at dilation 5 spans 11 > 10.
    const e = failure([{ ...dilated(1, 0), dilation: 5 }]);
    expect(e.message).toMatch(/spanning 11\) exceeds its padded input/);
  });
  it('only convolutions are dilated', () => {
    const e = failure([L('p', 'pool', ['input'], { pool: 'max', dilation: 2 })]);
    expect(e.details.jsonPath).toBe('/layers/0/dilation');
  });
});

describe('asymmetric padding', () => {
  // TF "SAME", 8 wide, 3×3 stride 2: 4 outputs need 1 padding at the end only: floor((8 + 0 + 1 − 3) / 2) + 1 = 4.
  const same = (out: number): Layer =>
    L('s', 'conv', ['input'], { kernelHeight: 3, kernelWidth: 3, stride: 2, pads: [0, 0, 1, 1], outputHeight: out, outputWidth: out });
  it('counts the begin and end pads separately', () => ok([same(4)]));
  it('symmetric padding 0 would give 3', () => {
    expect(failure([same(3)]).message).toMatch(/expected 4 \(floor\(\(8 \+ 0 \+ 1 − 3\) \/ 2\) \+ 1\)/);
  });
  it('ceil-mode pooling as end padding: 112 → 56 with a 3×3 stride-2 window', () => {
    ok([L('p', 'pool', ['input'], { pool: 'max', inputHeight: 112, inputWidth: 112, kernelHeight: 3, kernelWidth: 3, stride: 2, pads: [0, 0, 1, 1], outputHeight: 56, outputWidth: 56 })]);
  });
  it('padding must equal pads[0]', () => {
    const e = failure([{ ...same(4), padding: 1 }]);
    expect(e.details.jsonPath).toBe('/layers/0/padding');
  });
  it('element-wise layers take no pads', () => {
    const e = failure([L('c', 'conv', ['input'], {}), L('a', 'eltwise', ['c', 'input'], { pads: [0, 0, 0, 0] })]);
    expect(e.details.jsonPath).toBe('/layers/1/pads');
  });
});

describe('groups', () => {
  it('depthwise 3×3 on 32 channels: groups 32, 9 MACs per output, 288 weights', () => {
    const dw = L('dw', 'conv', ['input'], { inputChannels: 32, outputChannels: 32, groups: 32, kernelHeight: 3, kernelWidth: 3, padding: 1 });
    ok([dw]);
    expect(layerMacs(dw)).toBe(8 * 8 * 32 * 9);
    expect(layerWeightCount(dw)).toBe(32 * 9);
  });
  it('depthwise with multiplier 2: 8 → 16 channels, groups 8', () => {
    ok([L('dw', 'conv', ['input'], { inputChannels: 8, outputChannels: 16, groups: 8 })]);
  });
  it('groups that do not divide the channels are refused', () => {
    const e = failure([L('g', 'conv', ['input'], { inputChannels: 32, outputChannels: 32, groups: 3 })]);
    expect(e.message).toMatch(/groups 3 of "g" does not divide its channels \(32 in, 32 out\)/);
    expect(failure([L('g', 'conv', ['input'], { inputChannels: 8, outputChannels: 12, groups: 8 })]).details.jsonPath).toBe('/layers/0/groups');
  });
});

describe('concat', () => {
  const a = L('a', 'conv', ['input'], { outputChannels: 4 });
  const b = L('b', 'conv', ['input'], { outputChannels: 6 });
  it('input channels are the producers\' sum, 4 + 6 = 10', () => {
    const cat = L('cat', 'concat', ['a', 'b'], { inputChannels: 10, outputChannels: 10 });
    ok([a, b, cat]);
    expect(layerMacs(cat)).toBe(0);
    expect(layerWeightCount(cat)).toBe(0);
  });
  it('a wrong sum is refused naming the parts', () => {
    const e = failure([a, b, L('cat', 'concat', ['a', 'b'], { inputChannels: 9, outputChannels: 9 })]);
    expect(e.message).toMatch(/inputChannels of concat "cat" is 9, expected 10 \(the sum of its inputs' channels, a \+ b\)/);
  });
  it('producers of other heights are refused', () => {
    const small = L('s', 'pool', ['a'], { pool: 'max', kernelHeight: 2, kernelWidth: 2, stride: 2, outputHeight: 4, outputWidth: 4 });
    const e = failure([a, small, L('cat', 'concat', ['a', 's'], { inputChannels: 8, outputChannels: 8 })]);
    expect(e.message).toMatch(/inputHeight of "cat" is 8, expected 4/);
  });
  it('needs two inputs and keeps its channels', () => {
    expect(failure([a, L('cat', 'concat', ['a'], {})]).details.jsonPath).toBe('/layers/1/inputs');
    expect(failure([a, b, L('cat', 'concat', ['a', 'b'], { inputChannels: 10, outputChannels: 5 })]).details.jsonPath).toBe('/layers/2/outputChannels');
  });
});

describe('matmul', () => {
  // BERT-base attention scores: Q, K are 128 tokens × 768 (12 heads × 64); Q·Kᵀ per head is 128×64 · 64×128.
  const tokens = { inputHeight: 128, inputWidth: 1, outputHeight: 128, outputWidth: 1 };
  const q = L('q', 'fc', ['input'], { ...tokens, inputChannels: 768, outputChannels: 768 });
  const k = L('k', 'fc', ['input'], { ...tokens, inputChannels: 768, outputChannels: 768 });
  const scores = L('scores', 'matmul', ['q', 'k'], { ...tokens, inputChannels: 768, outputChannels: 12 * 128, groups: 12 });
  it('Q·Kᵀ: M·heads·K·N = 128·12·64·128 MACs, no weights', () => {
    ok([q, k, scores]);
    expect(layerMacs(scores)).toBe(128 * 12 * 64 * 128);
    expect(layerWeightCount(scores)).toBe(0);
  });
  it('the B operand must hold heads·K·N elements', () => {
    const half = L('k', 'fc', ['input'], { ...tokens, inputChannels: 768, outputChannels: 384 });
    const e = failure([q, half, scores]);
    expect(e.message).toMatch(/operand B of matmul "scores" has 49152 elements \(128×1×384\), expected 98304/);
  });
  it('windows: 8 windows of 16 tokens, each with its own B, B holding windows·heads·K·N; windows only on matmul', () => {
    // The same 128 tokens in 8 windows of 16: Q·Kᵀ per window and head is 16×64 · 64×16, so N = 16.
    const windowed = { ...scores, outputChannels: 12 * 16, windows: 8 };
    ok([q, k, windowed]);
    expect(layerMacs(windowed)).toBe(8 * 12 * 16 * 64 * 16);
    const e = failure([q, k, { ...windowed, windows: 4 }]);
    expect(e.message).toMatch(/operand B of matmul "scores" has 98304 elements \(128×1×768\), expected 49152/);
    expect(failure([{ ...q, windows: 2 }, k, windowed]).details.jsonPath).toBe('/layers/0/windows');
  });
  it('the A operand\'s shape is the product\'s input shape', () => {
    expect(failure([q, k, { ...scores, inputChannels: 384, groups: 6 }]).details.jsonPath).toBe('/layers/2/inputChannels');
  });
  it('heads must divide both channel counts', () => {
    expect(failure([q, k, { ...scores, groups: 7 }]).message).toMatch(/heads \(groups\) 7 of "scores" does not divide/);
  });
  it('exactly two inputs, no weights', () => {
    expect(failure([q, k, { ...scores, inputs: ['q'] }]).details.jsonPath).toBe('/layers/2/inputs');
    expect(failure([q, k, { ...scores, weights: { density: 1, valueBits: 8 } }]).details.jsonPath).toBe('/layers/2/weights');
  });
  it('fc per token: 128 rows of a 768 → 3072 dense layer count 128·768·3072 MACs', () => {
    const ff = L('ff', 'fc', ['input'], { ...tokens, inputChannels: 768, outputChannels: 3072 });
    ok([ff]);
    expect(layerMacs(ff)).toBe(128 * 768 * 3072);
    expect(layerWeightCount(ff)).toBe(768 * 3072);
    expect(failure([{ ...ff, kernelHeight: 2 }]).message).toMatch(/neither covers its 128×1 input nor is 1×1/);
  });
});

describe('global pooling', () => {
  it('a 7×5 window over a 7×5 input gives 1×1', () => {
    ok([L('g', 'pool', ['input'], { pool: 'avg', inputHeight: 7, inputWidth: 5, kernelHeight: 7, kernelWidth: 5, outputHeight: 1, outputWidth: 1 })]);
  });
  it('a window wider than the input is refused', () => {
    const e = failure([L('g', 'pool', ['input'], { pool: 'avg', inputHeight: 7, inputWidth: 5, kernelHeight: 7, kernelWidth: 7, outputHeight: 1, outputWidth: 1 })]);
    expect(e.details.jsonPath).toBe('/layers/0/kernelWidth');
  });
});

describe('lrn and host keys', () => {
  const file = (layers: Layer[]): unknown => JSON.parse(JSON.stringify(trace(layers)));
  it('lrn needs lrnSize, host needs hostOp (schema)', () => {
    expect(() => resolveTrace(file([L('n', 'lrn', ['input'], {})]), 't.json')).toThrow(/lrnSize/);
    expect(() => resolveTrace(file([L('h', 'host', ['input'], {})]), 't.json')).toThrow(/hostOp/);
    expect(resolveTrace(file([L('n', 'lrn', ['input'], { lrnSize: 5 }), L('h', 'host', ['n'], { hostOp: 'softmax' })]), 't.json').layers).toHaveLength(2);
  });
  it('a key of another op is refused', () => {
    expect(failure([L('n', 'lrn', ['input'], { lrnSize: 5, hostOp: 'softmax' })]).details.jsonPath).toBe('/layers/0/hostOp');
    expect(failure([L('h', 'host', ['input'], { hostOp: 'layernorm', eltwise: 'mul' })]).details.jsonPath).toBe('/layers/0/eltwise');
  });
  it('an lrn keeps its shape and runs no window', () => {
    expect(failure([L('n', 'lrn', ['input'], { lrnSize: 5, kernelHeight: 5 })]).details.jsonPath).toBe('/layers/0/kernelHeight');
  });
});

describe('eltwise operands per channel, and the per-channel scale', () => {
  const se = L('s', 'pool', ['c'], { kernelHeight: 8, kernelWidth: 8, pool: 'avg', outputHeight: 1, outputWidth: 1 });
  it('an operand after the first may be 1×1×C (squeeze-excite), not 1×1 of other channels nor the first operand', () => {
    ok([L('c', 'conv', ['input'], {}), se, L('m', 'eltwise', ['c', 's'], { eltwise: 'mul' })]);
    expect(failure([L('c', 'conv', ['input'], {}), se, L('m', 'eltwise', ['s', 'c'], { eltwise: 'mul' })]).message).toMatch(/inputHeight of "m" is 8, expected 1/);
    const narrow = L('n', 'conv', ['s'], { inputHeight: 1, inputWidth: 1, outputHeight: 1, outputWidth: 1, outputChannels: 2 });
    expect(failure([L('c', 'conv', ['input'], {}), se, narrow, L('m', 'eltwise', ['c', 'n'], { eltwise: 'mul' })]).message).toMatch(/inputChannels of "m" is 4, expected 2/);
  });

  it('a scale takes exactly one input', () => {
    ok([L('c', 'conv', ['input'], {}), L('bn', 'eltwise', ['c'], { eltwise: 'scale' })]);
    expect(failure([L('c', 'conv', ['input'], {}), L('bn', 'eltwise', ['c', 'input'], { eltwise: 'scale' })]).message).toMatch(/layer "bn" \(op eltwise\) has 2 inputs/);
    expect(failure([L('c', 'conv', ['input'], {}), L('a', 'eltwise', ['c'], {})]).details.expected).toMatch(/at least 2 inputs for op eltwise/);
  });
});

describe('channel slices', () => {
  it('a layer may read channels [2, 4) of its 4-channel input; [3, 5) and a slice of a missing input are refused', () => {
    const half = (channelOffset: number, input = 0): Layer => L('h', 'conv', ['c'], { inputChannels: 2, slices: [{ input, channelOffset, channels: 2 }] });
    ok([L('c', 'conv', ['input'], {}), half(2)]);
    expect(failure([L('c', 'conv', ['input'], {}), half(3)]).message).toMatch(/layer "h" reads channels 3–4 of "c", which has 4/);
    expect(failure([L('c', 'conv', ['input'], {}), half(0, 1)]).details.jsonPath).toBe('/layers/1/slices/0/input');
    // A concat's slices count toward its channel sum: 2 + 4 = 6.
    ok([L('c', 'conv', ['input'], {}), L('j', 'concat', ['c', 'c'], { inputChannels: 6, outputChannels: 6, slices: [{ input: 0, channelOffset: 0, channels: 2 }] })]);
  });
});

import { describe, expect, it, test } from 'vitest';
import { activationLiveness, peakLiveActivationBytes, tensorBytes } from '../../../src/workload/liveness.js';
import { buildTinyConvTrace } from '../../../src/workload/tiny-trace.js';
import { buildResNet50 } from '../../../src/workload/resnet50.js';
import { inputElements, outputElements } from '../../../src/workload/layer.js';

describe('activation liveness, tiny trace (hand-computed)', () => {
  // Tensors at int8: input 6·6·2 = 72 B; conv_a, conv_b and add outputs 6·6·4 = 144 B each.
  it('holds inputs and output of the running layer plus everything read later', () => {
    const r = activationLiveness(buildTinyConvTrace());
    expect(r.perLayer).toEqual([
      // conv_a: the network input and its own output: 72 + 144.
      { layer: 'conv_a', live_bytes: 216, liveTensors: ['input', 'conv_a'] },
      // conv_b: conv_a stays live (the add reads it later); the input is dead: 144 + 144.
      { layer: 'conv_b', live_bytes: 288, liveTensors: ['conv_a', 'conv_b'] },
      // add: both branches and its output: 3 · 144.
      { layer: 'add', live_bytes: 432, liveTensors: ['conv_a', 'conv_b', 'add'] },
    ]);
    expect(r.peak_bytes).toBe(432);
    expect(r.peakLayer).toBe('add');
  });

  it('scales with activationBits, rounding each tensor up to whole bytes', () => {
    // 4-bit: 36 + 72 = 108, 72 + 72 = 144, 3 · 72 = 216.
    const t = { ...buildTinyConvTrace(), activationBits: 4 };
    expect(activationLiveness(t).perLayer.map((p) => p.live_bytes)).toEqual([108, 144, 216]);
    // 3 elements at 3 bits = 9 bits: 2 bytes, 8 bits: 1 byte (boundary pair).
    expect(tensorBytes(3, 3)).toBe(2);
    expect(tensorBytes(2, 4)).toBe(1);
  });
});

describe.each(['v1.5', 'v1'] as const)('activation liveness, ResNet-50 %s', (variant) => {
  const trace = buildResNet50(variant);
  const r = activationLiveness(trace);
  const at = (name: string) => r.perLayer.find((p) => p.layer === name)?.live_bytes;

  it('peaks at the first residual add', () => {
    // res2a: its projection res2a_branch1 and res2a_branch2c (56·56·256 = 802,816 B each) and its own
    // output of the same shape: 3 · 802,816 = 2,408,448 B. Later stages have half the elements per tensor.
    expect(r.peak_bytes).toBe(2_408_448);
    expect(r.peakLayer).toBe('res2a');
    expect(peakLiveActivationBytes(trace)).toBe(2_408_448);
  });

  it('matches hand-computed steps', () => {
    expect(at('conv1')).toBe(150_528 + 802_816); // input 224·224·3 + conv1 112·112·64
    expect(at('pool1')).toBe(802_816 + 200_704); // conv1 + pool1 56·56·64
    // res2a_branch2a: pool1 (its input; res2a_branch1 read it earlier) + res2a_branch1 (read by the add) + its output.
    expect(at('res2a_branch2a')).toBe(200_704 + 802_816 + 200_704);
    expect(at('fc1000')).toBe(2_048 + 1_000); // pool5 1·1·2048 + fc1000 1·1·1000
  });

  it('every step holds at least the running layer inputs and output', () => {
    trace.layers.forEach((l, i) => {
      const own = outputElements(l) + l.inputs.length * inputElements(l);
      expect(r.perLayer[i]!.live_bytes, l.name).toBeGreaterThanOrEqual(own);
    });
  });
});

describe('liveness of fused hardware layers', () => {
  test('a tensor that a fused layer never writes takes no space: ResNet-50 peak 2,408,448 B → 1,806,336 B', () => {
    const trace = buildResNet50('v1.5');
    // Unfused, res2a runs with res2a_branch1, res2a_branch2c and its own output live: 3 × 56·56·256 = 2,408,448 B.
    expect(peakLiveActivationBytes(trace)).toBe(3 * 56 * 56 * 256);
    // With every add fused into its branch2c convolution, the branch2c outputs are never written and each sum is
    // written while its convolution runs. The peak moves to res2a_branch2c + res2a: branch1's output and the sum
    // (56·56·256 each) plus branch2b's output (56·56·64) = 1,806,336 B.
    const chains = trace.layers.filter((l) => l.op === 'eltwise').map((l) => [l.inputs.find((i) => i.endsWith('branch2c'))!, l.name]);
    expect(chains).toHaveLength(16);
    expect(peakLiveActivationBytes(trace, chains)).toBe(2 * 56 * 56 * 256 + 56 * 56 * 64);
  });
});

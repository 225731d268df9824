import { describe, expect, it } from 'vitest';
import type { Trace } from '../../../src/workload/layer.js';
import { summarizeTrace } from '../../../src/workload/summary.js';
import { checkTraceConsistency } from '../../../src/workload/trace-consistency.js';
import { buildResNet18 } from '../../../src/workload/resnet18.js';
import { buildVgg16 } from '../../../src/workload/vgg16.js';
import { buildAlexNet } from '../../../src/workload/alexnet.js';
import { buildGoogLeNet } from '../../../src/workload/googlenet.js';
import { buildMobileNetV2 } from '../../../src/workload/mobilenet-v2.js';
import { buildSqueezeNet11 } from '../../../src/workload/squeezenet.js';
import { buildBertBaseLayer } from '../../../src/workload/bert-layer.js';

/**
 * Each zoo network against its published counts. The traces count conv and fc weights only; published parameter
 * counts also hold biases (one per output channel of every conv/fc that has one) and batch-norm scale and shift
 * (two per output channel of every conv followed by BN), which the tests add back from the trace's own shapes.
 */
const outputs = (t: Trace, op: 'conv' | 'fc'): number => t.layers.filter((l) => l.op === op).reduce((s, l) => s + l.outputChannels, 0);

describe('model zoo: published MAC and parameter counts', () => {
  it('ResNet-18: torchvision resnet18 model card, 11,689,512 parameters (with BN and fc bias), 1.81 GMACs ("GFLOPS")', () => {
    const t = buildResNet18();
    const s = summarizeTrace(t);
    // convs have no bias (BN follows each: 2 per channel); fc has 1,000 biases.
    expect(s.weights + 2 * outputs(t, 'conv') + 1000).toBe(11_689_512);
    expect(s.macs / 1e9).toBeCloseTo(1.81, 2);
  });

  it('VGG-16: torchvision vgg16 model card, 138,357,544 parameters (with biases), 15.47 GMACs', () => {
    const t = buildVgg16();
    const s = summarizeTrace(t);
    expect(s.weights + outputs(t, 'conv') + outputs(t, 'fc')).toBe(138_357_544);
    expect(s.macs / 1e9).toBeCloseTo(15.47, 2);
  });

  it('AlexNet (Caffe): 60,965,224 parameters with biases; 724 M MACs (Sze et al., Proc. IEEE 2017, Table 3)', () => {
    const t = buildAlexNet();
    const s = summarizeTrace(t);
    expect(s.weights + outputs(t, 'conv') + outputs(t, 'fc')).toBe(60_965_224);
    // Hand count: conv1 55²·96·363 + conv2 27²·256·1200 + conv3 13²·384·2304 + conv4 13²·384·1728 + conv5 13²·256·1728 + fc 58,621,952.
    expect(s.macs).toBe(105_415_200 + 223_948_800 + 149_520_384 + 112_140_288 + 74_760_192 + 58_621_952);
    expect(s.macs / 1e6).toBeCloseTo(724, 0);
  });

  it('GoogLeNet: 7.0 M weights (Sze et al. 2017, Table 3); MACs as Szegedy et al. 2015 Table 1 with conv1 recounted', () => {
    const t = buildGoogLeNet();
    const s = summarizeTrace(t);
    expect(s.weights / 1e6).toBeCloseTo(7.0, 1);
    // Table 1 "ops" column sums to 1,502 M, but lists conv1 (7×7×3 → 64 at 112×112) as 34 M; 112²·64·147 = 118.0 M.
    // Twelve entries rounded to 1 M: within ±6 M.
    const table1 = 1502e6 - 34e6 + 112 * 112 * 64 * 147;
    expect(Math.abs(s.macs - table1)).toBeLessThan(6e6);
  });

  it('MobileNetV2: torchvision mobilenet_v2 model card, 3,504,872 parameters (with BN and fc bias); 300 M MACs (Sandler et al. 2018, Table 4)', () => {
    const t = buildMobileNetV2();
    const s = summarizeTrace(t);
    expect(s.weights + 2 * outputs(t, 'conv') + 1000).toBe(3_504_872);
    expect(s.macs / 1e6).toBeCloseTo(300, -1);
    // 17 depthwise convolutions, one group per channel.
    expect(t.layers.filter((l) => l.op === 'conv' && l.groups > 1 && l.groups === l.inputChannels)).toHaveLength(17);
  });

  it('SqueezeNet 1.1: torchvision squeezenet1_1 model card, 1,235,496 parameters (with biases), 0.35 GMACs', () => {
    const t = buildSqueezeNet11();
    const s = summarizeTrace(t);
    expect(s.weights + outputs(t, 'conv')).toBe(1_235_496);
    expect(s.macs / 1e9).toBeCloseTo(0.35, 2);
  });

  it('BERT-base layer: 12 of them plus embeddings and pooler make bert-base-uncased\'s 109,482,240 parameters', () => {
    const t = buildBertBaseLayer();
    const s = summarizeTrace(t);
    const h = 768;
    // Per layer: six dense weight matrices, their biases (4·768 + 3,072 + 768), two layer norms (2·2·768).
    const perLayer = s.weights + outputs(t, 'fc') + 2 * 2 * h;
    const embeddings = 30_522 * h + 512 * h + 2 * h + 2 * h; // word, position, token type, layer norm
    const pooler = h * h + h;
    expect(12 * perLayer + embeddings + pooler).toBe(109_482_240);
    // Hand count at 128 tokens: 128 × 7,077,888 dense + Q·Kᵀ and A·V, 128·128·768 each.
    expect(s.macs).toBe(128 * 7_077_888 + 2 * 128 * 128 * 768);
    expect(s.weights).toBe(4 * h * h + 2 * h * 3072);
  });

  it('every zoo trace passes the consistency rules', () => {
    for (const build of [buildResNet18, buildVgg16, buildAlexNet, buildGoogLeNet, buildMobileNetV2, buildSqueezeNet11, buildBertBaseLayer]) {
      const t = build();
      expect(() => checkTraceConsistency(t, `${t.name}.json`)).not.toThrow();
    }
  });
});

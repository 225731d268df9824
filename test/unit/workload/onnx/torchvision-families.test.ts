import { describe, expect, it } from 'vitest';
import { layerMacs, layerWeightCount, type Layer } from '../../../../src/workload/layer.js';
import { imported } from './helpers.js';
import { convnextBlock, densenet121, densenetBlock, efficientnetB0, efficientnetBlock, googlenetBlock, inceptionV3Block, mobilenetV3Block, regnetBlock, shufflenetBlock } from './torchvision-blocks.js';

/**
 * Each torchvision family's characteristic block (torchvision-blocks.ts, as torch.onnx.export writes it at opset
 * 17), imported; MACs and weights below are computed by hand, layer by layer (out H·W · out C · in C/group · kH·kW).
 */

const total = (layers: readonly Layer[], f: (l: Layer) => number): number => layers.reduce((s, l) => s + f(l), 0);
const ops = (layers: readonly Layer[]) => layers.map((l) => (l.op === 'eltwise' ? `eltwise:${l.eltwise ?? 'add'}` : l.op === 'host' ? `host:${l.hostOp ?? '?'}` : l.op));

describe('torchvision families', () => {
  it('DenseNet: pre-activation BNs are standalone SDP scales, concatenations grow 16 → 20 → 24 channels', () => {
    const r = imported(densenetBlock());
    const L = r.trace.layers;
    // conv0 16·16·16·3·49 = 602,112; per dense layer 1×1 8·8·8·c (c = 16, 20) and 3×3 8·8·4·8·9 = 18,432;
    // transition 8·8·12·24 = 18,432; classifier 10·12 = 120.
    expect(total(L, layerMacs)).toBe(602_112 + 8_192 + 18_432 + 10_240 + 18_432 + 18_432 + 120);
    expect(total(L, layerWeightCount)).toBe(2_352 + 128 + 288 + 160 + 288 + 288 + 120);
    expect(r.layer('l1.norm1')).toMatchObject({ op: 'eltwise', eltwise: 'scale', inputs: ['pool0'], inputChannels: 16, outputHeight: 8 });
    expect(r.layer('cat2')).toMatchObject({ op: 'concat', inputs: ['pool0', 'l1.conv2'], outputChannels: 20 });
    expect(r.layer('block1')).toMatchObject({ op: 'concat', inputs: ['pool0', 'l1.conv2', 'l2.conv2'], outputChannels: 24 });
    expect(r.layer('l2.norm1').inputs).toEqual(['cat2']);
    expect(r.layer('norm5')).toMatchObject({ eltwise: 'scale', inputs: ['t.pool'], inputHeight: 4, inputChannels: 12 });
    // The one-input torch.cat of the first dense layer is no layer; the 7 ReLUs (stem, 2 per dense layer, transition, final) are fused.
    expect(L.find((l) => l.name === 'cat1')).toBeUndefined();
    expect([r.absorbed.get('Concat'), r.absorbed.get('Relu'), r.absorbed.get('BatchNormalization')]).toEqual([1, 7, undefined]);
    expect(ops(L).filter((o) => o === 'eltwise:scale')).toHaveLength(4);
  });

  it('EfficientNet-B0: SiLU fused (Sigmoid·x), squeeze-excite as an SDP mul with a per-channel operand', () => {
    const r = imported(efficientnetBlock());
    // stem 8·8·8·27 = 13,824; expand 64·32·8 = 16,384; depthwise 64·32·9 = 18,432; SE 2·32 + 32·2 = 128;
    // project 64·8·32 = 16,384; head 64·16·8 = 8,192; classifier 160.
    expect(total(r.trace.layers, layerMacs)).toBe(13_824 + 16_384 + 18_432 + 128 + 16_384 + 8_192 + 160);
    expect(total(r.trace.layers, layerWeightCount)).toBe(216 + 256 + 288 + 128 + 256 + 128 + 160);
    expect(r.layer('se.mul')).toMatchObject({ op: 'eltwise', eltwise: 'mul', inputs: ['dw', 'se.fc2'], inputHeight: 8, inputChannels: 32, outputChannels: 32 });
    expect(r.layer('res')).toMatchObject({ op: 'eltwise', inputs: ['project', 'stem'] });
    expect(r.layer('expand').inputs).toEqual(['stem']);
    // Five SiLUs (stem, expand, dw, se.fc1, head): a Sigmoid and a Mul each, plus the SE's Sigmoid.
    expect([r.absorbed.get('Sigmoid'), r.absorbed.get('Mul')]).toEqual([6, 5]);
  });

  it('MobileNetV3: HardSwish and HardSigmoid fused; SE scale · input with the operands in either order', () => {
    const r = imported(mobilenetV3Block());
    // stem 64·16·27 = 27,648; depthwise 64·16·9 = 9,216; SE 128 + 128; project 64·16·16 = 16,384;
    // last 64·32·16 = 32,768; classifier 20·32 + 10·20 = 840.
    expect(total(r.trace.layers, layerMacs)).toBe(27_648 + 9_216 + 256 + 16_384 + 32_768 + 840);
    expect(r.layer('se.mul').inputs).toEqual(['dw', 'se.fc2']);
    expect(r.layer('fc2').inputs).toEqual(['fc1']);
    expect([r.absorbed.get('HardSwish'), r.absorbed.get('HardSigmoid'), r.absorbed.get('Dropout')]).toEqual([3, 1, 1]);
  });

  it('RegNetY: a grouped 3×3 (2 groups of 8) and SE with the activation first', () => {
    const r = imported(regnetBlock());
    // stem 13,824; a 64·16·8 = 8,192; b 64·16·8·9 = 73,728; SE 32 + 32; c 64·16·16 = 16,384; proj 8,192; fc 160.
    expect(total(r.trace.layers, layerMacs)).toBe(13_824 + 8_192 + 73_728 + 64 + 16_384 + 8_192 + 160);
    expect(r.layer('b')).toMatchObject({ groups: 2, inputChannels: 16, outputChannels: 16 });
    expect(r.layer('se.mul').inputs).toEqual(['b', 'se.fc2']);
  });

  it('GoogLeNet: transform_input (Gather, Unsqueeze, Mul, Add, Concat per channel) is no layer; inception concat', () => {
    const r = imported(googlenetBlock());
    // conv1 8·8·8·3·49 = 75,264 (16 → (16 + 6 − 7)/2 + 1 = 8); pool 3×3/2 ceil: 8 → 4;
    // b1 16·4·8 = 512; b2 512 + 16·6·36 = 3,456; b3 256 + 16·3·18 = 864; b4 256; classifier 150.
    expect(total(r.trace.layers, layerMacs)).toBe(75_264 + 512 + 512 + 3_456 + 256 + 864 + 256 + 150);
    expect(r.layer('conv1')).toMatchObject({ inputs: ['input'], inputChannels: 3, outputHeight: 8 });
    expect(r.layer('inception')).toMatchObject({ op: 'concat', outputChannels: 15, inputHeight: 4 });
    expect(['Gather', 'Unsqueeze', 'Mul', 'Add', 'Concat'].map((op) => r.absorbed.get(op))).toEqual([3, 3, 3, 3, 1]);
  });

  it('Inception-v3: transform_input, 1×7 and 7×1 convolutions with asymmetric pads', () => {
    const r = imported(inceptionV3Block());
    // conv1 (20 − 3)/2 + 1 = 9: 81·8·27 = 17,496; 1×7 81·4·8·7 = 18,144; 7×1 81·4·4·7 = 9,072; classifier 40.
    expect(total(r.trace.layers, layerMacs)).toBe(17_496 + 18_144 + 9_072 + 40);
    expect(r.layer('c1x7')).toMatchObject({ kernelHeight: 1, kernelWidth: 7, pads: [0, 3, 0, 3], padding: 0, outputWidth: 9 });
    expect(r.layer('c7x1')).toMatchObject({ kernelHeight: 7, kernelWidth: 1, pads: [3, 0, 3, 0], outputHeight: 9 });
  });

  it('ShuffleNetV2 stride-2 unit: the channel shuffle (Reshape → Transpose → Reshape) is a host transpose', () => {
    const r = imported(shufflenetBlock());
    // stem 13,824; branch1 16·8·9 + 16·8·8 = 2,176; branch2 64·8·8 + 1,152 + 1,024 = 6,272; classifier 160.
    expect(total(r.trace.layers, layerMacs)).toBe(13_824 + 2_176 + 6_272 + 160);
    expect(r.layer('shuffle')).toMatchObject({ op: 'host', hostOp: 'transpose', inputs: ['cat'], inputChannels: 16, outputChannels: 16, outputHeight: 4 });
    expect(r.layer('gap').inputs).toEqual(['shuffle']);
  });

  it('ShuffleNetV2 stride-1 unit: chunk(2) halves are views of the shuffled surface, read in place by a conv and a concat', () => {
    const r = imported(shufflenetBlock(true));
    // The stride-2 unit as above (22,272) + branch2 on 8 of the 16 channels at 4×4: 16·8·8 + 16·8·9 + 16·8·8 = 3,200.
    expect(total(r.trace.layers, layerMacs)).toBe(13_824 + 2_176 + 6_272 + 3_200 + 160);
    expect(r.layer('u2.pw1')).toMatchObject({ inputs: ['shuffle'], inputChannels: 8, slices: [{ input: 0, channelOffset: 8, channels: 8 }] });
    expect(r.layer('cat2')).toMatchObject({ op: 'concat', inputs: ['shuffle', 'u2.pw2'], inputChannels: 16, slices: [{ input: 0, channelOffset: 0, channels: 8 }] });
    expect(r.layer('shuffle2')).toMatchObject({ op: 'host', hostOp: 'transpose', inputs: ['cat2'] });
    expect(r.absorbed.get('Split')).toBe(1);
  });
});

describe('DenseNet-121 at full size', () => {
  it('2.83 G MACs and 7,978,856 parameters (torchvision densenet121: 2.83 GFLOPS, 7,978,856 params)', () => {
    const { builder, bnChannels } = densenet121();
    const r = imported(builder);
    const L = r.trace.layers;
    expect(total(L, layerMacs) / 1e9).toBeCloseTo(2.83, 2);
    // torchvision counts every BN's γ and β and the classifier's bias besides the conv and fc weights.
    expect(total(L, layerWeightCount) + 2 * bnChannels.reduce((a, b) => a + b, 0) + 1000).toBe(7_978_856);
    // 58 dense layers and 3 transitions and norm5 keep a standalone BN: 58 + 3 + 1 = 62 SDP scales.
    expect(L.filter((l) => l.eltwise === 'scale')).toHaveLength(62);
    expect(L.find((l) => l.name === 'norm5')).toMatchObject({ inputChannels: 1024, inputHeight: 7 });
  });
});

describe('EfficientNet-B0 at full size', () => {
  it('0.39 G MACs and 5,288,548 parameters (torchvision efficientnet_b0: 0.39 GFLOPS, 5,288,548 params)', () => {
    const { builder, otherParams } = efficientnetB0();
    const r = imported(builder);
    expect(total(r.trace.layers, layerMacs) / 1e9).toBeCloseTo(0.39, 2);
    expect(total(r.trace.layers, layerWeightCount) + otherParams).toBe(5_288_548);
    // One squeeze-excite per MBConv block: 16 SDP multiplies with a per-channel operand.
    expect(r.trace.layers.filter((l) => l.eltwise === 'mul')).toHaveLength(16);
  });
});

describe('ConvNeXt', () => {
  it('permutes to channels-last are no copies: LayerNorm on the host per pixel, the Linears 1×1 over H·W rows, GELU fused', () => {
    const r = imported(convnextBlock());
    // stem 8·8·16·3·16 = 49,152; depthwise 64·16·49 = 50,176; fc1 64·64·16 = 65,536; fc2 64·16·64 = 65,536; head 160.
    expect(total(r.trace.layers, layerMacs)).toBe(49_152 + 50_176 + 65_536 + 65_536 + 160);
    expect(r.layer('ln')).toMatchObject({ op: 'host', hostOp: 'layernorm', inputs: ['dw'], inputHeight: 8, inputWidth: 8, inputChannels: 16 });
    expect(r.layer('fc1')).toMatchObject({ op: 'fc', inputs: ['ln'], inputHeight: 8, inputWidth: 8, outputChannels: 64, kernelHeight: 1 });
    expect(r.layer('fc2').inputs).toEqual(['fc1']);
    expect(r.layer('res')).toMatchObject({ op: 'eltwise', inputs: ['fc2', 'stem.norm.ln'] });
    expect(r.trace.layers.filter((l) => l.hostOp === 'layernorm')).toHaveLength(3);
    expect(['Transpose', 'Erf'].map((op) => r.absorbed.get(op))).toEqual([6, 1]);
  });
});

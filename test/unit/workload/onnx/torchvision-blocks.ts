import { OnnxBuilder } from './onnx-builder.js';

/**
 * The characteristic blocks of torchvision's classification families, node by node as torch.onnx.export writes
 * them at opset 17 with do_constant_folding=True in eval mode: a BatchNormalization right after a Conv is folded
 * into the Conv's weights and bias (so those convs carry a bias and no BN follows), every other BN stays; SiLU
 * (nn.SiLU) is Sigmoid then Mul; nn.Hardswish and nn.Hardsigmoid are their own operators; torch.cat of one
 * tensor is a one-input Concat; x[:, i] is a Gather with a scalar index. Small sizes keep the MACs countable.
 */

/** Weights cycle through a few non-zero values (no all-zero layer); a bias of zeros. */
const w = (i: number): number => (i % 7) - 3 || 0.5;

class Net {
  readonly b: OnnxBuilder;
  constructor(input: number[]) {
    this.b = new OnnxBuilder(17).input('x', input);
  }

  /** A Conv [out, in/group, kh, kw] with a bias (an exporter-folded BN), named `name`. */
  conv(name: string, x: string, dims: number[], attrs: Record<string, number | number[]> = {}, bias = true): string {
    this.b.weight(`${name}.w`, dims, w);
    if (bias) this.b.weight(`${name}.b`, [dims[0] ?? 1], 0);
    this.b.node('Conv', [x, `${name}.w`, ...(bias ? [`${name}.b`] : [])], [name], attrs);
    return name;
  }

  act(op: string, x: string, name = `${x}.${op.toLowerCase()}`): string {
    this.b.node(op, [x], [name]);
    return name;
  }

  /** nn.SiLU as the exporter writes it: x · Sigmoid(x). */
  silu(x: string): string {
    this.b.node('Sigmoid', [x], [`${x}.sig`]).node('Mul', [x, `${x}.sig`], [`${x}.silu`]);
    return `${x}.silu`;
  }

  /** A BatchNormalization no conv absorbs (pre-activation), of `c` channels. */
  bn(name: string, x: string, c: number): string {
    for (const [k, v] of [['g', 1], ['b', 0], ['m', 0], ['v', 1]] as const) this.b.weight(`${name}.${k}`, [c], v);
    this.b.node('BatchNormalization', [x, ...['g', 'b', 'm', 'v'].map((k) => `${name}.${k}`)], [name]);
    return name;
  }

  /** adaptive_avg_pool2d(1) → flatten → Linear(c → classes). */
  head(x: string, c: number, classes = 10): this {
    this.b.node('GlobalAveragePool', [x], ['gap']).node('Flatten', ['gap'], ['flat']).weight('fc.w', [classes, c], w).weight('fc.b', [classes], 0)
      .node('Gemm', ['flat', 'fc.w', 'fc.b'], ['fc'], { transB: 1 }).output('fc');
    return this;
  }
}

/**
 * DenseNet: stem conv 7×7/2 + ReLU + max pool 3×3/2, a dense block of two layers (growth 4, bottleneck 8), each
 * torch.cat(features) → norm1 (standalone BN) → ReLU → conv 1×1 (norm2 folded) → ReLU → conv 3×3 (no bias);
 * a transition (BN → ReLU → conv 1×1 → avg pool 2×2/2); norm5 → ReLU → global pool → classifier.
 */
export function densenetBlock(): OnnxBuilder {
  const n = new Net([1, 3, 32, 32]);
  n.act('Relu', n.conv('conv0', 'x', [16, 3, 7, 7], { strides: [2, 2], pads: [3, 3, 3, 3] }));
  n.b.node('MaxPool', ['conv0.relu'], ['pool0'], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  const features = ['pool0'];
  for (const [k, c] of [[1, 16], [2, 20]] as const) {
    n.b.node('Concat', [...features], [`cat${k}`], { axis: 1 });
    const a = n.act('Relu', n.bn(`l${k}.norm1`, `cat${k}`, c));
    const b = n.act('Relu', n.conv(`l${k}.conv1`, a, [8, c, 1, 1]));
    features.push(n.conv(`l${k}.conv2`, b, [4, 8, 3, 3], { pads: [1, 1, 1, 1] }, false));
  }
  n.b.node('Concat', features, ['block1'], { axis: 1 });
  const t = n.act('Relu', n.bn('t.norm', 'block1', 24));
  n.conv('t.conv', t, [12, 24, 1, 1], {}, false);
  n.b.node('AveragePool', ['t.conv'], ['t.pool'], { kernel_shape: [2, 2], strides: [2, 2] });
  return n.head(n.act('Relu', n.bn('norm5', 't.pool', 12)), 12).b;
}

/**
 * EfficientNet-B0 MBConv (expand 4, SE, residual): stem 3×3/2 + SiLU, expand 1×1 + SiLU, depthwise 3×3 + SiLU,
 * squeeze-excite (global pool → 1×1 → SiLU → 1×1 → Sigmoid → scale · input), project 1×1, add; head 1×1 + SiLU.
 */
export function efficientnetBlock(): OnnxBuilder {
  const n = new Net([1, 3, 16, 16]);
  const stem = n.silu(n.conv('stem', 'x', [8, 3, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  const e = n.silu(n.conv('expand', stem, [32, 8, 1, 1]));
  const d = n.silu(n.conv('dw', e, [32, 1, 3, 3], { group: 32, pads: [1, 1, 1, 1] }));
  n.b.node('GlobalAveragePool', [d], ['se.pool']);
  const s = n.act('Sigmoid', n.conv('se.fc2', n.silu(n.conv('se.fc1', 'se.pool', [2, 32, 1, 1])), [32, 2, 1, 1]));
  n.b.node('Mul', [s, d], ['se.mul']);
  n.b.node('Add', [n.conv('project', 'se.mul', [8, 32, 1, 1]), stem], ['res']);
  return n.head(n.silu(n.conv('headconv', 'res', [16, 8, 1, 1])), 16).b;
}

/**
 * MobileNetV3 block: stem 3×3/2 + Hardswish, depthwise 3×3 + ReLU, SE (ReLU, Hardsigmoid), project 1×1, add;
 * last conv 1×1 + Hardswish; classifier Linear → Hardswish → Dropout → Linear.
 */
export function mobilenetV3Block(): OnnxBuilder {
  const n = new Net([1, 3, 16, 16]);
  const stem = n.act('HardSwish', n.conv('stem', 'x', [16, 3, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  const d = n.act('Relu', n.conv('dw', stem, [16, 1, 3, 3], { group: 16, pads: [1, 1, 1, 1] }));
  n.b.node('GlobalAveragePool', [d], ['se.pool']);
  const s = n.act('HardSigmoid', n.conv('se.fc2', n.act('Relu', n.conv('se.fc1', 'se.pool', [8, 16, 1, 1])), [16, 8, 1, 1]));
  n.b.node('Mul', [s, d], ['se.mul']).node('Add', [n.conv('project', 'se.mul', [16, 16, 1, 1]), stem], ['res']);
  const last = n.act('HardSwish', n.conv('last', 'res', [32, 16, 1, 1]));
  n.b.node('GlobalAveragePool', [last], ['gap']).node('Flatten', ['gap'], ['flat']).weight('fc1.w', [20, 32], w).weight('fc1.b', [20], 0)
    .node('Gemm', ['flat', 'fc1.w', 'fc1.b'], ['fc1'], { transB: 1 }).node('HardSwish', ['fc1'], ['fc1.hs']).node('Dropout', ['fc1.hs'], ['drop'])
    .weight('fc2.w', [10, 20], w).weight('fc2.b', [10], 0).node('Gemm', ['drop', 'fc2.w', 'fc2.b'], ['fc2'], { transB: 1 }).output('fc2');
  return n.b;
}

/** RegNetY block: 1×1 → grouped 3×3 (group width 8) → SE (ReLU, Sigmoid) → 1×1, projection shortcut, add → ReLU. */
export function regnetBlock(): OnnxBuilder {
  const n = new Net([1, 3, 16, 16]);
  const stem = n.act('Relu', n.conv('stem', 'x', [8, 3, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  const a = n.act('Relu', n.conv('a', stem, [16, 8, 1, 1]));
  const b = n.act('Relu', n.conv('b', a, [16, 8, 3, 3], { group: 2, pads: [1, 1, 1, 1] }));
  n.b.node('GlobalAveragePool', [b], ['se.pool']);
  const s = n.act('Sigmoid', n.conv('se.fc2', n.act('Relu', n.conv('se.fc1', 'se.pool', [2, 16, 1, 1])), [16, 2, 1, 1]));
  n.b.node('Mul', [b, s], ['se.mul']).node('Add', [n.conv('proj', stem, [16, 8, 1, 1]), n.conv('c', 'se.mul', [16, 16, 1, 1])], ['res']);
  return n.head(n.act('Relu', 'res'), 16).b;
}

/**
 * transform_input of GoogLeNet and Inception-v3 (torchvision _transform_input): per channel c,
 * unsqueeze(x[:, c], 1) · (std_c / 0.5) + (mean_c − 0.5) / 0.5, then torch.cat of the three.
 */
function transformInput(n: Net): string {
  const parts = [0, 1, 2].map((c) => {
    n.b.tensor({ name: `idx${c}`, dims: [], dataType: 7, int64Data: [c] }).ints(`axes${c}`, [1])
      .weight(`scale${c}`, [], [0.229, 0.224, 0.225][c]! / 0.5).weight(`shift${c}`, [], ([0.485, 0.456, 0.406][c]! - 0.5) / 0.5)
      .node('Gather', ['x', `idx${c}`], [`x${c}`], { axis: 1 }).node('Unsqueeze', [`x${c}`, `axes${c}`], [`u${c}`])
      .node('Mul', [`u${c}`, `scale${c}`], [`m${c}`]).node('Add', [`m${c}`, `shift${c}`], [`t${c}`]);
    return `t${c}`;
  });
  n.b.node('Concat', parts, ['xt'], { axis: 1 });
  return 'xt';
}

/** GoogLeNet: transform_input, conv 7×7/2 + ReLU, max pool 3×3/2 (ceil), an inception module of four branches. */
export function googlenetBlock(): OnnxBuilder {
  const n = new Net([1, 3, 16, 16]);
  const c1 = n.act('Relu', n.conv('conv1', transformInput(n), [8, 3, 7, 7], { strides: [2, 2], pads: [3, 3, 3, 3] }));
  n.b.node('MaxPool', [c1], ['pool1'], { kernel_shape: [3, 3], strides: [2, 2], ceil_mode: 1 });
  const b1 = n.act('Relu', n.conv('b1', 'pool1', [4, 8, 1, 1]));
  const b2 = n.act('Relu', n.conv('b2b', n.act('Relu', n.conv('b2a', 'pool1', [4, 8, 1, 1])), [6, 4, 3, 3], { pads: [1, 1, 1, 1] }));
  const b3 = n.act('Relu', n.conv('b3b', n.act('Relu', n.conv('b3a', 'pool1', [2, 8, 1, 1])), [3, 2, 3, 3], { pads: [1, 1, 1, 1] }));
  n.b.node('MaxPool', ['pool1'], ['b4.pool'], { kernel_shape: [3, 3], strides: [1, 1], pads: [1, 1, 1, 1], ceil_mode: 1 });
  const b4 = n.act('Relu', n.conv('b4', 'b4.pool', [2, 8, 1, 1]));
  n.b.node('Concat', [b1, b2, b3, b4], ['inception'], { axis: 1 });
  return n.head('inception', 15).b;
}

/** Inception-v3: transform_input, conv 3×3/2 (no padding), the factorized 1×7 then 7×1 convolutions. */
export function inceptionV3Block(): OnnxBuilder {
  const n = new Net([1, 3, 20, 20]);
  const c1 = n.act('Relu', n.conv('conv1', transformInput(n), [8, 3, 3, 3], { strides: [2, 2] }));
  const a = n.act('Relu', n.conv('c1x7', c1, [4, 8, 1, 7], { pads: [0, 3, 0, 3] }));
  return n.head(n.act('Relu', n.conv('c7x1', a, [4, 4, 7, 1], { pads: [3, 0, 3, 0] })), 4).b;
}

/** channel_shuffle(x, 2) of a 1×C×H×W tensor: view(1, 2, C/2, H, W) → transpose(1, 2) → view(1, C, H, W). */
function channelShuffle(n: Net, x: string, c: number, h: number, name: string): string {
  n.b.ints(`${name}.s5`, [1, 2, c / 2, h, h]).ints(`${name}.s4`, [1, c, h, h])
    .node('Reshape', [x, `${name}.s5`], [`${name}.r5`]).node('Transpose', [`${name}.r5`], [`${name}.t`], { perm: [0, 2, 1, 3, 4] })
    .node('Reshape', [`${name}.t`, `${name}.s4`], [name]);
  return name;
}

/**
 * ShuffleNetV2: stem, a stride-2 unit (branch1: depthwise 3×3/2 → 1×1; branch2: 1×1 → depthwise 3×3/2 → 1×1;
 * cat; channel shuffle); with `stride1`, a stride-1 unit after it (chunk(2) → cat(x1, branch2(x2)) → shuffle).
 */
export function shufflenetBlock(stride1 = false): OnnxBuilder {
  const n = new Net([1, 3, 16, 16]);
  const stem = n.act('Relu', n.conv('stem', 'x', [8, 3, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  const dw = { group: 8, strides: [2, 2], pads: [1, 1, 1, 1] };
  const b1 = n.act('Relu', n.conv('b1.pw', n.conv('b1.dw', stem, [8, 1, 3, 3], dw), [8, 8, 1, 1]));
  const b2 = n.act('Relu', n.conv('b2.pw2', n.conv('b2.dw', n.act('Relu', n.conv('b2.pw1', stem, [8, 8, 1, 1])), [8, 1, 3, 3], dw), [8, 8, 1, 1]));
  n.b.node('Concat', [b1, b2], ['cat'], { axis: 1 });
  let out = channelShuffle(n, 'cat', 16, 4, 'shuffle');
  if (stride1) {
    n.b.ints('split', [8, 8]).node('Split', [out, 'split'], ['x1', 'x2'], { axis: 1 });
    const y = n.act('Relu', n.conv('u2.pw2', n.conv('u2.dw', n.act('Relu', n.conv('u2.pw1', 'x2', [8, 8, 1, 1])), [8, 1, 3, 3], { group: 8, pads: [1, 1, 1, 1] }), [8, 8, 1, 1]));
    n.b.node('Concat', ['x1', y], ['cat2'], { axis: 1 });
    out = channelShuffle(n, 'cat2', 16, 4, 'shuffle2');
  }
  return n.head(out, 16).b;
}

/**
 * torchvision's densenet121 at 224×224 (growth 32, blocks 6, 12, 24, 16, bn_size 4, 64 initial features), as
 * exported: norm0 and each dense layer's norm2 folded into the conv before them, every other BN standalone.
 * Weights are all 0.5 (no all-zero layer; their values do not matter here). Returns the builder and its BN
 * channels (for the parameter count).
 */
export function densenet121(): { builder: OnnxBuilder; bnChannels: number[] } {
  const n = new Net([1, 3, 224, 224]);
  const bnChannels = [64];
  const conv = (name: string, x: string, dims: number[], attrs: Record<string, number | number[]> = {}, bias = false): string => {
    n.b.weight(`${name}.w`, dims, 0.5);
    if (bias) n.b.weight(`${name}.b`, [dims[0] ?? 1], 0);
    n.b.node('Conv', [x, `${name}.w`, ...(bias ? [`${name}.b`] : [])], [name], attrs);
    return name;
  };
  n.act('Relu', conv('conv0', 'x', [64, 3, 7, 7], { strides: [2, 2], pads: [3, 3, 3, 3] }, true));
  n.b.node('MaxPool', ['conv0.relu'], ['pool0'], { kernel_shape: [3, 3], strides: [2, 2], pads: [1, 1, 1, 1] });
  let x = 'pool0';
  let c = 64;
  [6, 12, 24, 16].forEach((layers, bi) => {
    const features = [x];
    for (let li = 0; li < layers; li++) {
      const p = `b${bi}.l${li}`;
      n.b.node('Concat', [...features], [`${p}.cat`], { axis: 1 });
      const cin = c + 32 * li;
      bnChannels.push(cin, 128);
      const a = n.act('Relu', n.bn(`${p}.norm1`, `${p}.cat`, cin));
      const b = n.act('Relu', conv(`${p}.conv1`, a, [128, cin, 1, 1], {}, true));
      features.push(conv(`${p}.conv2`, b, [32, 128, 3, 3], { pads: [1, 1, 1, 1] }));
    }
    n.b.node('Concat', features, [`b${bi}.out`], { axis: 1 });
    c += 32 * layers;
    x = `b${bi}.out`;
    if (bi < 3) {
      bnChannels.push(c);
      conv(`t${bi}.conv`, n.act('Relu', n.bn(`t${bi}.norm`, x, c)), [c / 2, c, 1, 1]);
      n.b.node('AveragePool', [`t${bi}.conv`], [`t${bi}.pool`], { kernel_shape: [2, 2], strides: [2, 2] });
      c /= 2;
      x = `t${bi}.pool`;
    }
  });
  bnChannels.push(c);
  n.b.node('GlobalAveragePool', [n.act('Relu', n.bn('norm5', x, c))], ['gap']).node('Flatten', ['gap'], ['flat'])
    .weight('fc.w', [1000, c], 0.5).weight('fc.b', [1000], 0).node('Gemm', ['flat', 'fc.w', 'fc.b'], ['fc'], { transB: 1 }).output('fc');
  return { builder: n.b, bnChannels };
}

/**
 * torchvision's efficientnet_b0 at 224×224 (its MBConv stages: expand ratio, kernel, stride, in, out, layers;
 * squeeze-excite of max(1, in / 4) channels; stochastic depth and dropout are identities at inference), as
 * exported with every BN folded (convs carry a bias). Returns the builder and the parameters torchvision counts
 * besides conv and fc weights (BN γ and β, SE and classifier biases).
 */
export function efficientnetB0(): { builder: OnnxBuilder; otherParams: number } {
  const n = new Net([1, 3, 224, 224]);
  let other = 0;
  const conv = (name: string, x: string, dims: number[], attrs: Record<string, number | number[]> = {}, bnOrBias = 2): string => {
    other += bnOrBias * (dims[0] ?? 0);
    n.b.weight(`${name}.w`, dims, 0.5).weight(`${name}.b`, [dims[0] ?? 1], 0).node('Conv', [x, `${name}.w`, `${name}.b`], [name], attrs);
    return name;
  };
  let x = n.silu(conv('stem', 'x', [32, 3, 3, 3], { strides: [2, 2], pads: [1, 1, 1, 1] }));
  const stages = [[1, 3, 1, 32, 16, 1], [6, 3, 2, 16, 24, 2], [6, 5, 2, 24, 40, 2], [6, 3, 2, 40, 80, 3], [6, 5, 1, 80, 112, 3], [6, 5, 2, 112, 192, 4], [6, 3, 1, 192, 320, 1]];
  stages.forEach(([expand = 1, k = 3, stride = 1, cin0 = 0, cout = 0, layers = 1], si) => {
    for (let li = 0; li < layers; li++) {
      const p = `s${si}.b${li}`;
      const cin = li === 0 ? cin0 : cout;
      const s = li === 0 ? stride : 1;
      const e = cin * expand;
      const h = expand === 1 ? x : n.silu(conv(`${p}.expand`, x, [e, cin, 1, 1]));
      const pad = (k - 1) / 2;
      const d = n.silu(conv(`${p}.dw`, h, [e, 1, k, k], { group: e, strides: [s, s], pads: [pad, pad, pad, pad] }));
      const sq = Math.max(1, Math.floor(cin / 4));
      n.b.node('GlobalAveragePool', [d], [`${p}.se.pool`]);
      const sc = n.act('Sigmoid', conv(`${p}.se.fc2`, n.silu(conv(`${p}.se.fc1`, `${p}.se.pool`, [sq, e, 1, 1], {}, 1)), [e, sq, 1, 1], {}, 1));
      n.b.node('Mul', [sc, d], [`${p}.se.mul`]);
      const out = conv(`${p}.project`, `${p}.se.mul`, [cout, e, 1, 1]);
      if (s === 1 && cin === cout) n.b.node('Add', [out, x], [`${p}.add`]);
      x = s === 1 && cin === cout ? `${p}.add` : out;
    }
  });
  x = n.silu(conv('head', x, [1280, 320, 1, 1]));
  n.b.node('GlobalAveragePool', [x], ['gap']).node('Flatten', ['gap'], ['flat']).node('Dropout', ['flat'], ['drop'])
    .weight('fc.w', [1000, 1280], 0.5).weight('fc.b', [1000], 0).node('Gemm', ['drop', 'fc.w', 'fc.b'], ['fc'], { transB: 1 }).output('fc');
  return { builder: n.b, otherParams: other + 1000 };
}

/** ConvNeXt's LayerNorm2d: permute to channels-last, LayerNormalization over C, permute back. */
function layerNorm2d(n: Net, x: string, c: number, name: string): string {
  n.b.weight(`${name}.g`, [c], 1).weight(`${name}.b`, [c], 0).node('Transpose', [x], [`${name}.nhwc`], { perm: [0, 2, 3, 1] })
    .node('LayerNormalization', [`${name}.nhwc`, `${name}.g`, `${name}.b`], [`${name}.ln`], { axis: -1, epsilon: { f: 1e-6 } })
    .node('Transpose', [`${name}.ln`], [name], { perm: [0, 3, 1, 2] });
  return name;
}

/**
 * ConvNeXt: stem conv 4×4/4 + LayerNorm2d; a CNBlock (depthwise 7×7 → permute → LayerNorm → Linear ×4 → GELU, as
 * exported at opset 17: x · (erf(x/√2) + 1) · 0.5 → Linear → permute back → layer scale γ · x → + input); head
 * global pool → LayerNorm2d → Flatten → Linear.
 */
export function convnextBlock(): OnnxBuilder {
  const n = new Net([1, 3, 32, 32]);
  const stem = layerNorm2d(n, n.conv('stem', 'x', [16, 3, 4, 4], { strides: [4, 4] }), 16, 'stem.norm');
  n.conv('dw', stem, [16, 1, 7, 7], { group: 16, pads: [3, 3, 3, 3] });
  n.b.node('Transpose', ['dw'], ['nhwc'], { perm: [0, 2, 3, 1] }).weight('ln.g', [16], 1).weight('ln.b', [16], 0)
    .node('LayerNormalization', ['nhwc', 'ln.g', 'ln.b'], ['ln'], { axis: -1, epsilon: { f: 1e-6 } })
    .weight('fc1.w', [16, 64], w).weight('fc1.b', [64], 0).node('MatMul', ['ln', 'fc1.w'], ['fc1']).node('Add', ['fc1', 'fc1.b'], ['fc1.bias'])
    .weight('r2', [], Math.SQRT2).weight('one', [], 1).weight('half', [], 0.5).node('Div', ['fc1.bias', 'r2'], ['g.div']).node('Erf', ['g.div'], ['g.erf'])
    .node('Add', ['g.erf', 'one'], ['g.add']).node('Mul', ['fc1.bias', 'g.add'], ['g.mul']).node('Mul', ['g.mul', 'half'], ['gelu'])
    .weight('fc2.w', [64, 16], w).weight('fc2.b', [16], 0).node('MatMul', ['gelu', 'fc2.w'], ['fc2']).node('Add', ['fc2', 'fc2.b'], ['fc2.bias'])
    .node('Transpose', ['fc2.bias'], ['nchw'], { perm: [0, 3, 1, 2] }).weight('gamma', [16, 1, 1], 1e-6).node('Mul', ['gamma', 'nchw'], ['scaled'])
    .node('Add', ['scaled', stem], ['res']).node('GlobalAveragePool', ['res'], ['gap']);
  const h = layerNorm2d(n, 'gap', 16, 'head.norm');
  n.b.node('Flatten', [h], ['flat']).weight('fc.w', [10, 16], w).weight('fc.b', [10], 0).node('Gemm', ['flat', 'fc.w', 'fc.b'], ['fc'], { transB: 1 }).output('fc');
  return n.b;
}

import type { Layer, Trace } from '../../../../src/workload/layer.js';
import { OnnxBuilder } from './onnx-builder.js';

/**
 * An ONNX graph of a CNN trace (conv, pool, eltwise add, fc) the way torchvision exports one: Conv → BN → Relu
 * (no Relu on a block's last conv or its shortcut; the Add is followed by one), MaxPool or AveragePool,
 * GlobalAveragePool where the window is the whole input, Flatten → Gemm. Used by the ResNet-50 test and by
 * `npm run bench` (the import of a ResNet-50-sized file).
 */

/** A weight initializer's data type and raw bytes, for a layer with n weights. */
export interface WeightData {
  dataType: number;
  raw: (layer: Layer, n: number) => Uint8Array;
}

export function onnxFromTrace(trace: Trace, weights: WeightData): OnnxBuilder {
  const b = new OnnxBuilder(17, trace.name).input('image', [1, 3, 224, 224]);
  const out = (name: string): string => (name === 'input' ? 'image' : `${name}:out`);
  const init = (l: Layer, dims: number[]): string => {
    const n = dims.reduce((a, d) => a * d, 1);
    b.tensor({ name: `${l.name}.w`, dims, dataType: weights.dataType, rawData: weights.raw(l, n) });
    return `${l.name}.w`;
  };
  for (const l of trace.layers) {
    const x = out(l.inputs[0] ?? 'input');
    if (l.op === 'conv') {
      const w = init(l, [l.outputChannels, l.inputChannels / l.groups, l.kernelHeight, l.kernelWidth]);
      const p = l.padding;
      b.node('Conv', [x, w], [`${l.name}:conv`], { pads: [p, p, p, p], strides: [l.stride, l.stride], kernel_shape: [l.kernelHeight, l.kernelWidth], group: l.groups }, l.name);
      for (const [k, v] of [['g', 1], ['b', 0], ['m', 0], ['v', 1]] as const) b.weight(`${l.name}.bn.${k}`, [l.outputChannels], v);
      const relu = !/branch2c|branch1/.test(l.name);
      b.node('BatchNormalization', [`${l.name}:conv`, ...['g', 'b', 'm', 'v'].map((k) => `${l.name}.bn.${k}`)], [relu ? `${l.name}:bn` : out(l.name)], { epsilon: { f: 0 } }, `${l.name}.bn`);
      if (relu) b.node('Relu', [`${l.name}:bn`], [out(l.name)], {}, `${l.name}.relu`);
    } else if (l.op === 'pool' && l.kernelHeight === l.inputHeight && l.kernelWidth === l.inputWidth) {
      b.node('GlobalAveragePool', [x], [out(l.name)], {}, l.name);
    } else if (l.op === 'pool') {
      const p = l.padding;
      b.node(l.pool === 'max' ? 'MaxPool' : 'AveragePool', [x], [out(l.name)], { kernel_shape: [l.kernelHeight, l.kernelWidth], strides: [l.stride, l.stride], pads: [p, p, p, p] }, l.name);
    } else if (l.op === 'eltwise') {
      b.node('Add', l.inputs.map(out), [`${l.name}:sum`], {}, l.name).node('Relu', [`${l.name}:sum`], [out(l.name)], {}, `${l.name}.relu`);
    } else if (l.op === 'fc') {
      b.node('Flatten', [x], [`${l.name}:flat`], {}, `${l.name}.flatten`);
      const w = init(l, [l.outputChannels, l.inputChannels * l.kernelHeight * l.kernelWidth]);
      b.node('Gemm', [`${l.name}:flat`, w], [out(l.name)], { transB: 1 }, l.name);
    } else {
      throw new Error(`no ONNX form for layer ${l.name} (op ${l.op})`);
    }
  }
  return b.output(out(trace.layers[trace.layers.length - 1]?.name ?? ''));
}

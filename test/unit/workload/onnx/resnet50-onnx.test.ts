import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../../../src/workload/load-trace.js';
import { layerWeightCount, type Layer, type Trace } from '../../../../src/workload/layer.js';
import { importOnnx } from '../../../../src/workload/onnx/import-onnx.js';
import { OnnxBuilder } from './onnx-builder.js';

/**
 * The shipped ResNet-50 v1.5 traces rebuilt as ONNX graphs the way torchvision exports them (Conv → BN → Relu,
 * the residual Add → Relu, MaxPool, GlobalAveragePool → Flatten → Gemm), weights in float16, then imported:
 * every layer must come back as the trace has it. The pruned, clustered trace checks density and clusters too.
 */

/** float16 weights of a layer: the first round(density·n) non-zero, cycling through `clusters` values (1 when dense). */
function halfWeights(n: number, density: number, clusters: number): Uint8Array {
  const data = new Uint16Array(n);
  const nonZero = Math.round(density * n);
  // float16 of 1, 2, 3, ...: whole numbers up to 2048 are exact.
  const codes = Array.from({ length: clusters }, (_, k) => halfOf(k + 1));
  for (let i = 0; i < nonZero; i++) data[i] = codes[i % clusters] ?? 0;
  return new Uint8Array(data.buffer);
}

function halfOf(v: number): number {
  const e = Math.floor(Math.log2(v));
  return ((e + 15) << 10) | Math.round((v / 2 ** e - 1) * 1024);
}

function onnxFromTrace(trace: Trace): string {
  const b = new OnnxBuilder(17, trace.name).input('image', [1, 3, 224, 224]);
  const out = (name: string): string => (name === 'input' ? 'image' : `${name}:out`);
  for (const l of trace.layers) {
    const x = out(l.inputs[0] ?? 'input');
    if (l.op === 'conv') {
      const w = l.weights ?? { density: 1, valueBits: 8 };
      b.tensor({ name: `${l.name}.w`, dims: [l.outputChannels, l.inputChannels / l.groups, l.kernelHeight, l.kernelWidth], dataType: 10, rawData: halfWeights(layerWeightCount(l), w.density, w.clusters ?? 1) });
      b.node('Conv', [x, `${l.name}.w`], [`${l.name}:conv`], { pads: [l.padding, l.padding, l.padding, l.padding], strides: [l.stride, l.stride], kernel_shape: [l.kernelHeight, l.kernelWidth] }, l.name);
      for (const [p, v] of [['g', 1], ['b', 0], ['m', 0], ['v', 1]] as const) b.weight(`${l.name}.bn.${p}`, [l.outputChannels], v);
      const bnInputs = [`${l.name}:conv`, ...['g', 'b', 'm', 'v'].map((p) => `${l.name}.bn.${p}`)];
      // torchvision: a ReLU after every BN but the block's last (branch2c) and the shortcut (branch1), which the Add joins first.
      const relu = !/branch2c|branch1/.test(l.name);
      b.node('BatchNormalization', bnInputs, [relu ? `${l.name}:bn` : out(l.name)], { epsilon: { f: 0 } }, `${l.name}.bn`);
      if (relu) b.node('Relu', [`${l.name}:bn`], [out(l.name)], {}, `${l.name}.relu`);
    } else if (l.op === 'pool' && l.kernelHeight === l.inputHeight) {
      b.node('GlobalAveragePool', [x], [out(l.name)], {}, l.name);
    } else if (l.op === 'pool') {
      b.node(l.pool === 'max' ? 'MaxPool' : 'AveragePool', [x], [out(l.name)], { kernel_shape: [l.kernelHeight, l.kernelWidth], strides: [l.stride, l.stride], pads: [l.padding, l.padding, l.padding, l.padding] }, l.name);
    } else if (l.op === 'eltwise') {
      b.node('Add', l.inputs.map(out), [`${l.name}:sum`], {}, l.name).node('Relu', [`${l.name}:sum`], [out(l.name)], {}, `${l.name}.relu`);
    } else if (l.op === 'fc') {
      const w = l.weights ?? { density: 1, valueBits: 8 };
      b.node('Flatten', [x], [`${l.name}:flat`], {}, `${l.name}.flatten`);
      b.tensor({ name: `${l.name}.w`, dims: [l.outputChannels, l.inputChannels], dataType: 10, rawData: halfWeights(layerWeightCount(l), w.density, w.clusters ?? 1) });
      b.node('Gemm', [`${l.name}:flat`, `${l.name}.w`], [out(l.name)], { transB: 1 }, l.name);
    } else {
      throw new Error(`no ONNX form for ${l.op}`);
    }
  }
  return b.output(out(trace.layers[trace.layers.length - 1]?.name ?? '')).write();
}

const shapeOnly = ({ weights: _w, ...rest }: Layer) => rest;

describe('ONNX import of ResNet-50 v1.5 as torchvision exports it', () => {
  it('dense: every layer equals traces/resnet50-v1.5.json, weights included', () => {
    const shipped = loadTrace('traces/resnet50-v1.5.json');
    const r = importOnnx(onnxFromTrace(shipped));
    expect(r.trace.layers).toHaveLength(shipped.layers.length);
    r.trace.layers.forEach((l, i) => expect(l).toEqual(shipped.layers[i]));
    expect([r.absorbed.get('BatchNormalization'), r.absorbed.get('Relu'), r.absorbed.get('Flatten')]).toEqual([53, 49, 1]);
  });

  it('pruned STR 81 % with 16 clusters: shapes equal, density within one weight, 16 clusters (4-bit codes)', () => {
    const shipped = loadTrace('traces/resnet50-v1.5-str81-c16.json');
    const r = importOnnx(onnxFromTrace(shipped));
    r.trace.layers.forEach((l, i) => {
      const want = shipped.layers[i] as Layer;
      expect(shapeOnly(l)).toEqual(shapeOnly(want));
      if (want.weights === undefined) return expect(l.weights).toBeUndefined();
      // round(density · n) non-zero weights: within half a weight of the trace's density.
      expect(Math.abs((l.weights?.density ?? 0) - want.weights.density)).toBeLessThanOrEqual(0.5 / layerWeightCount(l) + 1e-12);
      expect([l.weights?.clusters, l.weights?.valueBits]).toEqual([16, 4]);
    });
  });
});

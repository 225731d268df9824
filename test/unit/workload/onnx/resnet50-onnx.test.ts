import { describe, expect, it } from 'vitest';
import { loadTrace } from '../../../../src/workload/load-trace.js';
import { layerWeightCount, type Layer, type Trace } from '../../../../src/workload/layer.js';
import { importOnnx } from '../../../../src/workload/onnx/import-onnx.js';
import { onnxFromTrace } from './trace-to-onnx.js';

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

/** float16 weights as the trace describes them. */
const fromTrace = (l: Layer, n: number): Uint8Array => {
  const w = l.weights ?? { density: 1, valueBits: 8 };
  return halfWeights(n, w.density, w.clusters ?? 1);
};
const onnxOf = (trace: Trace): string => onnxFromTrace(trace, { dataType: 10, raw: fromTrace }).write();

const shapeOnly = ({ weights: _w, ...rest }: Layer) => rest;

describe('ONNX import of ResNet-50 v1.5 as torchvision exports it', () => {
  it('dense: every layer equals traces/resnet50-v1.5.json, weights included', () => {
    const shipped = loadTrace('traces/resnet50-v1.5.json');
    const r = importOnnx(onnxOf(shipped));
    expect(r.trace.layers).toHaveLength(shipped.layers.length);
    r.trace.layers.forEach((l, i) => expect(l).toEqual(shipped.layers[i]));
    expect([r.absorbed.get('BatchNormalization'), r.absorbed.get('Relu'), r.absorbed.get('Flatten')]).toEqual([53, 49, 1]);
  });

  it('pruned STR 81 % with 16 clusters: shapes equal, density within one weight, 16 clusters (4-bit codes)', () => {
    const shipped = loadTrace('traces/resnet50-v1.5-str81-c16.json');
    const r = importOnnx(onnxOf(shipped));
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

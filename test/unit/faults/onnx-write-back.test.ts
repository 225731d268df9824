import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { sequentialModel, modelBytes, type SequentialOp } from '../../../src/ml/onnx/export.js';
import { encodeWithWeights, parseOnnxModel, tensorValues, onnx } from '../../../src/ml/onnx/onnx-model.js';
import { faultTablesFor, technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { injectNetwork, prepareNetwork } from '../../../src/faults/inject/inject-network.js';
import { initializerValues, onnxLayerTensors, onnxStoredLayers } from '../../../src/faults/networks/onnx-weights.js';
import type { StorageChoice } from '../../../src/storage/types.js';

/** Seeded weights in [−1, 1). */
function weights(n: number, path: string): Float32Array {
  const r = randomStream(7, path);
  return Float32Array.from({ length: n }, () => 2 * r.next() - 1);
}

/** conv 2×1×3×3 → relu → flatten → gemm 3×8 on a 1×4×4 image. */
function tinyModel(): Uint8Array {
  const ops: SequentialOp[] = [
    { op: 'conv', name: 'c1', weights: weights(18, 'c1'), dims: [2, 1, 3, 3], bias: Float32Array.from([0.1, -0.2]) },
    { op: 'relu' },
    { op: 'flatten' },
    { op: 'gemm', name: 'f1', weights: weights(24, 'f1'), dims: [3, 8], bias: Float32Array.from([0.5, 0, -0.5]) },
  ];
  return modelBytes(sequentialModel('tiny', [1, 4, 4], ops, 3));
}

const choice: StorageChoice = { label: 'dense 3b', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 3 };

describe('writing faulty weights back into an ONNX graph', () => {
  it('finds the Conv and Gemm weights, not the biases', () => {
    const m = parseOnnxModel(tinyModel(), 'tiny.onnx');
    expect(m.weights.map((w) => [w.name, w.op, w.outputAxis, w.dims])).toEqual([
      ['c1.weight', 'Conv', 0, [2, 1, 3, 3]],
      ['f1.weight', 'Gemm', 0, [3, 8]],
    ]);
    expect(m.input).toEqual({ name: 'input', dims: [undefined, 1, 4, 4] });
  });

  it('changes exactly the weights whose decoded int8 value changed, and nothing else in the graph', () => {
    const m = parseOnnxModel(tinyModel(), 'tiny.onnx');
    const layers = onnxStoredLayers(m, {});
    const net = prepareNetwork(onnxLayerTensors(layers, false), choice);
    // Widened levels: many faults at 3 bits per cell in these 42 weights.
    const tables = faultTablesFor(technologyFaultModel('RRAM', 'gray', 4), choice);
    const r = injectNetwork(net, { tables, mapping: 'gray', mode: { kind: 'sampled' } }, randomStream(3, 'trial'));
    expect(r.total.stats.changed).toBeGreaterThan(0);
    const clean = new Map(layers.map((l) => [l.init.name, initializerValues(l, l.stored.values)]));
    const faulty = new Map(layers.map((l, i) => [l.init.name, initializerValues(l, r.weights[i] as Int32Array)]));
    const written = onnx.ModelProto.decode(encodeWithWeights(m, (name) => faulty.get(name)));
    const original = onnx.ModelProto.decode(tinyModel());
    const inits = written.graph?.initializer ?? [];
    let changed = 0;
    layers.forEach((l, i) => {
      const values = tensorValues(inits[l.init.index] ?? {}, 'x');
      const cleanValues = clean.get(l.init.name) as Float32Array;
      const decoded = r.weights[i] as Int32Array;
      values.forEach((v, j) => {
        const injected = decoded[j] !== l.stored.values[j];
        expect(v !== cleanValues[j]).toBe(injected);
        if (injected) changed++;
      });
    });
    expect(changed).toBe(r.total.stats.changed);
    // Biases as they were, byte for byte.
    for (const name of ['c1.bias', 'f1.bias']) {
      const a = inits.find((t) => t.name === name);
      const b = original.graph?.initializer?.find((t) => t.name === name);
      expect(Array.from(a?.rawData ?? [])).toEqual(Array.from(b?.rawData ?? []));
    }
  });

  it('a Gemm without transB ([C, K] weights) is quantized per output column and written back in its own layout', () => {
    const m = parseOnnxModel(tinyModel(), 'tiny.onnx');
    const g = m.proto.graph;
    const gemm = g?.node?.find((n) => n.opType === 'Gemm');
    const init = g?.initializer?.find((t) => t.name === 'f1.weight');
    if (gemm === undefined || init === undefined || gemm === null || init === null) throw new Error('no gemm');
    const kc = tensorValues(init, 'x');
    const ck = new Float32Array(24);
    for (let k = 0; k < 3; k++) for (let c = 0; c < 8; c++) ck[c * 3 + k] = kc[k * 8 + c] as number;
    init.rawData = new Uint8Array(ck.buffer);
    init.dims = [8, 3];
    gemm.attribute = [];
    const t = parseOnnxModel(onnx.ModelProto.encode(m.proto).finish(), 't.onnx');
    const [, f1] = onnxStoredLayers(t, {});
    const [, f1Original] = onnxStoredLayers(parseOnnxModel(tinyModel(), 'tiny.onnx'), {});
    expect(f1?.init.outputAxis).toBe(1);
    expect(Array.from(f1?.stored.values ?? [])).toEqual(Array.from(f1Original?.stored.values ?? []));
    const back = initializerValues(f1 as never, (f1?.stored.values ?? new Int32Array()) as Int32Array);
    back.forEach((v, i) => expect(Math.abs(v - (ck[i] as number))).toBeLessThan(1 / 127));
  });
});

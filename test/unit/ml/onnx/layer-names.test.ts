import { describe, expect, it } from 'vitest';
import { loadOnnxModel } from '../../../../src/ml/onnx/onnx-model.js';
import { hasWeights } from '../../../../src/workload/layer.js';
import { importOnnx } from '../../../../src/workload/onnx/import-onnx.js';

describe('weight layers of an ONNX model are named as its imported trace names them', () => {
  it('LeNet-5: conv1, conv2, fc1, fc2, fc3 on both sides (not the initializers conv1.weight, …)', () => {
    const file = 'models/lenet5.onnx';
    const fromFaults = loadOnnxModel(file).weights.map((w) => w.layer);
    const fromTrace = importOnnx(file, { inputShape: [1, 1, 28, 28] }).trace.layers.filter(hasWeights).map((l) => l.name);
    expect(fromFaults).toEqual(['conv1', 'conv2', 'fc1', 'fc2', 'fc3']);
    expect(fromFaults).toEqual(fromTrace);
  });
});

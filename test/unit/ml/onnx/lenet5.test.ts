import { describe, expect, it } from 'vitest';
import { predictCnn } from '../../../../src/ml/cnn.js';
import { cnnFromOnnx, DEFAULT_CNN_PATH } from '../../../../src/ml/cnn-model.js';
import { mnistImageSet } from '../../../../src/ml/onnx/image-set.js';
import { encodeWithWeights, loadOnnxModel } from '../../../../src/ml/onnx/onnx-model.js';
import { predict } from '../../../../src/ml/onnx/runtime.js';

describe('the shipped LeNet-5 (models/lenet5.onnx)', () => {
  const model = loadOnnxModel(DEFAULT_CNN_PATH);

  it('is LeNet-5 shaped: two 5×5 convolutions and three fully connected layers', () => {
    expect(model.weights.map((w) => [w.op, w.dims])).toEqual([
      ['Conv', [6, 1, 5, 5]],
      ['Conv', [16, 6, 5, 5]],
      ['Gemm', [120, 400]],
      ['Gemm', [84, 120]],
      ['Gemm', [10, 84]],
    ]);
    const doc = JSON.parse(model.proto.docString ?? '{}') as { testAccuracy_fraction: number };
    expect(doc.testAccuracy_fraction).toBeGreaterThanOrEqual(0.97);
  });

  it('the project\'s inference and onnxruntime predict the same class for 1,000 test images', async () => {
    const images = mnistImageSet(1000);
    const ours = predictCnn(cnnFromOnnx(model), images.images, images.count);
    const ort = await predict(encodeWithWeights(model, () => undefined), model, images);
    let differ = 0;
    ours.forEach((c, i) => (differ += c === ort.classes[i] ? 0 : 1));
    expect(differ).toBe(0);
    expect(ort.correct / ort.total).toBeGreaterThanOrEqual(0.97);
  });
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { countCorrect, modelWeights } from '../../../src/ml/inference.js';
import { loadMnist } from '../../../src/ml/mnist-data.js';
import { DEFAULT_MODEL_PATH, loadModelFile, rebuildModelFile } from '../../../src/ml/model-file.js';
import { density } from '../../../src/ml/prune.js';
import { dequantizeLayer } from '../../../src/ml/quantize.js';
import { activationBuffers, argmax, forward } from '../../../src/ml/mlp.js';

describe('the cached MNIST model (models/mnist-mlp.json)', () => {
  const built = loadModelFile();
  const { test } = loadMnist(built.recipe.split);

  it('classifies more than 95 % of the test split correctly without faults', () => {
    const { correct, total } = countCorrect(built.model, test);
    expect(total).toBe(2000);
    expect(correct / total).toBeGreaterThan(0.95);
    expect(correct / total).toBe(built.testAccuracy.quantized); // the file records what it achieves
  });

  it('is pruned to the recipe densities and clustered to at most 16 int8 values per layer', () => {
    built.model.layers.forEach((layer, l) => {
      expect(density(layer.weights)).toBeCloseTo(built.recipe.densityByLayer[l] as number, 3);
      expect(layer.codebook.length).toBeLessThanOrEqual(built.recipe.clusters);
      const inCodebook = new Set(layer.codebook);
      expect(layer.weights.every((w) => w === 0 || inCodebook.has(w))).toBe(true);
    });
  });

  it('integer inference agrees with float inference of the dequantized weights', () => {
    const mlp = { layers: built.model.layers.map(dequantizeLayer) };
    const z = activationBuffers(mlp);
    const nz = new Int32Array(784);
    let floatCorrect = 0;
    for (let s = 0; s < test.count; s++) {
      forward(mlp, test.images.subarray(s * 784, (s + 1) * 784), z, nz);
      if (argmax(z[1] as Float64Array) === test.labels[s]) floatCorrect++;
    }
    expect(countCorrect(built.model, test).correct).toBe(floatCorrect);
  });

  it('plugged-in weights are used: all-zero weights leave only the biases, one class for every image', () => {
    const zeros = modelWeights(built.model).map((w) => new Int32Array(w.length));
    const { correct } = countCorrect(built.model, test, zeros);
    const perClass = Array.from({ length: 10 }, (_, d) => test.labels.filter((l) => l === d).length);
    expect(perClass).toContain(correct);
  });

  // ~10 s alone (20 training epochs); the generous timeout is for a CI machine busy with other test files.
  it('rebuilding from the recipe gives the same file, byte for byte', { timeout: 180_000 }, () => {
    const path = join(mkdtempSync(join(tmpdir(), 'maxnvm-model-')), 'mnist-mlp.json');
    expect(rebuildModelFile(path)).toBe(readFileSync(DEFAULT_MODEL_PATH, 'utf8'));
  });
});

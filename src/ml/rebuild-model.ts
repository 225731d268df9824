/**
 * Rebuild models/mnist-mlp.json from its recipe: `npx tsx src/ml/rebuild-model.ts [path]`.
 * Deterministic: the file comes out byte for byte the same.
 */

import { performance } from 'node:perf_hooks';
import { DEFAULT_MODEL_PATH, modelFromJson, rebuildModelFile } from './model-file.js';

const path = process.argv[2] ?? DEFAULT_MODEL_PATH;
const started = performance.now();
const built = modelFromJson(rebuildModelFile(path), path);
const seconds = (performance.now() - started) / 1000;
const acc = built.testAccuracy;
console.log(
  `wrote ${path} in ${seconds.toFixed(1)} s: test accuracy float ${pct(acc.float)}, pruned ${pct(acc.pruned)}, ` +
    `quantized ${pct(acc.quantized)}`,
);

function pct(x: number): string {
  return `${(100 * x).toFixed(2)} %`;
}

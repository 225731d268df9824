/**
 * Train the LeNet-5-class CNN on MNIST and write models/lenet5.onnx: `npm run model:lenet5 [-- path]`.
 * Deterministic: the file comes out byte for byte the same on the same Node version.
 */

import { performance } from 'node:perf_hooks';
import { DEFAULT_CNN_PATH, rebuildCnnFile } from '../src/ml/cnn-model.js';

const path = process.argv[2] ?? DEFAULT_CNN_PATH;
const started = performance.now();
const built = rebuildCnnFile(path, (epoch, loss) => console.log(`epoch ${epoch + 1}: training loss ${loss.toFixed(4)} nats/sample`));
console.log(`wrote ${path} in ${((performance.now() - started) / 1000).toFixed(1)} s: float test accuracy ${(100 * built.testAccuracy).toFixed(2)} %`);

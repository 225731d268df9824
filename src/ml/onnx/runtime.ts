/**
 * Top-1 accuracy of an ONNX model on an image set through onnxruntime-node (its CPU build ships in the
 * npm package). The runtime is imported here, on first use, so that every other command runs without it.
 *
 * One session per set of weights, fed in batches when the model's batch axis is free (one image at a time
 * when the model fixes it at 1). One intra-op thread: the fault campaign runs one session per worker, and
 * the workers already share the cores.
 */

import { UserError } from '../../errors.js';
import type { ImageSet } from './image-set.js';
import type { OnnxModel } from './onnx-model.js';

type Ort = typeof import('onnxruntime-node');

let ortModule: Promise<Ort> | undefined;

export function loadRuntime(): Promise<Ort> {
  ortModule ??= import('onnxruntime-node').catch((e: unknown) => {
    throw new UserError(`cannot load onnxruntime-node: ${(e as Error).message}`, {
      suggestion: 'install it with `ONNXRUNTIME_NODE_INSTALL=skip npm ci` (the CPU build ships in the package)',
    });
  });
  return ortModule;
}

/** Images per inference call: enough to amortize the call, small enough for the activations of a small CNN. */
export const BATCH_IMAGES = 250;

export interface Predictions {
  readonly correct: number;
  readonly total: number;
  /** Predicted class of each image. */
  readonly classes: Int32Array;
}

/** Shape of a batch of n images: the model's input shape with its batch axis set to n. */
function batchShape(model: OnnxModel, set: ImageSet, n: number): number[] {
  const rest = model.input.dims.slice(1);
  const known = rest.every((d): d is number => d !== undefined);
  if (!known || rest.reduce((a, d) => a * d, 1) !== set.imageSize) {
    throw new UserError(`the model's input ${model.input.name} [${model.input.dims.map((d) => d ?? '?').join(', ')}] does not take images of ${set.imageSize} values`, {
      file: model.file,
      expected: `an input of shape [N, …] with ${set.imageSize} values per image`,
      suggestion: 'give images of the model\'s input shape (without the batch axis)',
    });
  }
  return [n, ...rest];
}

export async function predict(modelBytes: Uint8Array, model: OnnxModel, set: ImageSet): Promise<Predictions> {
  const ort = await loadRuntime();
  let session: Awaited<ReturnType<Ort['InferenceSession']['create']>>;
  try {
    session = await ort.InferenceSession.create(modelBytes, { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential' });
  } catch (e) {
    throw new UserError(`onnxruntime cannot load ${model.file}: ${(e as Error).message}`, { file: model.file, suggestion: 'check the model with onnx.checker' });
  }
  const batch = model.input.dims[0] === 1 ? 1 : BATCH_IMAGES;
  const classes = new Int32Array(set.count);
  let correct = 0;
  try {
    for (let start = 0; start < set.count; start += batch) {
      const n = Math.min(batch, set.count - start);
      const data = set.images.subarray(start * set.imageSize, (start + n) * set.imageSize);
      const feeds = { [model.input.name]: new ort.Tensor('float32', data, batchShape(model, set, n)) };
      const out = (await session.run(feeds))[model.output];
      if (out === undefined || out.type !== 'float32') throw new UserError(`the model's output ${model.output} is not float32 scores`, { file: model.file });
      const scores = out.data as Float32Array;
      const width = scores.length / n;
      for (let i = 0; i < n; i++) {
        let best = 0;
        for (let c = 1; c < width; c++) if ((scores[i * width + c] as number) > (scores[i * width + best] as number)) best = c;
        classes[start + i] = best;
        if (best === set.labels[start + i]) correct++;
      }
    }
  } finally {
    await session.release();
  }
  return { correct, total: set.count, classes };
}

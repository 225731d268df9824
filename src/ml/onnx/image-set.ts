/**
 * The labelled images an ONNX model is judged on: a folder of .npy tensors with a labels.csv, or the
 * built-in MNIST test split.
 *
 * Folder layout: `labels.csv` with the header `file,label`, one row per image: the .npy file (relative to
 * the folder) and its class index. Each .npy holds one image, shaped as the model's input without the
 * batch axis (a leading axis of 1 is accepted). float32 pixels are fed as they are; uint8 pixels are
 * divided by 255 (assumption: the 0..1 scaling MNIST-style models are trained on; store float32 to
 * feed anything else).
 */

import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { loadMnist, seededPermutation, IMAGE_SIZE } from '../mnist-data.js';
import { readNpy } from './npy.js';

export interface ImageSet {
  readonly count: number;
  /** Values per image. */
  readonly imageSize: number;
  /** count × imageSize values, image after image. */
  readonly images: Float32Array;
  readonly labels: Int32Array;
}

/** The images of the built-in MNIST set: the test split the in-project models never train on. */
export const MNIST_DATA = 'mnist';

/** The first `limit` rows of the set (all when undefined). */
export function firstImages(set: ImageSet, limit: number | undefined): ImageSet {
  if (limit === undefined || limit >= set.count) return set;
  return { count: limit, imageSize: set.imageSize, images: set.images.slice(0, limit * set.imageSize), labels: set.labels.slice(0, limit) };
}

/**
 * The MNIST test split (2,000 images, src/ml/mnist-data.ts) in a seeded order: the split is stored class by
 * class, so its first N images would be all zeros and ones; shuffled, any first N cover every class.
 */
export function mnistImageSet(limit?: number): ImageSet {
  const { test } = loadMnist({ seed: 1, testFraction: 0.2 });
  const order = seededPermutation(test.count, 1, 'ml/onnx/mnist-order');
  const images = new Float32Array(test.count * IMAGE_SIZE);
  const labels = new Int32Array(test.count);
  order.forEach((s, i) => {
    images.set(test.images.subarray(s * IMAGE_SIZE, (s + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
    labels[i] = test.labels[s] as number;
  });
  return firstImages({ count: test.count, imageSize: IMAGE_SIZE, images, labels }, limit);
}

function csvProblem(file: string, line: number, message: string): UserError {
  return new UserError(`${file}, line ${line}: ${message}`, {
    file,
    expected: 'a header "file,label", then one row per image: an .npy file in the folder and its class index (integer ≥ 0)',
    suggestion: 'e.g. "img0.npy,7"',
  });
}

/** Read the folder's labels.csv and its .npy images (the first `limit` rows when given). */
export function loadNpyImageSet(dir: string, limit?: number): ImageSet {
  const csvPath = join(dir, 'labels.csv');
  let text: string;
  try {
    text = readFileSync(csvPath, 'utf8');
  } catch {
    throw new UserError(`cannot read ${csvPath}`, { file: csvPath, jsonPath: '--data', expected: 'a folder with labels.csv and .npy images', suggestion: 'or --data mnist for the built-in MNIST test images' });
  }
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.replace(/\s/g, '') !== 'file,label') throw csvProblem(csvPath, 1, `the header is "${lines[0] ?? ''}"`);
  const rows = lines.slice(1, limit === undefined ? undefined : limit + 1);
  if (rows.length === 0) throw csvProblem(csvPath, 2, 'no images are listed');
  let imageSize = -1;
  let images = new Float32Array(0);
  const labels = new Int32Array(rows.length);
  rows.forEach((row, i) => {
    const [name, label, extra] = row.split(',').map((s) => s.trim());
    const n = Number(label);
    if (name === undefined || name === '' || extra !== undefined || !Number.isInteger(n) || n < 0) throw csvProblem(csvPath, i + 2, `bad row "${row}"`);
    const a = readNpy(join(dir, name));
    if (imageSize === -1) {
      imageSize = a.data.length;
      images = new Float32Array(rows.length * imageSize);
    } else if (a.data.length !== imageSize) {
      throw new UserError(`${name} holds ${a.data.length} values, the first image ${imageSize}`, { file: join(dir, name), expected: 'every image of one shape', suggestion: 'resize the images alike' });
    }
    const out = images.subarray(i * imageSize, (i + 1) * imageSize);
    if (a.dtype === 'uint8') a.data.forEach((v, j) => (out[j] = v / 255));
    else out.set(a.data);
    labels[i] = n;
  });
  return { count: rows.length, imageSize, images, labels };
}

export function loadImageSet(data: string, limit?: number): ImageSet {
  return data === MNIST_DATA ? mnistImageSet(limit) : loadNpyImageSet(data, limit);
}

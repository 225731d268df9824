import { describe, expect, it } from 'vitest';
import { IMAGE_SIZE, loadMnist, samplesPerClass, type Dataset } from '../../../src/ml/mnist-data.js';

const sameBytes = (a: ArrayBufferView, b: ArrayBufferView): boolean =>
  Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
const imageKey = (d: Dataset, i: number): string => Array.from(d.images.subarray(i * IMAGE_SIZE, (i + 1) * IMAGE_SIZE)).join(',');

describe('mnist split', () => {
  const split = loadMnist({ seed: 1, testFraction: 0.2 });

  it('uses all 10,000 digits, 20 % of each class in the test set', () => {
    const perClass = samplesPerClass();
    expect(perClass.reduce((a, b) => a + b, 0)).toBe(10_000);
    expect(split.train.count + split.test.count).toBe(10_000);
    perClass.forEach((n, digit) => {
      const inTest = split.test.labels.filter((l) => l === digit).length;
      expect(inTest).toBe(Math.round(n * 0.2)); // e.g. digit 0: round(1001 · 0.2) = 200
    });
  });

  it('train and test share no image', () => {
    const train = new Set(Array.from({ length: split.train.count }, (_, i) => imageKey(split.train, i)));
    for (let i = 0; i < split.test.count; i++) expect(train.has(imageKey(split.test, i))).toBe(false);
  });

  it('is deterministic in the seed', () => {
    const again = loadMnist({ seed: 1, testFraction: 0.2 });
    expect(sameBytes(again.test.labels, split.test.labels)).toBe(true);
    expect(sameBytes(again.test.images, split.test.images)).toBe(true);
    expect(sameBytes(again.train.images, split.train.images)).toBe(true);
    const other = loadMnist({ seed: 2, testFraction: 0.2 });
    expect(sameBytes(other.test.images, split.test.images)).toBe(false);
  });
});

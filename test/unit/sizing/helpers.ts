import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { UserError } from '../../../src/errors.js';
import type { Technology } from '../../../src/hw/memory-figures/reference-table.js';
import type { SizingEntry } from '../../../src/sizing/sizing-entry.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import type { Layer, Trace } from '../../../src/workload/layer.js';
import { convLayer } from '../storage/fixtures.js';

/** Shared builders for the sizing tests. */

/** A conv layer of `kernels` × `channels` × r × s int8 weights at `density`, padded to keep its 8×8 output. */
export function conv(name: string, kernels: number, channels: number, r: number, s: number, density: number): Layer {
  return { ...convLayer(name, kernels, channels, r, s, density), padding: (r - 1) / 2 };
}

export function traceOf(...layers: Layer[]): Trace {
  return { name: 'test', description: 'sizing test', source: 'test', activationBits: 8, layers };
}

export function choice(extra: Partial<StorageChoice> & Pick<StorageChoice, 'encoding'>): StorageChoice {
  return { label: extra.label ?? extra.encoding, clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1, ...extra };
}

export function entry(c: StorageChoice, technology: Technology = 'RRAM'): SizingEntry {
  return { choice: c, technology, origin: { jsonPath: '' } };
}

/** The UserError `fn` throws; fails the test if it throws something else or nothing. */
export function userErrorOf(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError, got none');
}

/** Write `content` (JSON-serialized unless a string) to a fresh temporary file and return its path. */
export function tempJson(name: string, content: unknown): string {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-size-'));
  const file = join(dir, name);
  writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
  return file;
}

/** The RRAM and CTT reference rows used by the hand computations (reference/envm-arrays.csv, NVSim fork, area mm²). */
export const REF = {
  cells128KiB: 128 * 8192, // 1,048,576 cells: the smallest characterized array
  cells512KiB: 512 * 8192, // 4,194,304 cells
  cells1024KiB: 1024 * 8192, // 8,388,608 cells
  cells4096KiB: 4096 * 8192, // 33,554,432 cells
  cells16384KiB: 16384 * 8192, // 134,217,728 cells: the largest
  rram1b128: 0.030947,
  rram2b128: 0.041464,
  rram1b512: 0.131457,
  rram1b1024: 0.246715,
  rram1b4096: 0.986859,
  rram2b1024: 0.288099,
  rram3b1024: 0.346273,
  ctt1b1024: 0.318984,
  ctt1b4096: 0.427568,
  ctt1b16384: 1.71,
  ctt1b128: 0.021175,
  ctt2b128: 0.017821,
  ctt2b256: 0.023753,
};

/** The eNVM default periphery floor: a fraction of the smallest array's figure (src/hw/envm/spec.ts). */
export const PERIPHERY_FLOOR = 0.125;

/** Area of one bank of `cells` below the smallest (128 KiB) array of area `a128`, periphery `periphery`. */
export function belowSmallest(a128: number, periphery: number, cells: number): number {
  return periphery + ((a128 - periphery) * cells) / REF.cells128KiB;
}

/** The default eNVM organization the sizing assumes (envmSpec: 8 banks). */
export const BANKS = 8;

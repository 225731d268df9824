/**
 * How the b bits stored in one MLC cell choose its level. With the binary
 * mapping the cell's code word (its b bits as an unsigned field, see
 * cell-array.ts) is the level; with the Gray mapping they are the Gray code of the level, so
 * adjacent levels differ in exactly one bit and a one-level fault flips one bit.
 */

import { UserError } from '../../errors.js';

export type LevelMapping = 'binary' | 'gray';
export const LEVEL_MAPPINGS: readonly LevelMapping[] = ['binary', 'gray'];

/** Bits per cell the fault code supports: a cell's code word must fit a small lookup table. */
export const MAX_BITS_PER_CELL = 8;

/** Code word (the cell's b-bit field) of a level. */
export function codeOfLevel(level: number, mapping: LevelMapping): number {
  return mapping === 'binary' ? level : level ^ (level >>> 1);
}

/** Level of a code word; the inverse of `codeOfLevel`. */
export function levelOfCode(code: number, mapping: LevelMapping): number {
  if (mapping === 'binary') return code;
  let level = code;
  for (let shift = code >>> 1; shift !== 0; shift >>>= 1) level ^= shift;
  return level;
}

/** Lookup tables level → code and code → level for 2^bitsPerCell levels. */
export interface MappingTables {
  readonly bitsPerCell: number;
  readonly mapping: LevelMapping;
  readonly codeOfLevel: Uint8Array;
  readonly levelOfCode: Uint8Array;
}

export function mappingTables(bitsPerCell: number, mapping: LevelMapping): MappingTables {
  checkBitsPerCell(bitsPerCell);
  checkMapping(mapping);
  const n = 1 << bitsPerCell;
  const toCode = new Uint8Array(n);
  const toLevel = new Uint8Array(n);
  for (let level = 0; level < n; level++) {
    const code = codeOfLevel(level, mapping);
    toCode[level] = code;
    toLevel[code] = level;
  }
  return { bitsPerCell, mapping, codeOfLevel: toCode, levelOfCode: toLevel };
}

/** Number of bits that differ between the code words of two levels. */
export function bitsFlipped(from: number, to: number, mapping: LevelMapping): number {
  let x = codeOfLevel(from, mapping) ^ codeOfLevel(to, mapping);
  let count = 0;
  while (x !== 0) {
    x &= x - 1;
    count++;
  }
  return count;
}

function checkBitsPerCell(bitsPerCell: number, jsonPath?: string): void {
  if (!Number.isInteger(bitsPerCell) || bitsPerCell < 1 || bitsPerCell > MAX_BITS_PER_CELL) {
    throw new UserError(`bits per cell must be an integer from 1 to ${MAX_BITS_PER_CELL}, got ${bitsPerCell}`, {
      jsonPath,
      expected: `integer 1..${MAX_BITS_PER_CELL}`,
      suggestion: 'MLC eNVM is usually studied at 1, 2 or 3 bits per cell',
    });
  }
}

export function checkMapping(mapping: string, jsonPath?: string): asserts mapping is LevelMapping {
  if (!(LEVEL_MAPPINGS as readonly string[]).includes(mapping)) {
    throw new UserError(`unknown level mapping "${mapping}"`, {
      jsonPath,
      expected: LEVEL_MAPPINGS.join(' | '),
      suggestion: 'use "gray" so that a one-level fault flips one bit',
    });
  }
}

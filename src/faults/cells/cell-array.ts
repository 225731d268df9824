/**
 * MLC cells holding a bit stream: cell c stores bits [c·b, c·b + b) of the
 * stream at b bits per cell as one b-bit field (its code word, first bit least
 * significant, as the storage module reads fields), and the level-to-bit
 * mapping turns the code word into the cell's level. The
 * last cell is padded with zero bits when the stream's length is not a
 * multiple of b; the padding is never read back.
 *
 * Fault injection works through the `CellArray` interface so that it can
 * change cells in place inside a packed stream (no copy of a 25 M-weight
 * network into one byte per cell) or in an explicit array of levels.
 */

import { mappingTables, type LevelMapping, type MappingTables } from './level-mapping.js';
import { readField, writeField, zeroBits, type PackedBits } from './packed-bits.js';

export interface CellArray {
  readonly cellCount: number;
  readonly levelCount: number;
  levelAt(cell: number): number;
  setLevel(cell: number, level: number): void;
  /** Levels of cells start .. start + out.length − 1, into `out` (bulk, for whole-array scans). */
  readLevels(start: number, out: Uint8Array): void;
}

export function cellCountFor(bitLength: number, bitsPerCell: number): number {
  return Math.ceil(bitLength / bitsPerCell);
}

/** The cells of a packed stream; `setLevel` writes the new level's bits back into the stream. */
export function cellsOverBits(bits: PackedBits, tables: MappingTables): CellArray {
  const b = tables.bitsPerCell;
  const toLevel = tables.levelOfCode;
  const toCode = tables.codeOfLevel;
  const cellCount = cellCountFor(bits.bitLength, b);
  const codeMask = (1 << b) - 1;
  const bytes = bits.bytes;
  return {
    cellCount,
    levelCount: 1 << b,
    levelAt: (cell) => toLevel[readField(bits, cell * b, b)] as number,
    setLevel: (cell, level) => writeField(bits, cell * b, b, toCode[level] as number),
    readLevels(start, out) {
      const n = Math.min(out.length, cellCount - start);
      // Full cells are unpacked through a bit accumulator; the padded last cell goes through readField.
      const fullCells = Math.min(n, Math.floor(bits.bitLength / b) - start);
      const bit = start * b;
      let byteIndex = bit >> 3;
      // Bits wait in `acc`, the next one at bit 0; each byte loaded goes above the ones still waiting.
      let acc = (bytes[byteIndex++] ?? 0) >>> (bit & 7);
      let accBits = 8 - (bit & 7);
      for (let k = 0; k < fullCells; k++) {
        while (accBits < b) {
          acc |= (bytes[byteIndex++] ?? 0) << accBits;
          accBits += 8;
        }
        out[k] = toLevel[acc & codeMask] as number;
        acc >>>= b;
        accBits -= b;
      }
      for (let k = Math.max(fullCells, 0); k < n; k++) out[k] = toLevel[readField(bits, (start + k) * b, b)] as number;
    },
  };
}

/** Cells as an explicit array of levels (one byte per cell). */
export function cellsOverLevels(levels: Uint8Array, levelCount: number): CellArray {
  return {
    cellCount: levels.length,
    levelCount,
    levelAt: (cell) => levels[cell] as number,
    setLevel: (cell, level) => {
      levels[cell] = level;
    },
    readLevels(start, out) {
      out.set(levels.subarray(start, Math.min(levels.length, start + out.length)));
    },
  };
}

/** Write a stream into cells: the level of every cell, one byte each. */
export function writeCells(bits: PackedBits, bitsPerCell: number, mapping: LevelMapping): Uint8Array {
  const cells = cellsOverBits(bits, mappingTables(bitsPerCell, mapping));
  const levels = new Uint8Array(cells.cellCount);
  cells.readLevels(0, levels);
  return levels;
}

/** Read cells back into a stream of `bitLength` bits (padding bits of the last cell are dropped). */
export function readCells(levels: Uint8Array, bitsPerCell: number, mapping: LevelMapping, bitLength: number): PackedBits {
  if (cellCountFor(bitLength, bitsPerCell) !== levels.length) {
    throw new Error(`${levels.length} cells at ${bitsPerCell} bits per cell do not hold ${bitLength} bits`);
  }
  const tables = mappingTables(bitsPerCell, mapping);
  const bits = zeroBits(bitLength);
  for (let c = 0; c < levels.length; c++) {
    writeField(bits, c * bitsPerCell, bitsPerCell, tables.codeOfLevel[levels[c] as number] as number);
  }
  return bits;
}

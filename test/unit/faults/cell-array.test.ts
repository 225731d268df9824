import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { cellCountFor, cellsOverBits, readCells, writeCells } from '../../../src/faults/cells/cell-array.js';
import { LEVEL_MAPPINGS, levelOfCode, codeOfLevel, mappingTables } from '../../../src/faults/cells/level-mapping.js';
import { getBit, packedBits, packedBitsOverWords, readField, setBit, zeroBits, type PackedBits } from '../../../src/faults/cells/packed-bits.js';

function randomBits(bitLength: number, seed: number): PackedBits {
  const rng = randomStream(seed, 'test/cell-array/bits');
  const bits = zeroBits(bitLength);
  for (let i = 0; i < bitLength; i++) setBit(bits, i, rng.int(2));
  return bits;
}

describe('packed bits', () => {
  it('bit 0 is the least significant bit of byte 0 (the storage BitStream order)', () => {
    const bits = packedBits(Uint8Array.of(0b1000_0001, 0b0100_0010), 14);
    expect([0, 1, 7, 8, 9].map((i) => getBit(bits, i))).toEqual([1, 0, 1, 0, 1]);
    // bits 6, 7, 8, 9 = 0, 1, 0, 1 → 0·1 + 1·2 + 0·4 + 1·8 = 10
    expect(readField(bits, 6, 4)).toBe(10);
    // bits 12, 13 = 0, 0; bit 14 is set in the byte but lies past bitLength, so it reads as 0
    expect(readField(bits, 12, 4)).toBe(0);
    expect(() => packedBits(new Uint8Array(1), 9)).toThrow();
  });

  it('a view over Uint32 words numbers bits like the storage BitStream: bit i is bit i mod 32 of word i / 32', () => {
    const words = Uint32Array.of(0x8000_0001, 0x0000_0004);
    const bits = packedBitsOverWords(words, 40);
    expect([0, 31, 32, 34].map((i) => getBit(bits, i))).toEqual([1, 1, 0, 1]);
    setBit(bits, 33, 1); // writes through to the words
    expect(words[1]).toBe(0b110);
  });
});

describe('level mappings', () => {
  it('Gray: 0 1 3 2 6 7 5 4 for 3 bits; binary is the identity; both are bijections', () => {
    expect([0, 1, 2, 3, 4, 5, 6, 7].map((l) => codeOfLevel(l, 'gray'))).toEqual([0, 1, 3, 2, 6, 7, 5, 4]);
    for (const mapping of LEVEL_MAPPINGS) {
      for (let l = 0; l < 256; l++) expect(levelOfCode(codeOfLevel(l, mapping), mapping)).toBe(l);
    }
  });
});

describe('writing and reading cells', () => {
  it('hand example: stream bits 1 1 | 0 1 | 1 0 at 2 bits per cell', () => {
    // byte 0b0001_1011 holds stream bits 0..5 = 1,1,0,1,1,0; a cell's code word is s0 + 2·s1:
    // (1,1) → 3, (0,1) → 2, (1,0) → 1
    const bits = packedBits(Uint8Array.of(0b0001_1011), 6);
    expect(Array.from(writeCells(bits, 2, 'binary'))).toEqual([3, 2, 1]);
    // Gray code words 0 1 3 2 belong to levels 0 1 2 3: code 3 is level 2, code 2 level 3, code 1 level 1
    expect(Array.from(writeCells(bits, 2, 'gray'))).toEqual([2, 3, 1]);
  });

  it('the last cell is padded with zeros: 7 bits at 3 bits per cell is 3 cells', () => {
    // byte 0b1011_0011: stream bits 0..6 = 1,1,0,0,1,1,0 (bit 7 lies past the length and is ignored)
    // cells (1,1,0) → 3, (0,1,1) → 6, (0,pad,pad) → 0
    const bits = packedBits(Uint8Array.of(0b1011_0011), 7);
    expect(Array.from(writeCells(bits, 3, 'binary'))).toEqual([3, 6, 0]);
    expect(cellCountFor(7, 3)).toBe(3);
  });

  it('property: write then read gives the stream back, for 1..8 bits per cell and both mappings', () => {
    for (let b = 1; b <= 8; b++) {
      for (const mapping of LEVEL_MAPPINGS) {
        const bits = randomBits(1000 + 7 * b, b);
        const back = readCells(writeCells(bits, b, mapping), b, mapping, bits.bitLength);
        expect(back).toEqual(bits);
      }
    }
  });

  it('property: bulk readLevels agrees with levelAt at random offsets and lengths', () => {
    const rng = randomStream(3, 'test/cell-array/readLevels');
    for (const b of [1, 2, 3, 5, 8]) {
      const bits = randomBits(5003, 10 + b);
      const cells = cellsOverBits(bits, mappingTables(b, 'gray'));
      for (let k = 0; k < 50; k++) {
        const start = rng.int(cells.cellCount);
        const out = new Uint8Array(1 + rng.int(300));
        cells.readLevels(start, out);
        const n = Math.min(out.length, cells.cellCount - start);
        for (let i = 0; i < n; i++) expect(out[i]).toBe(cells.levelAt(start + i));
      }
    }
  });

  it('setLevel writes the code word back in place and leaves the other bits alone', () => {
    const bits = randomBits(30, 99);
    const before = Array.from({ length: 30 }, (_, i) => getBit(bits, i));
    const cells = cellsOverBits(bits, mappingTables(3, 'gray'));
    cells.setLevel(4, 5); // Gray code of 5 is 111, written at bits 12..14
    expect(cells.levelAt(4)).toBe(5);
    for (let i = 0; i < 30; i++) expect(getBit(bits, i)).toBe(i >= 12 && i < 15 ? 1 : before[i]);
  });
});

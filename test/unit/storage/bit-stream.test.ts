import { describe, expect, it } from 'vitest';
import { BitReader, BitStream, BitWriter, bitsToHold } from '../../../src/storage/bit-stream.js';
import { randomStream } from '../../../src/engine/random.js';

describe('BitStream', () => {
  it('reads back fields of every width 0..32 written at every alignment (seeded property)', () => {
    const rng = randomStream(7, 'bit-stream');
    const fields: [number, number][] = [];
    const w = new BitWriter(8);
    for (let i = 0; i < 3000; i++) {
      const n = rng.int(33);
      const v = n === 0 ? 0 : Math.floor(rng.next() * 2 ** n);
      fields.push([v, n]);
      w.write(v, n);
    }
    const s = w.finish();
    expect(s.length).toBe(fields.reduce((a, [, n]) => a + n, 0));
    const r = new BitReader(s);
    for (const [v, n] of fields) expect(r.read(n)).toBe(v);
  });

  it('puts the least significant bit of a field first (little-endian, like NVDLA WMB)', () => {
    const w = new BitWriter();
    w.write(0b110, 3); // bits 0,1,2 = 0,1,1
    w.write(1, 1); // bit 3
    const s = w.finish();
    expect([0, 1, 2, 3].map((i) => s.getBit(i))).toEqual([0, 1, 1, 1]);
    expect(s.words[0]).toBe(0b1110);
  });

  it('reads bits past the end as 0, and a field straddling the end keeps only the stored bits', () => {
    const w = new BitWriter();
    w.write(0b101, 3);
    const s = w.finish();
    expect(s.readBits(3, 8)).toBe(0);
    expect(s.readBits(1, 8)).toBe(0b10); // bits 1, 2 of 0b101 → 0b10
    expect(s.getBit(100)).toBe(0);
  });

  it('flips exactly one bit and refuses bits outside the stream', () => {
    const s = BitStream.zeros(70);
    s.flipBit(69);
    expect(s.popcount()).toBe(1);
    expect(s.readBits(64, 6)).toBe(0b100000);
    s.flipBit(69);
    expect(s.popcount()).toBe(0);
    expect(() => s.flipBit(70)).toThrow();
  });

  it('pads to a multiple with zeros', () => {
    const w = new BitWriter();
    w.write(3, 2);
    w.padTo(1024);
    expect(w.length).toBe(1024);
    w.padTo(1024);
    expect(w.length).toBe(1024);
    expect(w.finish().popcount()).toBe(2);
  });

  it('clears bits past the length when built from words', () => {
    const s = new BitStream(Uint32Array.of(0xffffffff, 0xffffffff), 33);
    expect(s.popcount()).toBe(33);
  });

  it('bitsToHold is ceil(log2(n + 1)) at the power-of-two boundaries', () => {
    // 0 → 0 bits; 1 → 1; 2,3 → 2; 4..7 → 3; 255 → 8; 256 → 9
    expect([0, 1, 2, 3, 4, 7, 8, 255, 256].map(bitsToHold)).toEqual([0, 1, 2, 2, 3, 3, 4, 8, 9]);
  });
});

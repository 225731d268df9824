import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { BitStream, BitWriter } from '../../../src/storage/bit-stream.js';
import { secdedCheckField, secdedCode, secdedDecodeWord } from '../../../src/storage/secded.js';
import { correctStreams, eccCheckBits, encodeCheckStream } from '../../../src/storage/ecc-streams.js';

/** A data word of k random bits, its check field, and a function to decode a copy with chosen bits flipped. */
function word(k: number, seed: number) {
  const rng = randomStream(seed, `secded/${k}`);
  const w = new BitWriter(k);
  for (let i = 0; i < k; i++) w.write(rng.int(2), 1);
  const data = w.finish();
  const code = secdedCode(k);
  const check = secdedCheckField(code, data, 0);
  /** Flip codeword bits: 0..k−1 are data bits, k..k+m are check bits. */
  const decodeWith = (flips: number[]) => {
    const d = data.clone();
    let c = check;
    for (const f of flips) {
      if (f < k) d.flipBit(f);
      else c ^= 1 << (f - k);
    }
    const r = secdedDecodeWord(code, d, 0, c);
    return { ...r, dataOk: d.equals(data), checkOk: r.check === check };
  };
  return { code, decodeWith };
}

describe('SECDED code sizes', () => {
  it('gives (72,64), (39,32), (22,16), (13,8), (8,4) and works for any k', () => {
    // m = smallest with 2^m >= k + m + 1: k=64 → m=7 (128 >= 72); k=32 → 6 (64 >= 39); k=16 → 5 (32 >= 22);
    // k=8 → 4 (16 >= 13); k=4 → 3 (8 >= 8); k=100 → 7 (128 >= 108). n = k + m + 1.
    expect([64, 32, 16, 8, 4, 100].map((k) => secdedCode(k).codewordBits)).toEqual([72, 39, 22, 13, 8, 108]);
    expect(secdedCode(64).checkBits).toBe(8);
  });
});

describe.each([16, 32, 64])('SECDED over %i-bit words', (k) => {
  const seeds = [1, 2, 3];

  it('corrects every single-bit error of the codeword (exhaustive over positions)', () => {
    for (const seed of seeds) {
      const { code, decodeWith } = word(k, seed);
      expect(decodeWith([]).outcome).toBe('ok');
      for (let i = 0; i < code.codewordBits; i++) {
        const r = decodeWith([i]);
        expect(r.outcome, `bit ${i}`).toBe('corrected');
        expect(r.dataOk && r.checkOk, `bit ${i} restored`).toBe(true);
      }
    }
  });

  it('detects every double-bit error of the codeword (exhaustive over pairs)', () => {
    for (const seed of seeds) {
      const { code, decodeWith } = word(k, seed);
      for (let i = 0; i < code.codewordBits; i++) {
        for (let j = i + 1; j < code.codewordBits; j++) {
          const r = decodeWith([i, j]);
          if (r.outcome !== 'detected') throw new Error(`bits ${i},${j}: ${r.outcome}`);
          // Detected and left alone: the data is intact only when both flips hit check bits.
          if (r.dataOk !== (i >= k && j >= k)) throw new Error(`bits ${i},${j}: data was changed`);
        }
      }
    }
  });
});

describe('ECC over streams', () => {
  it('cuts each protected stream into words and keeps the counts', () => {
    // values: 100 bits → ceil(100/32) = 4 words; mask: 64 bits → 2 words; 6 words · 7 check bits = 42.
    const rng = randomStream(5, 'ecc-streams');
    const mk = (n: number) => {
      const w = new BitWriter();
      for (let i = 0; i < n; i++) w.write(rng.int(2), 1);
      return w.finish();
    };
    const streams = { values: mk(100), mask: mk(64), indices: mk(50) };
    const ecc = { dataBits: 32, streams: ['values', 'mask'] as const };
    const check = encodeCheckStream(streams, ecc);
    expect(check.length).toBe(42);
    expect(eccCheckBits(100, 32) + eccCheckBits(64, 32)).toBe(42);

    // One flip in values word 0, one in the last (partial) word, two in mask word 1, one in the check stream.
    const faulty = { values: streams.values.clone(), mask: streams.mask.clone(), indices: streams.indices, check: check.clone() };
    faulty.values.flipBit(3);
    faulty.values.flipBit(99);
    faulty.mask.flipBit(40);
    faulty.mask.flipBit(41);
    faulty.check.flipBit(7 * 4 + 2); // check fields: values words 0..3, then mask word 0 (field 4)
    const { streams: fixed, report } = correctStreams(faulty, ecc);
    expect(report).toEqual({ words: 6, corrected: 3, detected: 1 });
    expect(fixed.values?.equals(streams.values)).toBe(true);
    expect(fixed.check?.equals(check)).toBe(true);
    expect(fixed.mask?.equals(streams.mask)).toBe(false);
    expect(faulty.values.equals(streams.values)).toBe(false); // inputs untouched
  });

  it('an empty stream has no words', () => {
    expect(encodeCheckStream({ sync: BitStream.zeros(0) }, { dataBits: 64, streams: ['sync'] }).length).toBe(0);
  });
});

import type { BitStream } from './bit-stream.js';

/**
 * SECDED extended Hamming code over k-bit data words: m Hamming check bits, the smallest m with
 * 2^m >= k + m + 1, plus one overall parity bit: (k + m + 1, k). 64 → (72,64), 32 → (39,32), 16 → (22,16).
 *
 * Codeword positions 1 .. k + m follow Hamming's layout: check bit j sits at position 2^j, data bits fill the
 * other positions in order (data bit 0 at position 3, bit 1 at 5, ...). Check bit j makes the XOR of all
 * positions with bit j set even, so the syndrome of a single flipped bit is its position. Position 0 is the
 * overall parity bit, making the whole codeword's parity even: a single error flips it, a double error does not.
 *
 * The code is systematic: data bits stay where they are in their own stream; a word's m + 1 check bits are
 * stored as one field, Hamming bits c_0 .. c_{m−1} in the low bits and the overall parity bit above them.
 */
export interface SecdedCode {
  dataBits: number;
  /** m: Hamming check bits. */
  hammingBits: number;
  /** m + 1: check bits stored per word. */
  checkBits: number;
  /** k + m + 1. */
  codewordBits: number;
  /** Hamming position of each data bit. */
  dataPosition: Int32Array;
  /** Data bit at each Hamming position 1 .. k + m, −1 for check positions. */
  positionData: Int32Array;
}

const codes = new Map<number, SecdedCode>();

export function secdedCode(dataBits: number): SecdedCode {
  if (!Number.isInteger(dataBits) || dataBits < 1) throw new Error(`SECDED: data word of ${dataBits} bits`);
  const cached = codes.get(dataBits);
  if (cached !== undefined) return cached;
  let m = 1;
  while (2 ** m < dataBits + m + 1) m++;
  const last = dataBits + m;
  const dataPosition = new Int32Array(dataBits);
  const positionData = new Int32Array(last + 1).fill(-1);
  for (let pos = 1, i = 0; pos <= last; pos++) {
    if ((pos & (pos - 1)) === 0) continue;
    dataPosition[i] = pos;
    positionData[pos] = i;
    i++;
  }
  const code = { dataBits, hammingBits: m, checkBits: m + 1, codewordBits: last + 1, dataPosition, positionData };
  codes.set(dataBits, code);
  return code;
}

/** Syndrome contribution and parity of the data word at bit `start` of `data` (bits past the end read as 0). */
function scanData(code: SecdedCode, data: BitStream, start: number): { syndrome: number; parity: number } {
  let syndrome = 0;
  let parity = 0;
  const k = code.dataBits;
  for (let i = 0; i < k; i += 32) {
    const n = Math.min(32, k - i);
    let word = data.readBits(start + i, n);
    while (word !== 0) {
      const low = word & -word;
      const bit = 31 - Math.clz32(low);
      syndrome ^= code.dataPosition[i + bit] ?? 0;
      parity ^= 1;
      word = (word ^ low) >>> 0;
    }
  }
  return { syndrome, parity };
}

function parityOf(x: number): number {
  let p = 0;
  for (let v = x >>> 0; v !== 0; v &= v - 1) p ^= 1;
  return p;
}

/** The m + 1 check bits of the data word at `start`. */
export function secdedCheckField(code: SecdedCode, data: BitStream, start: number): number {
  const { syndrome, parity } = scanData(code, data, start);
  return syndrome | ((parity ^ parityOf(syndrome)) << code.hammingBits);
}

export type SecdedOutcome = 'ok' | 'corrected' | 'detected';

/**
 * Check one received word (data bits at `start` of `data`, check field `check`). A single-bit error is
 * corrected in place (the data bit in `data`, or the check bit in the returned field); a double-bit error is
 * detected and left as is. Returns the outcome and the (corrected) check field.
 */
export function secdedDecodeWord(code: SecdedCode, data: BitStream, start: number, check: number): { outcome: SecdedOutcome; check: number } {
  const m = code.hammingBits;
  const { syndrome: s0, parity: p0 } = scanData(code, data, start);
  const hamming = check & ((1 << m) - 1);
  const overall = (check >>> m) & 1;
  const syndrome = s0 ^ hamming;
  const parity = p0 ^ parityOf(hamming) ^ overall;
  if (syndrome === 0 && parity === 0) return { outcome: 'ok', check };
  if (parity === 0) return { outcome: 'detected', check };
  // Odd parity: one bit flipped (or an odd number > 1, which SECDED cannot tell apart).
  if (syndrome === 0) return { outcome: 'corrected', check: check ^ (1 << m) };
  if ((syndrome & (syndrome - 1)) === 0) return { outcome: 'corrected', check: check ^ syndrome };
  const i = code.positionData[syndrome] ?? -1;
  if (i < 0 || start + i >= data.length) return { outcome: 'detected', check };
  data.flipBit(start + i);
  return { outcome: 'corrected', check };
}

/**
 * A plain packed bit stream: `bitLength` bits in a Uint8Array, bit i in byte
 * i >> 3 at bit position i & 7 (least significant first). An n-bit field at
 * position p has its least significant bit at p.
 *
 * This is the bit order of the storage module's BitStream (src/storage/
 * bit-stream.ts: bit i is bit i mod 32 of Uint32 word i / 32): on a
 * little-endian host those words, seen as bytes, are this layout, so
 * `packedBitsOverWords` lets faults be injected into a BitStream in place.
 * Bits past bitLength in the last byte are ignored and never written.
 */

import { endianness } from 'node:os';

export interface PackedBits {
  readonly bytes: Uint8Array;
  readonly bitLength: number;
}

/** A zeroed stream of `bitLength` bits. */
export function zeroBits(bitLength: number): PackedBits {
  return { bytes: new Uint8Array(Math.ceil(bitLength / 8)), bitLength };
}

/** A stream over existing bytes; checks that they hold `bitLength` bits. */
export function packedBits(bytes: Uint8Array, bitLength: number = bytes.length * 8): PackedBits {
  if (!Number.isInteger(bitLength) || bitLength < 0 || bytes.length * 8 < bitLength) {
    throw new Error(`${bytes.length} bytes cannot hold ${bitLength} bits`);
  }
  return { bytes, bitLength };
}

/** A byte view of little-endian-numbered Uint32 words (a storage BitStream's `words`), sharing their memory. */
export function packedBitsOverWords(words: Uint32Array, bitLength: number): PackedBits {
  if (endianness() !== 'LE') throw new Error('packedBitsOverWords needs a little-endian host');
  return packedBits(new Uint8Array(words.buffer, words.byteOffset, Math.ceil(bitLength / 8)), bitLength);
}

export function copyBits(bits: PackedBits): PackedBits {
  return { bytes: bits.bytes.slice(), bitLength: bits.bitLength };
}

export function getBit(bits: PackedBits, i: number): number {
  return ((bits.bytes[i >> 3] as number) >>> (i & 7)) & 1;
}

export function setBit(bits: PackedBits, i: number, value: number): void {
  const mask = 1 << (i & 7);
  const k = i >> 3;
  const byte = bits.bytes[k] as number;
  bits.bytes[k] = value ? byte | mask : byte & ~mask;
}

/** The `count`-bit field (count ≤ 24) at bit `start`, least significant bit first; bits past bitLength read as 0. */
export function readField(bits: PackedBits, start: number, count: number): number {
  const end = Math.min(start + count, bits.bitLength);
  let value = 0;
  for (let i = start; i < end; i++) value |= getBit(bits, i) << (i - start);
  return value;
}

/** Write the low `count` bits of `value` at bit `start`, least significant first; bits past bitLength are dropped. */
export function writeField(bits: PackedBits, start: number, count: number, value: number): void {
  const end = Math.min(start + count, bits.bitLength);
  for (let i = start; i < end; i++) setBit(bits, i, (value >>> (i - start)) & 1);
}

/** Number of bits that differ between two streams of the same length. */
export function hammingDistance(a: PackedBits, b: PackedBits): number {
  if (a.bitLength !== b.bitLength) throw new Error(`streams differ in length: ${a.bitLength} vs ${b.bitLength}`);
  const fullBytes = a.bitLength >> 3;
  let count = 0;
  for (let k = 0; k < fullBytes; k++) count += popcount8((a.bytes[k] as number) ^ (b.bytes[k] as number));
  for (let i = fullBytes * 8; i < a.bitLength; i++) count += getBit(a, i) ^ getBit(b, i);
  return count;
}

function popcount8(x: number): number {
  x = x - ((x >>> 1) & 0x55);
  x = (x & 0x33) + ((x >>> 2) & 0x33);
  return (x + (x >>> 4)) & 0x0f;
}

/**
 * A packed stream of bits: what one storage stream (values, mask, indices, ...) holds in the memory cells.
 *
 * Bit order: bit i of the stream is bit (i mod 32) of word floor(i / 32), least significant first, so a stream
 * is little-endian like NVDLA's WMB surface. An n-bit field written at position p puts the field's least
 * significant bit at p. Faults flip bits with `flipBit`; decoders read with `readBits`, which returns 0 for bits
 * past the end, so a decoder misled by corrupted metadata never throws.
 */
export class BitStream {
  /** `words` holds at least ceil(length / 32) words; bits at and past `length` are cleared to 0. */
  constructor(
    readonly words: Uint32Array,
    readonly length: number,
  ) {
    if (!Number.isInteger(length) || length < 0 || words.length * 32 < length) {
      throw new Error(`BitStream: ${words.length} words cannot hold ${length} bits`);
    }
    // Keep the invariant that bits past the end are 0, so fields straddling the end read them as 0.
    for (let w = Math.ceil(length / 32); w < words.length; w++) words[w] = 0;
    if (length % 32 !== 0) words[length >>> 5] = (words[length >>> 5] ?? 0) & ((1 << length % 32) - 1);
  }

  static zeros(length: number): BitStream {
    return new BitStream(new Uint32Array(Math.ceil(length / 32)), length);
  }

  getBit(i: number): number {
    if (i < 0 || i >= this.length) return 0;
    return ((this.words[i >>> 5] ?? 0) >>> (i & 31)) & 1;
  }

  setBit(i: number, v: number): void {
    this.checkIndex(i);
    const w = i >>> 5;
    const m = 1 << (i & 31);
    this.words[w] = v ? (this.words[w] ?? 0) | m : (this.words[w] ?? 0) & ~m;
  }

  flipBit(i: number): void {
    this.checkIndex(i);
    const w = i >>> 5;
    this.words[w] = (this.words[w] ?? 0) ^ (1 << (i & 31));
  }

  /** The n-bit field (0 <= n <= 32) at bit position pos, as an unsigned number. Bits past the end read as 0. */
  readBits(pos: number, n: number): number {
    if (n === 0) return 0;
    if (pos >= this.length || pos < 0) return 0;
    const w = pos >>> 5;
    const sh = pos & 31;
    let v = (this.words[w] ?? 0) >>> sh;
    if (sh + n > 32) v = (v | ((this.words[w + 1] ?? 0) << (32 - sh))) >>> 0;
    if (n < 32) v &= (1 << n) - 1;
    return v >>> 0;
  }

  /** Overwrite the n-bit field at pos with the low n bits of value. The field must lie inside the stream. */
  writeBits(pos: number, n: number, value: number): void {
    if (n === 0) return;
    if (pos < 0 || pos + n > this.length || n > 32) throw new Error(`BitStream: field ${pos}+${n} outside ${this.length} bits`);
    for (let k = 0; k < n; k++) this.setBit(pos + k, (value >>> k) & 1);
  }

  /** Number of set bits. */
  popcount(): number {
    let c = 0;
    for (let i = 0; i < this.words.length; i++) {
      let x = this.words[i] ?? 0;
      x -= (x >>> 1) & 0x55555555;
      x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
      c += (((x + (x >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
    }
    return c;
  }

  clone(): BitStream {
    return new BitStream(this.words.slice(), this.length);
  }

  equals(other: BitStream): boolean {
    if (other.length !== this.length) return false;
    const n = Math.ceil(this.length / 32);
    for (let i = 0; i < n; i++) if (this.words[i] !== other.words[i]) return false;
    return true;
  }

  private checkIndex(i: number): void {
    if (!Number.isInteger(i) || i < 0 || i >= this.length) throw new Error(`BitStream: bit ${i} outside ${this.length} bits`);
  }
}

/** Appends n-bit fields to a growing stream. */
export class BitWriter {
  private words: Uint32Array;
  private len = 0;

  constructor(capacityBits = 1024) {
    this.words = new Uint32Array(Math.max(1, Math.ceil(capacityBits / 32)));
  }

  get length(): number {
    return this.len;
  }

  /** Append the low n bits (0 <= n <= 32) of value. */
  write(value: number, n: number): void {
    if (n === 0) return;
    if (n < 0 || n > 32) throw new Error(`BitWriter: field width ${n} outside 0..32`);
    this.ensure(this.len + n);
    const v = n === 32 ? value >>> 0 : (value & ((2 ** n) - 1)) >>> 0;
    const w = this.len >>> 5;
    const sh = this.len & 31;
    this.words[w] = ((this.words[w] ?? 0) | (v << sh)) >>> 0;
    if (sh + n > 32) this.words[w + 1] = v >>> (32 - sh);
    this.len += n;
  }

  /** Append zero bits up to the next multiple of `multiple` bits (surface alignment). */
  padTo(multiple: number): void {
    const target = Math.ceil(this.len / multiple) * multiple;
    this.ensure(target);
    this.len = target;
  }

  finish(): BitStream {
    return new BitStream(this.words.slice(0, Math.ceil(this.len / 32)), this.len);
  }

  private ensure(bits: number): void {
    const need = Math.ceil(bits / 32) + 1;
    if (need <= this.words.length) return;
    const grown = new Uint32Array(Math.max(need, this.words.length * 2));
    grown.set(this.words);
    this.words = grown;
  }
}

/** Reads consecutive n-bit fields from a stream, starting at a position the caller may move (re-alignment). */
export class BitReader {
  constructor(
    readonly stream: BitStream,
    public pos = 0,
  ) {}

  read(n: number): number {
    const v = this.stream.readBits(this.pos, n);
    this.pos += n;
    return v;
  }
}

/** Bits needed to write every integer 0..maxValue in binary: ceil(log2(maxValue + 1)), and 0 for maxValue 0. */
export function bitsToHold(maxValue: number): number {
  if (!Number.isInteger(maxValue) || maxValue < 0) throw new Error(`bitsToHold: ${maxValue} is not a count`);
  let bits = 0;
  while (2 ** bits <= maxValue) bits++;
  return bits;
}

import { BitReader, BitWriter, type BitStream } from './bit-stream.js';
import { secdedCheckField, secdedCode, secdedDecodeWord } from './secded.js';
import { STREAM_ORDER } from './streams.js';
import type { StreamName } from './types.js';

/**
 * ECC over whole streams. Each protected stream is cut into k-bit data words from its first bit (the last word
 * is padded with zeros that are not stored); every word gets m + 1 check bits (secded.ts). All check fields of a
 * layer form its own `check` stream, stored at its own bits per cell: first every word of the first protected
 * stream in STREAM_ORDER, then the next stream, and so on. The data streams themselves are unchanged.
 */

export interface EccSpec {
  dataBits: number;
  streams: readonly StreamName[];
}

export interface EccReport {
  /** Data words checked. */
  words: number;
  /** Words with a single-bit error, corrected. */
  corrected: number;
  /** Words with a detected but uncorrectable error (two bits, or a syndrome outside the word). */
  detected: number;
}

/** Data words of a stream of `bits` bits. */
export function eccWords(bits: number, dataBits: number): number {
  return Math.ceil(bits / dataBits);
}

/** Check bits protecting a stream of `bits` bits. */
export function eccCheckBits(bits: number, dataBits: number): number {
  return eccWords(bits, dataBits) * secdedCode(dataBits).checkBits;
}

/** Protected streams present in `streams`, in the order their check blocks appear in the check stream. */
function protectedStreams(streams: Partial<Record<StreamName, BitStream>>, ecc: EccSpec): StreamName[] {
  return STREAM_ORDER.filter((n) => n !== 'check' && ecc.streams.includes(n) && streams[n] !== undefined);
}

export function encodeCheckStream(streams: Partial<Record<StreamName, BitStream>>, ecc: EccSpec): BitStream {
  const code = secdedCode(ecc.dataBits);
  const out = new BitWriter();
  for (const name of protectedStreams(streams, ecc)) {
    const data = streams[name] as BitStream;
    const words = eccWords(data.length, code.dataBits);
    for (let w = 0; w < words; w++) out.write(secdedCheckField(code, data, w * code.dataBits), code.checkBits);
  }
  return out.finish();
}

/**
 * Check and correct every protected stream against the check stream. Returns corrected copies (the inputs are
 * not modified) and the counts; unprotected streams are passed through.
 */
export function correctStreams(
  streams: Partial<Record<StreamName, BitStream>>,
  ecc: EccSpec,
): { streams: Partial<Record<StreamName, BitStream>>; report: EccReport } {
  const check = streams.check;
  if (check === undefined) throw new Error('ECC decode: no check stream');
  const code = secdedCode(ecc.dataBits);
  const fixed: Partial<Record<StreamName, BitStream>> = { ...streams };
  const report: EccReport = { words: 0, corrected: 0, detected: 0 };
  const checks = new BitReader(check);
  const fixedCheck = check.clone();
  for (const name of protectedStreams(streams, ecc)) {
    const data = (streams[name] as BitStream).clone();
    const words = eccWords(data.length, code.dataBits);
    for (let w = 0; w < words; w++) {
      const at = checks.pos;
      const r = secdedDecodeWord(code, data, w * code.dataBits, checks.read(code.checkBits));
      report.words++;
      if (r.outcome === 'corrected') report.corrected++;
      if (r.outcome === 'detected') report.detected++;
      if (at + code.checkBits <= fixedCheck.length) fixedCheck.writeBits(at, code.checkBits, r.check);
    }
    fixed[name] = data;
  }
  fixed.check = fixedCheck;
  return { streams: fixed, report };
}

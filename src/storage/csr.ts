import { BitReader, BitWriter, bitsToHold, type BitStream } from './bit-stream.js';
import type { EncodedLayer } from './encoded-layer.js';
import type { StreamName } from './types.js';
import { SyncRecorder, readSyncWords } from './idxsync.js';
import { fieldToValue, kernelSize, valueToField, type WeightTensor } from './weight-tensor.js';

/**
 * CSR with r-bit relative indices, one row per kernel, [C][R][S] order inside a row.
 *
 * Entries: each entry is a b-bit value (values stream) and an r-bit index (indices stream) holding the number of
 * zeros skipped since the previous entry of the row, or since the row start for the first one. A run of z zeros
 * longer than 2^r − 1 first gets floor(z / 2^r) filler entries (index 2^r − 1, value 0: code 0 when clustered),
 * each standing on the zero at the end of its 2^r-weight hop. Zeros after the last entry of a row cost nothing.
 *
 * Pointers: one field per kernel holding that row's entry count, ceil(log2(W + 1)) bits wide (a row has at most
 * W entries, one per position); a row's first entry is the sum of the counts before it, as in classic CSR row
 * pointers stored as differences.
 *
 * With IdxSync every sync point also restarts the relative indices: the first entry at or after a sync point
 * counts its zeros from the sync point, so a corrupted index misplaces values only up to the next sync point or
 * row end. The sync word (the entry count before the point) tells the decoder which entry restarts, and the
 * decoder drops an entry that decodes past the end of its segment (impossible in valid data) instead of writing
 * it into the next one.
 *
 * Sizes: values E·b, indices E·r, pointers K·ceil(log2(W + 1)), E = nnz + fillers.
 */

export interface CsrEncoding {
  streams: Partial<Record<StreamName, BitStream>>;
  pointerBits: number;
  syncWordBits?: number;
}

/** Width of one per-kernel entry count. */
export function csrPointerBits(weightsPerKernel: number): number {
  return Math.max(1, bitsToHold(weightsPerKernel));
}

export function encodeCsr(t: WeightTensor, indexBits: number, syncInterval?: number): CsrEncoding {
  const { kernels } = t.shape;
  const w = kernelSize(t.shape);
  const b = t.valueBits;
  const hop = 2 ** indexBits;
  const pointerBits = csrPointerBits(w);
  const values = new BitWriter();
  const indices = new BitWriter();
  const pointers = new BitWriter(kernels * pointerBits);
  const sync = syncInterval !== undefined ? new SyncRecorder(t.values.length, syncInterval) : undefined;
  let entries = 0;
  for (let k = 0; k < kernels; k++) {
    const rowStart = k * w;
    const rowEntriesBefore = entries;
    let prev = -1;
    for (let pos = 0; pos < w; pos++) {
      if (sync !== undefined && rowStart + pos === sync.next) {
        sync.record(entries);
        prev = pos - 1;
      }
      const v = t.values[rowStart + pos] ?? 0;
      if (v === 0) continue;
      let gap = pos - prev - 1;
      while (gap >= hop) {
        values.write(0, b);
        indices.write(hop - 1, indexBits);
        entries++;
        gap -= hop;
      }
      values.write(valueToField(v, b), b);
      indices.write(gap, indexBits);
      entries++;
      prev = pos;
    }
    pointers.write(entries - rowEntriesBefore, pointerBits);
  }
  const streams: Partial<Record<StreamName, BitStream>> = {
    values: values.finish(),
    indices: indices.finish(),
    pointers: pointers.finish(),
  };
  if (sync === undefined) return { streams, pointerBits };
  const s = sync.finish(entries);
  streams.sync = s.stream;
  return { streams, pointerBits, syncWordBits: s.wordBits };
}

/** Rebuild the weights from (possibly corrupted) streams into `out`, in [K][C][R][S] order. */
export function decodeCsr(enc: EncodedLayer, streams: Partial<Record<StreamName, BitStream>>, out: Int32Array): void {
  const { values, indices, pointers } = streams;
  if (values === undefined || indices === undefined || pointers === undefined) throw new Error('csr decode needs values, indices and pointers');
  const r = enc.format.csrIndexBits ?? 0;
  const b = enc.valueBits;
  const clustered = enc.clusters !== undefined;
  const w = kernelSize(enc.shape);
  const totalEntries = Math.floor(values.length / b);
  const restartAt = restartTable(enc, streams, totalEntries);
  const ptr = new BitReader(pointers);
  out.fill(0);
  const interval = enc.format.syncInterval ?? Infinity;
  // Entries of a segment (row, cut at sync points) lie before its end; one decoded past it is dropped, not
  // written into the next segment.
  const segmentEnd = (rowStart: number, base: number): number => Math.min(w, (Math.floor((rowStart + base) / interval) + 1) * interval - rowStart);
  let entry = 0;
  for (let k = 0; k < enc.shape.kernels; k++) {
    const rowStart = k * w;
    const count = ptr.read(enc.pointerBits ?? 1);
    let prev = -1;
    let end = segmentEnd(rowStart, 0);
    for (let i = 0; i < count && entry < totalEntries; i++, entry++) {
      const restart = restartAt?.[entry] ?? -1;
      // A sync point inside this row restarts the relative index; one at or before the row start is the row start.
      if (restart > rowStart && restart < rowStart + w) {
        prev = restart - rowStart - 1;
        end = segmentEnd(rowStart, prev + 1);
      }
      const pos = prev + 1 + indices.readBits(entry * r, r);
      if (pos < end) out[rowStart + pos] = fieldToValue(values.readBits(entry * b, b), b, clustered);
      prev = pos;
    }
  }
}

/** restartAt[e] = the last sync point whose word says entry e is the first entry at or after it, or −1. */
function restartTable(enc: EncodedLayer, streams: Partial<Record<StreamName, BitStream>>, totalEntries: number): Int32Array | undefined {
  const interval = enc.format.syncInterval;
  if (interval === undefined || streams.sync === undefined) return undefined;
  const n = enc.shape.kernels * kernelSize(enc.shape);
  const counts = readSyncWords(streams.sync, n, interval, enc.syncWordBits ?? 1);
  const table = new Int32Array(totalEntries + 1).fill(-1);
  // Later sync points overwrite earlier ones: an entry counts its zeros from the last sync point before it.
  for (let j = 0; j < counts.length; j++) {
    const e = counts[j] ?? 0;
    if (e <= totalEntries) table[e] = (j + 1) * interval;
  }
  return table;
}

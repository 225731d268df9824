import { BitReader, BitWriter, type BitStream } from './bit-stream.js';
import type { EncodedLayer } from './encoded-layer.js';
import type { StreamName } from './types.js';
import { SyncRecorder, readSyncWords } from './idxsync.js';
import { nvdlaStorageOrder } from './nvdla-order.js';
import { NVDLA_SURFACE_ALIGN_BITS, NVDLA_WGS_BITS } from './nvdla-surfaces.js';
import { fieldToValue, kernelSize, valueToField, type WeightTensor } from './weight-tensor.js';

/**
 * Bitmask encoding: one mask bit per weight (1 = non-zero) and the non-zero values as b-bit fields in the same
 * order: N + nnz·b bits.
 *
 * Layout `plain`: a mask stream and a value stream in [K][C][R][S] order, nothing else.
 *
 * Layout `nvdla` (NVDLA's compressed weight format, see nvdla-surfaces.ts): weights in NVDLA's storage order
 * (nvdla-order.ts); mask = the WMB surface, values = the compressed weight surface, groupSizes = the WGS surface
 * with one 32-bit entry per kernel group of atomicK kernels; each surface padded with zeros to a multiple of
 * 128 bytes. WGS holds the number of non-zero weights of the group: for int8 that is NVDLA's "remaining byte
 * number"; for b-bit cluster codes (an extension: NVDLA itself has no sub-byte weights) it is the bytes the group
 * takes in CBUF once the codes are looked up. The decoder starts every group at the value pointer the WGS entries
 * before it give, as NVDLA's CDMA does, so a mask error never spills into the next group.
 *
 * With IdxSync the decoder also re-aligns at every sync point (idxsync.ts).
 */

export interface BitmaskEncoding {
  streams: Partial<Record<StreamName, BitStream>>;
  syncWordBits?: number;
}

export function encodeBitmask(t: WeightTensor, layout: 'nvdla' | 'plain', atomicK: number, syncInterval?: number): BitmaskEncoding {
  const n = t.values.length;
  const b = t.valueBits;
  const order = layout === 'nvdla' ? nvdlaStorageOrder(t.shape, atomicK) : undefined;
  const groupWeights = atomicK * kernelSize(t.shape);
  const mask = new BitWriter(n);
  const values = new BitWriter(n * b);
  const groupSizes = new BitWriter();
  const sync = syncInterval !== undefined ? new SyncRecorder(n, syncInterval) : undefined;
  let fields = 0;
  let inGroup = 0;
  for (let p = 0; p < n; p++) {
    if (sync !== undefined && p === sync.next) sync.record(fields);
    const v = t.values[order !== undefined ? (order[p] ?? 0) : p] ?? 0;
    if (v !== 0) {
      mask.write(1, 1);
      values.write(valueToField(v, b), b);
      fields++;
      inGroup++;
    } else {
      mask.write(0, 1);
    }
    if ((p + 1) % groupWeights === 0 || p + 1 === n) {
      groupSizes.write(inGroup, NVDLA_WGS_BITS);
      inGroup = 0;
    }
  }
  const streams: Partial<Record<StreamName, BitStream>> = {};
  if (layout === 'nvdla') {
    for (const w of [mask, values, groupSizes]) w.padTo(NVDLA_SURFACE_ALIGN_BITS);
    streams.groupSizes = groupSizes.finish();
  }
  streams.mask = mask.finish();
  streams.values = values.finish();
  if (sync === undefined) return { streams };
  const s = sync.finish(fields);
  streams.sync = s.stream;
  return { streams, syncWordBits: s.wordBits };
}

/** Rebuild the weights from (possibly corrupted) streams into `out`, in [K][C][R][S] order. */
export function decodeBitmask(enc: EncodedLayer, streams: Partial<Record<StreamName, BitStream>>, out: Int32Array): void {
  const { mask, values } = required(streams, enc);
  const n = out.length;
  const b = enc.valueBits;
  const clustered = enc.clusters !== undefined;
  const nvdla = enc.format.bitmaskLayout === 'nvdla';
  const order = nvdla ? nvdlaStorageOrder(enc.shape, enc.format.atomicK) : undefined;
  const groupWeights = enc.format.atomicK * kernelSize(enc.shape);
  const wgs = nvdla && streams.groupSizes !== undefined ? new BitReader(streams.groupSizes) : undefined;
  const interval = enc.format.syncInterval;
  const syncCounts =
    interval !== undefined && streams.sync !== undefined ? readSyncWords(streams.sync, n, interval, enc.syncWordBits ?? 1) : undefined;
  let nextSync = syncCounts !== undefined && interval !== undefined && syncCounts.length > 0 ? interval : Infinity;
  let syncIndex = 0;
  let vp = 0;
  let groupStart = 0;
  for (let p = 0; p < n; p++) {
    if (wgs !== undefined && p % groupWeights === 0) {
      vp = groupStart;
      groupStart += wgs.read(NVDLA_WGS_BITS);
    }
    if (p === nextSync && syncCounts !== undefined && interval !== undefined) {
      vp = syncCounts[syncIndex++] ?? vp;
      nextSync = syncIndex < syncCounts.length ? nextSync + interval : Infinity;
    }
    const idx = order !== undefined ? (order[p] ?? 0) : p;
    if (mask.getBit(p) === 1) {
      out[idx] = fieldToValue(values.readBits(vp * b, b), b, clustered);
      vp++;
    } else {
      out[idx] = 0;
    }
  }
}

function required(streams: Partial<Record<StreamName, BitStream>>, enc: EncodedLayer): { mask: BitStream; values: BitStream } {
  const { mask, values } = streams;
  if (mask === undefined || values === undefined) throw new Error(`bitmask decode needs mask and values streams (${enc.format.encoding})`);
  return { mask, values };
}

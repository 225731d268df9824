import type { EncodingKind, StorageChoice, StreamName } from './types.js';

/**
 * Which streams each encoding produces, in the one canonical order used everywhere a list of streams is laid
 * out: tables, the order of ECC check blocks in the `check` stream, totals.
 */
export const STREAM_ORDER: readonly StreamName[] = [
  'values',
  'codebook',
  'mask',
  'groupSizes',
  'indices',
  'pointers',
  'sync',
  'check',
];

/** Streams an encoding produces before the optional codebook, sync and check streams. */
function baseStreams(encoding: EncodingKind, bitmaskLayout: 'nvdla' | 'plain' | undefined): StreamName[] {
  switch (encoding) {
    case 'dense':
      return ['values'];
    case 'bitmask':
      return (bitmaskLayout ?? DEFAULT_BITMASK_LAYOUT) === 'nvdla' ? ['values', 'mask', 'groupSizes'] : ['values', 'mask'];
    case 'csr':
      return ['values', 'indices', 'pointers'];
  }
}

/**
 * Default bitmask layout: NVDLA's own compressed-weight format (nvdla.org hw/format, "Sparse Compression
 * option"), the one NVDLA's CDMA reads.
 */
export const DEFAULT_BITMASK_LAYOUT = 'nvdla' as const;

/** Every stream a storage choice produces, in canonical order. `codebook` only when the choice is clustered. */
export function producedStreams(choice: Pick<StorageChoice, 'encoding' | 'bitmaskLayout' | 'clustered' | 'ecc' | 'idxSync'>): StreamName[] {
  const s = new Set<StreamName>(baseStreams(choice.encoding, choice.bitmaskLayout));
  if (choice.clustered) s.add('codebook');
  if (choice.idxSync !== undefined) s.add('sync');
  if (choice.ecc !== undefined) s.add('check');
  return STREAM_ORDER.filter((n) => s.has(n));
}

/** Streams that describe where values are, as opposed to the values themselves (for "ECC on metadata"). */
export const METADATA_STREAMS: readonly StreamName[] = ['codebook', 'mask', 'groupSizes', 'indices', 'pointers', 'sync'];

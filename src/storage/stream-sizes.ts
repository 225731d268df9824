import type { Layer, Trace } from '../workload/layer.js';
import { hasWeights, layerWeightCount } from '../workload/layer.js';
import { codebookBits } from './codebook.js';
import { csrPointerBits } from './csr.js';
import { eccCheckBits } from './ecc-streams.js';
import { DEFAULT_ATOMIC_K, formatOf, type EncodingFormat } from './encoded-layer.js';
import { syncPointsBefore, syncWordBits } from './idxsync.js';
import { NVDLA_WGS_BITS, alignToSurface, kernelGroups } from './nvdla-surfaces.js';
import { defaultPatternCache, type PatternCache, type PatternStats } from './pattern-stats.js';
import { layerChoice } from './layer-choice.js';
import { STREAM_ORDER, producedStreams } from './streams.js';
import { DEFAULT_PATTERN_SEED } from './synthetic-weights.js';
import type { LayerStorage, StorageChoice, StreamName, StreamSize } from './types.js';
import { clustersFor, valueBitsFor } from './weight-tensor.js';

/**
 * Exact stream sizes of a storage choice, from the layer's pattern statistics instead of encoding the weights.
 * Every formula here mirrors an encoder (dense.ts, bitmask.ts, csr.ts, idxsync.ts, ecc-streams.ts); a test checks
 * that they agree bit for bit with the encoders' output on the same synthetic weights.
 *
 * One function, `streamBitsBefore(x)`, gives each stream's bits for kernels [0, x), counting end-of-surface
 * padding only when x = K; a kernel range is the difference of two such prefixes, so the ranges of a layer add
 * up to its total exactly. Things that are not per kernel are charged to the range that holds them: the codebook
 * to the range starting at kernel 0, surface padding to the range ending at the last kernel, and an ECC word to
 * the range that holds its first bit.
 */

export interface SizingOptions {
  /** Kernels per group for the NVDLA bitmask layout (default 32, nv_full's atomic K). */
  atomicK?: number;
  /** Seed of the synthetic sparsity patterns (default DEFAULT_PATTERN_SEED). */
  seed?: number | string;
  patterns?: PatternCache;
}

export type StreamBits = Partial<Record<StreamName, number>>;

interface LayerSizing {
  stats: PatternStats;
  format: EncodingFormat;
  streams: StreamName[];
  valueBits: number;
  clusters: number | undefined;
}

function sizingOf(layer: Layer, named: StorageChoice, opts: SizingOptions): LayerSizing {
  if (!hasWeights(layer)) throw new Error(`layer ${layer.name} (${layer.op}) has no weights to size`);
  const choice = layerChoice(named, layer.name);
  const stats = (opts.patterns ?? defaultPatternCache).get(layer, opts.seed ?? DEFAULT_PATTERN_SEED);
  const clusters = clustersFor(layer, choice.clustered);
  if (choice.encoding === 'dense' && choice.idxSync !== undefined) throw new Error('IdxSync has nothing to re-align in a dense encoding');
  const streams = producedStreams(choice).filter((s) => s !== 'codebook' || clusters !== undefined);
  return { stats, format: formatOf(choice, opts.atomicK ?? DEFAULT_ATOMIC_K), streams, valueBits: valueBitsFor(layer, choice.clustered), clusters };
}

/** Bits of every stream for kernels [0, x). */
function streamBitsBefore(z: LayerSizing, x: number): StreamBits {
  const { stats, format } = z;
  const k = stats.kernels;
  const w = stats.weightsPerKernel;
  const last = x === k;
  const b = z.valueBits;
  const out: StreamBits = {};
  let fields: number;
  let fieldsTotal: number;
  switch (format.encoding) {
    case 'dense':
      out.values = x * w * b;
      fields = x * w;
      fieldsTotal = k * w;
      break;
    case 'bitmask': {
      const nnz = stats.nnzBefore[x] ?? 0;
      fields = nnz;
      fieldsTotal = stats.nonZeros;
      out.mask = x * w;
      out.values = nnz * b;
      if (format.bitmaskLayout === 'nvdla') {
        if (!last && x % format.atomicK !== 0) throw new Error(`kernel ${x} is not on a kernel group boundary (atomicK ${format.atomicK})`);
        out.groupSizes = kernelGroups(x, format.atomicK) * NVDLA_WGS_BITS;
        if (last) for (const s of ['mask', 'values', 'groupSizes'] as const) out[s] = alignToSurface(out[s] ?? 0);
      }
      break;
    }
    case 'csr': {
      const r = format.csrIndexBits ?? 0;
      const restart = format.syncInterval ?? Infinity;
      fields = stats.csrEntriesBefore(x, r, restart);
      fieldsTotal = stats.csrEntriesBefore(k, r, restart);
      out.values = fields * b;
      out.indices = fields * r;
      out.pointers = x * csrPointerBits(w);
      break;
    }
  }
  if (z.clusters !== undefined) out.codebook = x > 0 ? codebookBits(z.clusters) : 0;
  if (format.syncInterval !== undefined) out.sync = syncPointsBefore(x * w, format.syncInterval) * syncWordBits(fieldsTotal);
  if (format.ecc !== undefined) {
    let check = 0;
    for (const s of format.ecc.streams) if (s !== 'check') check += eccCheckBits(out[s] ?? 0, format.ecc.dataBits);
    out.check = check;
  }
  return out;
}

/** Bits of every stream the choice produces for kernels [k0, k1) of a layer. */
export function kernelRangeStreamBits(layer: Layer, choice: StorageChoice, k0: number, k1: number, opts: SizingOptions = {}): StreamBits {
  const z = sizingOf(layer, choice, opts);
  if (!(Number.isInteger(k0) && Number.isInteger(k1) && 0 <= k0 && k0 <= k1 && k1 <= z.stats.kernels)) {
    throw new Error(`kernel range [${k0}, ${k1}) outside layer ${layer.name} of ${z.stats.kernels} kernels`);
  }
  const hi = streamBitsBefore(z, k1);
  const lo = k0 === 0 ? {} : streamBitsBefore(z, k0);
  const out: StreamBits = {};
  for (const s of z.streams) out[s] = (hi[s] ?? 0) - (lo[s] ?? 0);
  return out;
}

/**
 * Cells of a layer's streams: each stream of each layer is its own run of cells, ceil(bits / bits per cell) at the
 * bits per cell the layer's settings give it (`choice` already resolved for the layer, layer-choice.ts). The one
 * rule for sizing and for the fault study's cell counts.
 */
export function streamCells(bits: StreamBits, layerSettings: StorageChoice): StreamSize[] {
  return (Object.keys(bits) as StreamName[]).map((stream) => {
    const bitsPerCell = layerSettings.bitsPerCell[stream] ?? layerSettings.defaultBitsPerCell;
    const b = bits[stream] ?? 0;
    return { stream, bits: b, bitsPerCell, cells: Math.ceil(b / bitsPerCell) };
  });
}

/** Size of every stream of one layer, in bits and in cells at the stream's bits per cell (its layer's settings). */
export function layerStorage(layer: Layer, choice: StorageChoice, opts: SizingOptions = {}): LayerStorage {
  const z = sizingOf(layer, choice, opts);
  const bits = streamBitsBefore(z, z.stats.kernels);
  const inOrder: StreamBits = {};
  for (const s of z.streams) inOrder[s] = bits[s] ?? 0;
  return { layer: layer.name, weights: layerWeightCount(layer), nonZeros: z.stats.nonZeros, streams: streamCells(inOrder, layerChoice(choice, layer.name)) };
}

export interface NetworkStorage {
  /** One entry per conv and fc layer, in trace order. */
  layers: LayerStorage[];
  /** Bits and cells per stream, summed over layers (cells are per layer, each stream of a layer being its own array). */
  totals: Partial<Record<StreamName, { bits: number; cells: number }>>;
  totalBits: number;
  totalCells: number;
  weights: number;
  nonZeros: number;
  /** Check bits as a share of all stored bits [%]. */
  eccOverhead_pct: number;
  /** Sync bits (without their check bits) as a share of all stored bits [%]. */
  idxSyncOverhead_pct: number;
  /** Cells of the same weights stored dense, 8 bits each, one bit per cell: the single-level-cell baseline. */
  denseSlcCells: number;
}

export function networkStorage(trace: Trace, choice: StorageChoice, opts: SizingOptions = {}): NetworkStorage {
  const layers = trace.layers.filter(hasWeights).map((l) => layerStorage(l, choice, opts));
  const totals: NetworkStorage['totals'] = {};
  let totalBits = 0;
  let totalCells = 0;
  let weights = 0;
  let nonZeros = 0;
  for (const l of layers) {
    weights += l.weights;
    nonZeros += l.nonZeros;
    for (const s of l.streams) {
      const t = (totals[s.stream] ??= { bits: 0, cells: 0 });
      t.bits += s.bits;
      t.cells += s.cells;
      totalBits += s.bits;
      totalCells += s.cells;
    }
  }
  const ordered: NetworkStorage['totals'] = {};
  for (const s of STREAM_ORDER) if (totals[s] !== undefined) ordered[s] = totals[s];
  const pct = (bits: number): number => (totalBits === 0 ? 0 : (100 * bits) / totalBits);
  return {
    layers,
    totals: ordered,
    totalBits,
    totalCells,
    weights,
    nonZeros,
    eccOverhead_pct: pct(ordered.check?.bits ?? 0),
    idxSyncOverhead_pct: pct(ordered.sync?.bits ?? 0),
    denseSlcCells: weights * 8,
  };
}

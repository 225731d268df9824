/**
 * Fault injection into a layer's ENCODED weights: every stream the storage
 * choice produces (values, codebook, mask, group sizes, indices, pointers,
 * sync words, check bits) is written into MLC cells at its own bits per cell,
 * cells fault under the fault model, the streams are read back, SECDED
 * corrects them when the choice has ECC, the encoding's real decoder rebuilds
 * the weights (src/storage/codec.ts), and the result is compared with the
 * original weights.
 *
 * Encoding is done once (`prepareLayer`, prepared-layer.ts); a trial copies
 * the streams, faults the copies and decodes them (`injectPrepared`).
 */

import { randomStream, type RandomStream } from '../../engine/random.js';
import type { BitStream } from '../../storage/bit-stream.js';
import { decodeLayer } from '../../storage/codec.js';
import { correctStreams } from '../../storage/ecc-streams.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';
import type { WeightTensor } from '../../storage/weight-tensor.js';
import { faultBitsInPlace, type FaultMode } from '../cells/cell-faults.js';
import { faultTablesFor, type FaultModel, type FaultTables } from '../cells/fault-model.js';
import { splitFixedCount } from './fixed-count.js';
import type { LevelMapping } from '../cells/level-mapping.js';
import { countMisplaced, placementChanged, valueFieldOfPosition } from './misplacement.js';
import { packedBitsOverWords } from '../cells/packed-bits.js';
import { bitsPerCellOf, prepareLayer, type PreparedLayer } from './prepared-layer.js';
import { compareWeights, int8Weights, type WeightErrorStats } from './weight-errors.js';

export interface LayerFaultResult {
  readonly layer: string;
  readonly stats: WeightErrorStats;
  readonly faultyCells: number;
  readonly faultyCellsByStream: Partial<Record<StreamName, number>>;
  /** ECC words corrected, and words found uncorrectable (zero without ECC). */
  readonly eccCorrectedWords: number;
  readonly eccUncorrectableWords: number;
}

export interface LayerInjection {
  /** The decoded weights as int8 values (codes looked up), [K][C][R][S]. */
  readonly decoded: Int32Array;
  readonly result: LayerFaultResult;
}

export interface InjectionOptions {
  readonly tables: FaultTables;
  readonly mapping: LevelMapping;
  /** Faulty cells per stream in fixed-count mode (streams not named get none); absent: sampled mode. */
  readonly fixedCounts?: Partial<Record<StreamName, number>>;
}

/**
 * A random stream per stored stream, from one draw of the given stream. A
 * stream's faults then depend only on that draw and on its own cells, not on
 * which other streams exist or at which density they are stored, so the steps
 * of a bits-per-cell search see the same faults in the streams they do not
 * change (common random numbers).
 */
function perStreamRandom(key: number, layerName: string): (stream: StreamName) => RandomStream {
  return (stream) => randomStream(key, `faults/layer/${layerName}/${stream}`);
}

/** The one draw a layer takes from a trial's random stream: the key of its streams' random streams. */
export function layerFaultKey(random: RandomStream): number {
  return random.int(2 ** 32);
}

/** Fault copies of the layer's streams; streams without a fault are shared with the clean encoding, not copied. */
export function faultStreams(
  layer: PreparedLayer,
  options: InjectionOptions,
  random: RandomStream,
): { streams: Partial<Record<StreamName, BitStream>>; faultyCellsByStream: Partial<Record<StreamName, number>> } {
  return faultStreamsWithKey(layer, options, layerFaultKey(random));
}

/** faultStreams with the layer's key given (trial-weights.ts replays one layer of a trial). */
export function faultStreamsWithKey(
  layer: PreparedLayer,
  options: InjectionOptions,
  key: number,
): { streams: Partial<Record<StreamName, BitStream>>; faultyCellsByStream: Partial<Record<StreamName, number>> } {
  const streams: Partial<Record<StreamName, BitStream>> = {};
  const faultyCellsByStream: Partial<Record<StreamName, number>> = {};
  const randomFor = perStreamRandom(key, layer.name);
  for (const [name, clean] of Object.entries(layer.encoded.streams) as [StreamName, BitStream][]) {
    const bitsPerCell = bitsPerCellOf(layer, name);
    const table = options.tables.get(bitsPerCell);
    if (table === undefined) throw new Error(`no fault table for ${bitsPerCell} bits per cell (build the tables from the same choice)`);
    const mode: FaultMode = options.fixedCounts === undefined ? { kind: 'sampled' } : { kind: 'fixedCount', count: options.fixedCounts[name] ?? 0 };
    if ((mode.kind === 'sampled' && table.maxFaultRate === 0) || (mode.kind === 'fixedCount' && mode.count === 0)) {
      streams[name] = clean;
      faultyCellsByStream[name] = 0;
      continue;
    }
    const copy = clean.clone();
    const faulty = faultBitsInPlace(packedBitsOverWords(copy.words, copy.length), { bitsPerCell, mapping: options.mapping, table, mode, stream: randomFor(name) });
    streams[name] = faulty > 0 ? copy : clean;
    faultyCellsByStream[name] = faulty;
  }
  return { streams, faultyCellsByStream };
}

/**
 * Decode (possibly faulty) streams the way the hardware reads them and compare
 * with the original weights. ECC first (the same correctStreams that
 * decodeLayer runs), so the corrected metadata can also be used to find
 * misplaced values.
 */
export function decodeAndCompare(
  layer: PreparedLayer,
  stored: Partial<Record<StreamName, BitStream>>,
  faultyCellsByStream: Partial<Record<StreamName, number>> = {},
): LayerInjection {
  const enc = layer.encoded;
  let streams = stored;
  let corrected = 0;
  let uncorrectable = 0;
  if (enc.format.ecc !== undefined) {
    const r = correctStreams(stored, enc.format.ecc);
    streams = r.streams;
    corrected = r.report.corrected;
    uncorrectable = r.report.detected;
  }
  const { ecc: _ecc, ...formatWithoutEcc } = enc.format;
  const raw = decodeLayer({ ...enc, format: formatWithoutEcc }, streams);
  const decoded = int8Weights(raw.values, raw.codebook);
  let misplaced = 0;
  if (placementChanged(enc, streams)) {
    layer.cleanFields ??= valueFieldOfPosition(enc, enc.streams);
    misplaced = countMisplaced(layer.cleanFields, valueFieldOfPosition(enc, streams), decoded);
  }
  const faultyCells = Object.values(faultyCellsByStream).reduce((a, b) => a + (b ?? 0), 0);
  return {
    decoded,
    result: {
      layer: layer.name,
      stats: compareWeights(layer.original, decoded, misplaced),
      faultyCells,
      faultyCellsByStream,
      eccCorrectedWords: corrected,
      eccUncorrectableWords: uncorrectable,
    },
  };
}

/** One trial on one prepared layer: fault its streams, decode, compare. */
function injectPrepared(layer: PreparedLayer, options: InjectionOptions, random: RandomStream): LayerInjection {
  const { streams, faultyCellsByStream } = faultStreams(layer, options, random);
  return decodeAndCompare(layer, streams, faultyCellsByStream);
}

/** Encode a layer, fault it and decode it: the one-shot form of prepareLayer + injectPrepared. */
export function injectLayer(
  tensor: WeightTensor,
  choice: StorageChoice,
  faultModel: FaultModel,
  random: RandomStream,
  opts: { name?: string; atomicK?: number; mode?: FaultMode } = {},
): LayerInjection {
  const layer = prepareLayer(opts.name ?? 'layer', tensor, choice, opts.atomicK);
  const mode = opts.mode ?? { kind: 'sampled' };
  const tables = faultTablesFor(faultModel, choice);
  const fixedCounts = mode.kind === 'fixedCount' ? splitFixedCount([layer], tables, mode.count, random)[0] : undefined;
  return injectPrepared(layer, { tables, mapping: faultModel.mapping, fixedCounts }, random);
}

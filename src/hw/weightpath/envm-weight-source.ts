import type { ClockDomain, Picoseconds } from '../../engine/time.js';
import { syncPointCount } from '../../storage/idxsync.js';
import { layerEccStreams } from '../../storage/layer-choice.js';
import type { LayerStorage, StorageChoice, StreamName } from '../../storage/types.js';
import type { EnvmArray } from '../envm/envm-array.js';
import type { EnergyBreakdown, WeightSource } from '../memory.js';
import { cbufBytesOf } from './cbuf-size.js';
import { shareOf, streamReads, type StreamRangeFn } from './kernel-share.js';
import { mergeTimings, stageTiming, type StreamTiming } from './pipeline-timing.js';
import type { WeightPathParams } from './spec.js';

/**
 * Weights from the on-chip eNVM into CBUF:
 *
 *   eNVM sub-arrays ──(ECC-protected streams + check bits)──> SECDED decoders ──┐
 *         └──────────(other streams: mask, indices, sync, ...)────────────────┴─> IdxSync + sparse decode ──> CBUF
 *
 * Each stream's share for kernels [k0, k1) is read at its own bits per cell (sub-arrays
 * work in parallel; streams in one sub-array share its banks). The ECC and decode stages
 * stream (pipeline-timing.ts), so the delivery time is set by the slowest of the eNVM
 * bandwidth, the ECC throughput and the decode throughput, plus the pipeline latencies.
 * IdxSync compares a counter with each sync word alongside the decoder: energy and area,
 * no added latency (assumption: one compare per sync word keeps pace with the decoder).
 *
 * Layout (it decides which banks a read hits): within each sub-array, a layer's streams
 * are stored one after another in the order of LayerStorage.streams, each starting on a
 * word boundary, and every layer starts at word 0 (bank 0). Layers are never read at once,
 * so where one layer sits relative to another does not change any timing.
 *
 * Energy terms: envm_read, envm_leakage, envm_wakeup (from the array: do not also add
 * the array to the system's energy accounts), decode, ecc, idxsync. area_mm2() is the
 * units in use only; the array reports its own area.
 */

export interface EnvmWeightSourceOptions {
  array: EnvmArray;
  params: WeightPathParams;
  /** The NVDLA core clock the decode logic runs on. */
  clock: ClockDomain;
  layerStorage: (layerIndex: number) => LayerStorage | undefined;
  /** Output kernels K of a weight layer (its output channels). */
  kernelCount: (layerIndex: number) => number;
  /** ECC and IdxSync settings of the storage choice, with its layers' own ECC streams (absent: not used). */
  storage?: Pick<StorageChoice, 'ecc' | 'idxSync' | 'layers'>;
  /** NVDLA atomic-K, needed for cbufFormat "nvdla-compressed" (kernel groups). */
  atomicK?: number;
  /** Exact bit ranges per kernel range; default: proportional split (kernel-share.ts). */
  streamRange?: StreamRangeFn;
  /**
   * Whether the path has a sparse decode unit (default true). Without one (dense, unclustered weights written
   * to a dense CBUF: needsDecodeUnit), words go from the array (or the ECC decoders) straight to CBUF: no decode
   * area, energy or pipeline stage.
   */
  decodeUnit?: boolean;
  name?: string;
}

export class EnvmWeightSource implements WeightSource {
  readonly name: string;
  private readonly o: EnvmWeightSourceOptions;
  private readonly streamBase = new Map<number, number[]>();
  private readonly eccStreamsByLayer = new Map<string, ReadonlySet<StreamName>>();
  private bitsFetched = 0;
  fetches = 0;
  weightsDecoded = 0;
  codewordsDecoded = 0;
  syncWords = 0;

  constructor(options: EnvmWeightSourceOptions) {
    this.o = options;
    this.name = options.name ?? 'weightPath';
  }

  /** Streams of a layer that go through the ECC decoders: its protected ones and the check bits that travel with them. */
  private eccStreamsOf(layer: string): ReadonlySet<StreamName> {
    let set = this.eccStreamsByLayer.get(layer);
    if (set === undefined) {
      const streams = this.o.storage === undefined ? [] : layerEccStreams(this.o.storage, layer);
      set = new Set<StreamName>(streams.length === 0 ? [] : [...streams, 'check']);
      this.eccStreamsByLayer.set(layer, set);
    }
    return set;
  }

  get bytesFetched(): number {
    return this.bitsFetched / 8;
  }

  private storageOf(layerIndex: number, k0: number, k1: number): { storage: LayerStorage; K: number } {
    const storage = this.o.layerStorage(layerIndex);
    if (storage === undefined) throw new Error(`${this.name}: layer ${layerIndex} has no weight storage`);
    const K = this.o.kernelCount(layerIndex);
    if (!(Number.isInteger(k0) && Number.isInteger(k1) && k0 >= 0 && k0 < k1 && k1 <= K)) {
      throw new Error(`${this.name}: kernel range [${k0}, ${k1}) is not inside [0, ${K}) of layer ${storage.layer}`);
    }
    return { storage, K };
  }

  /** Start bit of each stream of a layer in its sub-array (see the layout note above). */
  private basesOf(layerIndex: number, storage: LayerStorage): number[] {
    let bases = this.streamBase.get(layerIndex);
    if (bases === undefined) {
      const cursor = new Map<number, number>();
      bases = storage.streams.map((s) => {
        const wordBits = this.o.array.subArray(s.bitsPerCell).wordBits;
        const base = cursor.get(s.bitsPerCell) ?? 0;
        cursor.set(s.bitsPerCell, base + Math.ceil(s.bits / wordBits) * wordBits);
        return base;
      });
      this.streamBase.set(layerIndex, bases);
    }
    return bases;
  }

  /** Items the decoder emits: every weight for dense CBUF, only the values when CBUF holds them compressed. */
  private decodedItems(storage: LayerStorage, k0: number, k1: number, K: number): number {
    return this.o.params.cbufFormat === 'dense' ? shareOf(storage.weights, k0, k1, K) : shareOf(storage.nonZeros, k0, k1, K);
  }

  /**
   * The most the array can deliver: every sub-array (one per bits per cell in use) reading at its peak at once, B/s.
   * An upper bound (streams of one fetch share sub-arrays, and decode may be slower), so the roofline floor it
   * gives stays a lower bound.
   */
  peakBandwidth_Bps(): number {
    return this.o.array.subArrays.reduce((sum, sub) => sum + sub.peakBandwidth_Bps, 0);
  }

  fetchKernels(layerIndex: number, k0: number, k1: number, t: Picoseconds): Picoseconds {
    const { storage, K } = this.storageOf(layerIndex, k0, k1);
    const p = this.o.params;
    const ecc = this.o.storage?.ecc;
    const eccStreams = this.eccStreamsOf(storage.layer);
    let eccIn: StreamTiming | undefined;
    let direct: StreamTiming | undefined;
    let codewords = 0;
    const bases = this.basesOf(layerIndex, storage);
    const reads = streamReads(layerIndex, storage, k0, k1, K, this.o.streamRange);
    for (let i = 0; i < reads.length; i++) {
      const r = reads[i]!;
      if (r.bits <= 0) continue;
      const last = this.o.array.readStream(r.bits, r.bitsPerCell, t, bases[i]! + r.startBit);
      const timing = { first: this.o.array.lastReadFirstData, last };
      this.bitsFetched += r.bits;
      if (eccStreams.has(r.stream)) {
        eccIn = mergeTimings(eccIn, timing);
        if (r.stream !== 'check' && ecc !== undefined) codewords += Math.ceil(r.bits / ecc.dataBits);
      } else {
        direct = mergeTimings(direct, timing);
      }
    }
    const clock = this.o.clock;
    const eccOut = eccIn === undefined ? undefined : stageTiming(eccIn, codewords, p.eccDecoders, p.eccLatency_cycles, clock);
    const decodeIn = mergeTimings(eccOut, direct);
    this.fetches++;
    if (decodeIn === undefined) return t;
    const decode = this.o.decodeUnit ?? true;
    const items = decode ? this.decodedItems(storage, k0, k1, K) : 0;
    const out = decode ? stageTiming(decodeIn, items, p.decodeWeightsPerCycle, p.decodePipeline_cycles, clock) : decodeIn;
    const interval = this.o.storage?.idxSync?.interval;
    this.weightsDecoded += items;
    this.codewordsDecoded += codewords;
    if (interval !== undefined) this.syncWords += shareOf(syncPointCount(storage.weights, interval), k0, k1, K);
    return clock.nextEdge(out.last);
  }

  cbufBytes(layerIndex: number, k0: number, k1: number): number {
    const { storage, K } = this.storageOf(layerIndex, k0, k1);
    return cbufBytesOf(
      this.o.params.cbufFormat,
      shareOf(storage.weights, k0, k1, K),
      shareOf(storage.nonZeros, k0, k1, K),
      k1 - k0,
      this.o.atomicK,
    );
  }

  /** The weight path delivers NVDLA's compressed format to CBUF exactly when configured to. */
  isCompressed(): boolean {
    return this.o.params.cbufFormat === 'nvdla-compressed';
  }

  area_mm2(): number {
    const a = this.areaBreakdown_mm2();
    return a.decode + a.ecc + a.idxsync;
  }

  /** Area of each unit in use, mm² (the decode unit, ECC decoders and the IdxSync unit only when in use). */
  areaBreakdown_mm2(): { decode: number; ecc: number; idxsync: number } {
    const p = this.o.params;
    return {
      decode: (this.o.decodeUnit ?? true) ? p.decodeArea_mm2 : 0,
      ecc: this.o.storage?.ecc === undefined ? 0 : p.eccDecoders * p.eccDecoderArea_mm2,
      idxsync: this.o.storage?.idxSync === undefined ? 0 : p.idxSyncArea_mm2,
    };
  }

  advanceTo(t: Picoseconds): void {
    this.o.array.advanceTo(t);
  }

  energy_J(): EnergyBreakdown {
    const p = this.o.params;
    const envm = this.o.array.energy_J();
    return {
      envm_read: envm.read ?? 0,
      envm_leakage: envm.leakage ?? 0,
      envm_wakeup: envm.wakeup ?? 0,
      decode: this.weightsDecoded * p.decodeEnergy_pJ_per_weight * 1e-12,
      ecc: this.codewordsDecoded * p.eccEnergy_pJ_per_codeword * 1e-12,
      idxsync: this.syncWords * p.idxSyncEnergy_pJ_per_syncWord * 1e-12,
    };
  }

  /** Statistics, keyed as declared in weightPathSpec.stats. */
  stats(): Record<string, number> {
    const e = this.energy_J();
    return {
      fetches: this.fetches,
      bytesFetched_B: this.bytesFetched,
      weightsDecoded: this.weightsDecoded,
      codewordsDecoded: this.codewordsDecoded,
      syncWords: this.syncWords,
      decodeEnergy_J: e.decode ?? 0,
      eccEnergy_J: e.ecc ?? 0,
      idxSyncEnergy_J: e.idxsync ?? 0,
      area_mm2: this.area_mm2(),
    };
  }
}

/**
 * A sparse decode unit is needed unless the weights are stored dense and unclustered and CBUF takes them dense:
 * then the stored words are the CBUF words (NVDLA's dense weight format, nvdla.org hw/format).
 */
export function needsDecodeUnit(choice: Pick<StorageChoice, 'encoding' | 'clustered'>, cbufFormat: WeightPathParams['cbufFormat']): boolean {
  return choice.encoding !== 'dense' || choice.clustered || cbufFormat !== 'dense';
}

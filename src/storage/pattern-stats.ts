import type { Layer } from '../workload/layer.js';
import { DEFAULT_PATTERN_SEED, syntheticPattern, type SparsityPattern } from './synthetic-weights.js';
import { kernelSize } from './weight-tensor.js';

/**
 * What sizing needs to know about a layer's sparsity pattern, computed once and kept: non-zeros per kernel, and
 * for CSR the zero runs in front of each non-zero. Every size follows exactly from these (stream-sizes.ts), so sizing
 * a storage choice never re-encodes the weights.
 */
export class PatternStats {
  readonly kernels: number;
  readonly weightsPerKernel: number;
  readonly nonZeros: number;
  /** nnzBefore[k] = non-zero weights in kernels [0, k). */
  readonly nnzBefore: Float64Array;
  private readonly runHistograms = new Map<number, Float64Array>();
  private readonly fillerTotals = new Map<string, number>();
  private readonly entryPrefixes = new Map<string, Float64Array>();

  constructor(readonly pattern: SparsityPattern) {
    this.kernels = pattern.shape.kernels;
    this.weightsPerKernel = kernelSize(pattern.shape);
    this.nonZeros = pattern.nonZeros;
    this.nnzBefore = new Float64Array(this.kernels + 1);
    const perKernel = new Float64Array(this.kernels);
    this.forEachRun(Infinity, (row) => {
      perKernel[row] = (perKernel[row] ?? 0) + 1;
    });
    for (let k = 0; k < this.kernels; k++) this.nnzBefore[k + 1] = (this.nnzBefore[k] ?? 0) + (perKernel[k] ?? 0);
  }

  /**
   * Calls fn(row, zeros) for every non-zero weight in order, with the zeros between it and the previous non-zero
   * of its row, or the row start, or the last restart point (multiples of `restartInterval`) if later.
   */
  private forEachRun(restartInterval: number, fn: (row: number, zeros: number) => void): void {
    const mask = this.pattern.mask;
    const w = this.weightsPerKernel;
    let nextAfterPrev = 0;
    for (let i = 0; i < mask.length; i++) {
      let word = mask[i] ?? 0;
      while (word !== 0) {
        const low = word & -word;
        const p = i * 32 + 31 - Math.clz32(low);
        word = (word ^ low) >>> 0;
        const row = Math.floor(p / w);
        const restart = restartInterval === Infinity ? 0 : Math.floor(p / restartInterval) * restartInterval;
        const base = Math.max(nextAfterPrev, row * w, restart);
        fn(row, p - base);
        nextAfterPrev = p + 1;
      }
    }
  }

  /** hist[z] = non-zeros preceded by exactly z zeros (runs cut at rows and at IdxSync points every S weights). */
  zeroRunHistogram(syncInterval: number = Infinity): Float64Array {
    let h = this.runHistograms.get(syncInterval);
    if (h === undefined) {
      const hist = new Float64Array(this.weightsPerKernel);
      this.forEachRun(syncInterval, (_row, z) => {
        hist[z] = (hist[z] ?? 0) + 1;
      });
      h = hist;
      this.runHistograms.set(syncInterval, h);
    }
    return h;
  }

  /** CSR filler entries of the whole layer at index width r: Σ over zero runs z of floor(z / 2^r). */
  csrFillers(indexBits: number, syncInterval: number = Infinity): number {
    const key = `${indexBits}/${syncInterval}`;
    let f = this.fillerTotals.get(key);
    if (f === undefined) {
      const hist = this.zeroRunHistogram(syncInterval);
      const hop = 2 ** indexBits;
      f = 0;
      for (let z = hop; z < hist.length; z++) f += (hist[z] ?? 0) * Math.floor(z / hop);
      this.fillerTotals.set(key, f);
    }
    return f;
  }

  /** CSR entries (non-zeros + fillers) in kernels [0, k). */
  csrEntriesBefore(k: number, indexBits: number, syncInterval: number = Infinity): number {
    if (k <= 0) return 0;
    if (k >= this.kernels) return this.nonZeros + this.csrFillers(indexBits, syncInterval);
    const key = `${indexBits}/${syncInterval}`;
    let prefix = this.entryPrefixes.get(key);
    if (prefix === undefined) {
      const perKernel = new Float64Array(this.kernels);
      const hop = 2 ** indexBits;
      this.forEachRun(syncInterval, (row, z) => {
        perKernel[row] = (perKernel[row] ?? 0) + 1 + Math.floor(z / hop);
      });
      const pre = new Float64Array(this.kernels + 1);
      for (let i = 0; i < this.kernels; i++) pre[i + 1] = (pre[i] ?? 0) + (perKernel[i] ?? 0);
      prefix = pre;
      this.entryPrefixes.set(key, prefix);
    }
    return prefix[k] ?? 0;
  }
}

/**
 * Pattern statistics per layer and seed, generated on first use. Keyed by the layer's name, kernel shape and
 * density, so two loads of the same trace share one pattern.
 */
export class PatternCache {
  private readonly stats = new Map<string, PatternStats>();

  get(layer: Layer, seed: number | string = DEFAULT_PATTERN_SEED): PatternStats {
    const key = [
      layer.name,
      layer.outputChannels,
      layer.inputChannels / layer.groups,
      layer.kernelHeight,
      layer.kernelWidth,
      layer.weights?.density ?? 1,
      seed,
    ].join('|');
    let s = this.stats.get(key);
    if (s === undefined) {
      s = new PatternStats(syntheticPattern(layer, seed));
      this.stats.set(key, s);
    }
    return s;
  }

  clear(): void {
    this.stats.clear();
  }
}

/** The cache sizing uses when the caller passes none. */
export const defaultPatternCache = new PatternCache();

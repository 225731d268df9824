import type { Picoseconds } from '../../engine/time.js';
import type { MemoryDevice, TrafficClass, WeightSource } from '../memory.js';
import type { NvdlaParams } from './spec.js';

/** What a layer reads and writes through: the weight store, the feature memory and where each tensor lives. */
export interface LayerIo {
  weights: WeightSource;
  features: MemoryDevice;
  /** Byte address of a tensor (a layer's output, or "input") in the feature memory. */
  addressOf: (tensor: string) => number;
  /** Elements of a tensor (a layer's output, or "input"): a per-channel operand is smaller than the layer's input. */
  elementsOf?: (tensor: string) => number | undefined;
}

/**
 * NVDLA's memory interface (MCIF): separate read and write channels of
 * memifWidth_B bytes per cycle each. A transfer is done when both the
 * interface channel and the memory behind it are done, so the slower one sets
 * the pace. CDMA reads features and weights through the read channel; SDP and
 * PDP write through the write channel.
 */
export class MemoryInterface {
  private readBusyUntil: Picoseconds = 0;
  private writeBusyUntil: Picoseconds = 0;
  private readonly psPerByte: number;

  constructor(p: NvdlaParams) {
    this.psPerByte = 1000 / (p.clock_GHz * p.memifWidth_B);
  }

  private occupy(busyUntil: Picoseconds, t: Picoseconds, bytes: number): Picoseconds {
    return Math.max(t, busyUntil) + Math.ceil(bytes * this.psPerByte);
  }

  read(io: LayerIo, address: number, bytes: number, t: Picoseconds, traffic: TrafficClass): Picoseconds {
    this.readBusyUntil = this.occupy(this.readBusyUntil, t, bytes);
    return Math.max(this.readBusyUntil, io.features.transfer('read', address, bytes, t, traffic));
  }

  write(io: LayerIo, address: number, bytes: number, t: Picoseconds): Picoseconds {
    this.writeBusyUntil = this.occupy(this.writeBusyUntil, t, bytes);
    return Math.max(this.writeBusyUntil, io.features.transfer('write', address, bytes, t, 'outputs'));
  }

  /** Fetch kernels [k0, k1) from the weight source; the encoded bytes it read also cross the read channel. */
  fetchWeights(io: LayerIo, layerIndex: number, k0: number, k1: number, t: Picoseconds): { done: Picoseconds; bytes: number } {
    const before = io.weights.bytesFetched;
    const sourceDone = io.weights.fetchKernels(layerIndex, k0, k1, t);
    const bytes = io.weights.bytesFetched - before;
    this.readBusyUntil = this.occupy(this.readBusyUntil, t, bytes);
    return { done: Math.max(this.readBusyUntil, sourceDone), bytes };
  }
}

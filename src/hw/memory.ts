import type { Picoseconds } from '../engine/time.js';

/**
 * The small interfaces through which hardware components talk. The NVDLA core
 * does not know whether its weights come from LPDDR4, eNVM or SRAM.
 */

export type MemoryOp = 'read' | 'write';

/** What a transfer carries, for per-stream byte statistics. */
export type TrafficClass = 'weights' | 'features' | 'outputs' | 'eltwise' | 'reload';

/** Energy by named term, in joules. Keys are stable and snake_case (`read`, `leakage`, `io`, ...). */
export type EnergyBreakdown = Record<string, number>;

/** Anything that spends energy over time and reports it. */
export interface EnergyAccount {
  readonly name: string;
  /** Account background (standby, leakage) energy up to `t`. Idempotent for the same t; t never decreases. */
  advanceTo(t: Picoseconds): void;
  /** Cumulative energy since construction, by term, in J (background accounted up to the last advanceTo). */
  energy_J(): EnergyBreakdown;
}

/** A memory that moves bytes. Requests arrive in non-decreasing time order (they are issued from events). */
export interface MemoryDevice extends EnergyAccount {
  /**
   * Transfer `bytes` at byte address `address`, the request arriving at `t`.
   * The device serializes this after earlier requests that still occupy it and
   * returns the time at which the last byte has been transferred.
   */
  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, traffic: TrafficClass): Picoseconds;
  /** Cumulative bytes moved, by direction. */
  readonly bytesRead: number;
  readonly bytesWritten: number;
  /** Peak bandwidth of the device itself in bytes per second (for reports and sanity checks). */
  peakBandwidth_Bps(): number;
  /** Area in mm² (0 for off-chip memory). */
  area_mm2(): number;
}

/** A device with low-power states between frames. */
export interface PowerManaged {
  /**
   * Not needed from `t` on: enter low-power states per the idle policy. When the
   * caller knows when the device will be needed again (frame replay does), it
   * passes `nextWake`, so that a policy can pick the cheapest state for that
   * idle length.
   */
  sleep(t: Picoseconds, nextWake?: Picoseconds): void;
  /** Needed at `t`: leave low-power states; returns the time at which it accepts requests. */
  wake(t: Picoseconds): Picoseconds;
  /** Cumulative time in each power state, in seconds (accounted up to the last advanceTo). */
  residency_s(): Record<string, number>;
  /** Cumulative background (standby, leakage) energy spent in each power state, J; same keys as residency_s. */
  stateEnergy_J(): Record<string, number>;
}

/**
 * Where a layer's weights come from, as the CDMA sees them: the weight store,
 * its encoding and any decode logic between it and CBUF.
 */
export interface WeightSource extends EnergyAccount {
  /**
   * Deliver the weights of output kernels [k0, k1) of weight layer `layerIndex`
   * (index among the trace's layers) into CBUF, request at `t`. Returns the
   * time at which the last weight is in CBUF.
   */
  fetchKernels(layerIndex: number, k0: number, k1: number, t: Picoseconds): Picoseconds;
  /** Bytes that kernels [k0, k1) occupy in CBUF (dense, or NVDLA-compressed values plus mask). */
  cbufBytes(layerIndex: number, k0: number, k1: number): number;
  /** Bytes read from the backing store so far (encoded form). */
  readonly bytesFetched: number;
  /** Peak bandwidth at which the store delivers weights, B/s (for the roofline floor); absent: unbounded. */
  peakBandwidth_Bps?(): number;
  /** Whether the weights live in `memory` (then they share its bandwidth with the features). */
  sharesMemoryWith?(memory: MemoryDevice): boolean;
  /** Whether CBUF holds this layer's weights in NVDLA's compressed form (weights + mask); absent: judged by size. */
  isCompressed?(layerIndex: number): boolean;
  area_mm2(): number;
}

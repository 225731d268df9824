import type { Picoseconds } from '../engine/time.js';
import type { EnergyBreakdown, MemoryDevice, MemoryOp, TrafficClass } from './memory.js';

/**
 * The accelerator's memory port: the share of SoC bandwidth the accelerator
 * gets, separate from the memory's own limits. A transfer occupies the port
 * for bytes / bandwidth and the memory behind it for as long as the memory
 * says; the transfer is done when both are.
 */
export class MemoryPort implements MemoryDevice {
  private busyUntil: Picoseconds = 0;
  private readonly psPerByte: number;
  /** Time the port spent transferring, ps (portBusy_s). */
  busy_ps: Picoseconds = 0;

  constructor(
    readonly inner: MemoryDevice,
    readonly peakBandwidth_GBps: number,
    /** Fabric latency added to every completion (memoryPort.latency_ns), ps. */
    readonly latency_ps: Picoseconds = 0,
  ) {
    this.psPerByte = 1000 / peakBandwidth_GBps; // 1 GB/s = 1 byte per ns
  }

  get name(): string {
    return this.inner.name;
  }
  get bytesRead(): number {
    return this.inner.bytesRead;
  }
  get bytesWritten(): number {
    return this.inner.bytesWritten;
  }

  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, traffic: TrafficClass): Picoseconds {
    const start = Math.max(t, this.busyUntil);
    const portDone = start + Math.ceil(bytes * this.psPerByte);
    this.busy_ps += portDone - start;
    this.busyUntil = portDone;
    const memDone = this.inner.transfer(op, address, bytes, t, traffic);
    return Math.max(portDone, memDone) + this.latency_ps;
  }

  peakBandwidth_Bps(): number {
    return Math.min(this.peakBandwidth_GBps * 1e9, this.inner.peakBandwidth_Bps());
  }
  area_mm2(): number {
    return this.inner.area_mm2();
  }
  advanceTo(t: Picoseconds): void {
    this.inner.advanceTo(t);
  }
  energy_J(): EnergyBreakdown {
    return this.inner.energy_J();
  }
}

/**
 * A memory with a fixed bandwidth and a fixed latency, no energy. For tests of
 * components that need a memory, and as a stand-in where one is assumed ideal.
 */
export class FixedMemory implements MemoryDevice {
  bytesRead = 0;
  bytesWritten = 0;
  private busyUntil: Picoseconds = 0;
  constructor(
    readonly name: string,
    readonly bandwidth_GBps: number,
    readonly latency_ps: Picoseconds,
  ) {}
  transfer(op: MemoryOp, _address: number, bytes: number, t: Picoseconds): Picoseconds {
    if (op === 'read') this.bytesRead += bytes;
    else this.bytesWritten += bytes;
    const start = Math.max(t, this.busyUntil);
    this.busyUntil = start + Math.ceil((bytes * 1000) / this.bandwidth_GBps);
    return this.busyUntil + this.latency_ps;
  }
  peakBandwidth_Bps(): number {
    return this.bandwidth_GBps * 1e9;
  }
  area_mm2(): number {
    return 0;
  }
  advanceTo(): void {}
  energy_J(): EnergyBreakdown {
    return {};
  }
}

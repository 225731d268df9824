import { nsToPs, type Picoseconds } from '../../engine/time.js';
import { InterleavedBanks, wordSpan } from '../memory-figures/interleaved-banks.js';
import { GatedDevice, PowerGate, powerGateConfig } from '../power-gate.js';
import type { EnergyBreakdown, MemoryDevice, MemoryOp, PowerManaged, TrafficClass } from '../memory.js';
import type { SramParams } from './spec.js';
import { sramFigures, type SramFigures } from './sram-figures.js';

/**
 * On-chip SRAM holding activations when there is no DRAM. Words of accessWidth_bits are
 * interleaved over the banks; a read holds its bank for the read latency, a write for the
 * write latency. Its power domain (power-gate.ts) decides the idle leakage and whether the
 * contents survive: power-gated and supply-off lose them (`contentsValid` turns false),
 * retention keeps them.
 * Energy terms: read, write, leakage, wakeup.
 */
export class SramBuffer extends GatedDevice implements MemoryDevice, PowerManaged {
  readonly figures: SramFigures;
  private readonly banksState: InterleavedBanks;
  protected readonly gate: PowerGate;
  private readonly read_ps: Picoseconds;
  private readonly write_ps: Picoseconds;
  bytesRead = 0;
  bytesWritten = 0;
  reads = 0;
  writes = 0;
  readEnergy_J = 0;
  writeEnergy_J = 0;

  constructor(
    readonly params: SramParams,
    readonly name = 'sram',
  ) {
    super();
    this.figures = sramFigures(params);
    this.banksState = new InterleavedBanks(params.banks);
    this.read_ps = nsToPs(this.figures.readLatency_ns);
    this.write_ps = nsToPs(this.figures.writeLatency_ns);
    this.gate = new PowerGate(powerGateConfig(params, this.figures.leakage_mW * 1e-3, false));
  }

  /** False once the buffer went through an idle state that loses its contents: whatever it held is gone. */
  get contentsValid(): boolean {
    return !this.gate.contentsLost;
  }

  /** Why `bytesNeeded` does not fit, or undefined when it does (the caller reports it as infeasible). */
  checkFits(bytesNeeded: number): string | undefined {
    if (bytesNeeded <= this.params.capacity_B) return undefined;
    return `activations need ${bytesNeeded} B of on-chip SRAM but sram.capacity_B is ${this.params.capacity_B} B (${bytesNeeded - this.params.capacity_B} B short)`;
  }

  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, _traffic?: TrafficClass): Picoseconds {
    if (bytes <= 0) return t;
    if (this.gate.isGated) t = this.wake(t);
    const { firstWord, words } = wordSpan(address * 8, bytes * 8, this.params.accessWidth_bits);
    if (op === 'read') {
      this.reads += words;
      this.bytesRead += bytes;
      this.readEnergy_J += words * this.figures.readEnergy_pJ_per_access * 1e-12;
      return this.banksState.serve(firstWord, words, t, this.read_ps);
    }
    this.writes += words;
    this.bytesWritten += bytes;
    this.writeEnergy_J += words * this.figures.writeEnergy_pJ_per_access * 1e-12;
    return this.banksState.serve(firstWord, words, t, this.write_ps);
  }

  peakBandwidth_Bps(): number {
    return (this.params.banks * this.params.accessWidth_bits) / 8 / (this.figures.readLatency_ns * 1e-9);
  }

  area_mm2(): number {
    return this.figures.area_mm2;
  }

  advanceTo(t: Picoseconds): void {
    this.gate.advanceTo(t);
  }

  energy_J(): EnergyBreakdown {
    return {
      read: this.readEnergy_J,
      write: this.writeEnergy_J,
      leakage: this.gate.leakageEnergy_J,
      wakeup: this.gate.wakeUpEnergy_J,
    };
  }

  sleep(t: Picoseconds, nextWake?: Picoseconds): void {
    this.gate.sleep(t, this.banksState.allFreeAt(), nextWake);
  }

  wake(t: Picoseconds): Picoseconds {
    const ready = this.gate.wake(t);
    if (ready > t) this.banksState.blockUntil(ready);
    return ready;
  }


  /** Statistics, keyed as declared in sramSpec.stats. */
  stats(): Record<string, number> {
    const r = this.gate.residency_s();
    return {
      reads: this.reads,
      writes: this.writes,
      bytesRead_B: this.bytesRead,
      bytesWritten_B: this.bytesWritten,
      bankStall_ns: this.banksState.stall_ps / 1000,
      readEnergy_J: this.readEnergy_J,
      writeEnergy_J: this.writeEnergy_J,
      leakageEnergy_J: this.gate.leakageEnergy_J,
      wakeUpEnergy_J: this.gate.wakeUpEnergy_J,
      wakeUps: this.gate.wakeUps,
      onTime_s: r.on ?? 0,
      gatedTime_s: this.idleTime_s(),
      leakage_mW: this.figures.leakage_mW,
      area_mm2: this.figures.area_mm2,
      peakBandwidth_GBps: this.peakBandwidth_Bps() / 1e9,
    };
  }
}

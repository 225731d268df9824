import type { BackingStoreParams } from '../config/system-spec.js';
import type { Picoseconds } from '../engine/time.js';
import type { Lpddr4Memory } from '../hw/dram/lpddr4-memory.js';
import type { EnergyAccount, EnergyBreakdown } from '../hw/memory.js';

/**
 * After the `off` idle policy, LPDDR4 has lost the weights: at the next frame
 * they are read from the backing store and written back into DRAM before the
 * inference can start, and that time counts against the frame period.
 */
export class WeightReloader implements EnergyAccount {
  readonly name = 'backingStore';
  reloads = 0;
  reloaded_B = 0;
  private readEnergy_J = 0;

  constructor(
    private readonly dram: Lpddr4Memory,
    /** Bytes of weights as stored in DRAM (compressed when NVDLA compression is on). */
    readonly weightBytes: number,
    private readonly params: BackingStoreParams,
  ) {}

  /** Energy one reload costs in the backing store (the DRAM's write energy is accounted by the DRAM). */
  reloadEnergy_J(): number {
    return this.weightBytes * this.params.readEnergy_pJ_per_B * 1e-12;
  }

  /** If the DRAM lost its contents, reload the weights from `t`; returns when the inference may start. */
  reloadIfLost(t: Picoseconds): Picoseconds {
    if (!this.dram.contentsLost) return t;
    this.dram.contentsLost = false;
    this.reloads++;
    this.reloaded_B += this.weightBytes;
    this.readEnergy_J += this.reloadEnergy_J();
    // The flash streams at its bandwidth; the DRAM writes as the data arrives; done when both are.
    const flashDone = t + Math.ceil((this.weightBytes * 1000) / this.params.readBandwidth_GBps);
    const dramDone = this.dram.transfer('write', 0, this.weightBytes, t, 'reload');
    return Math.max(flashDone, dramDone);
  }

  advanceTo(): void {}

  energy_J(): EnergyBreakdown {
    return { read: this.readEnergy_J };
  }
}

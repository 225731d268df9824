import type { BackingStoreParams } from '../config/system-spec.js';
import type { Picoseconds } from '../engine/time.js';
import { Lpddr4Memory } from '../hw/dram/lpddr4-memory.js';
import type { EnergyAccount, EnergyBreakdown } from '../hw/memory.js';

/**
 * After the `off` idle policy, LPDDR4 has lost the weights: at the next frame
 * they are read from the backing store and written back into DRAM before the
 * inference can start, and that time counts against the frame period.
 */
/** DRAM energy of one reload, by (DRAM params, bytes, backing store): a pure function of its key. */
const probeCache = new Map<string, number>();

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
  backingEnergy_J(): number {
    return this.weightBytes * this.params.readEnergy_pJ_per_B * 1e-12;
  }

  /**
   * Everything a reload costs, for the DRAM's `best` policy when it weighs `off`
   * against the states that keep the data: the backing store's energy plus the
   * DRAM's own energy for the writes and for staying awake until the reload is
   * done, measured on a fresh copy of the DRAM (computed once).
   */
  reloadEnergy_J(): number {
    // The probe writes megabytes; every system of a sweep with the same DRAM, weights and flash shares it.
    const key = JSON.stringify([this.dram.params, this.weightBytes, this.params]);
    let dram_J = probeCache.get(key);
    if (dram_J === undefined) {
      const probe = new Lpddr4Memory(this.dram.params);
      const done = Math.max(this.flashTime(0), probe.transfer('write', 0, this.weightBytes, 0, 'reload'));
      probe.advanceTo(done);
      dram_J = Object.values(probe.energy_J()).reduce((a, b) => a + b, 0);
      probeCache.set(key, dram_J);
    }
    return this.backingEnergy_J() + dram_J;
  }

  private flashTime(t: Picoseconds): Picoseconds {
    return t + Math.ceil((this.weightBytes * 1000) / this.params.readBandwidth_GBps);
  }

  /** If the DRAM lost its contents, reload the weights from `t`; returns when the inference may start. */
  reloadIfLost(t: Picoseconds): Picoseconds {
    if (!this.dram.contentsLost) return t;
    this.dram.contentsLost = false;
    this.reloads++;
    this.reloaded_B += this.weightBytes;
    this.readEnergy_J += this.backingEnergy_J();
    // The flash streams at its bandwidth; the DRAM writes as the data arrives; done when both are.
    const flashDone = this.flashTime(t);
    const dramDone = this.dram.transfer('write', 0, this.weightBytes, t, 'reload');
    return Math.max(flashDone, dramDone);
  }

  advanceTo(): void {}

  energy_J(): EnergyBreakdown {
    return { read: this.readEnergy_J };
  }
}

import type { BackingStoreParams } from './spec.js';
import type { Picoseconds } from '../../engine/time.js';
import { Lpddr4Memory } from '../dram/lpddr4-memory.js';
import type { EnergyAccount, EnergyBreakdown } from '../memory.js';

/** What one reload costs the DRAM, measured on a fresh copy: time, and energy without background. */
interface ReloadProbe {
  duration_ps: Picoseconds;
  dramDynamic_J: number;
}

/** By (DRAM params, bytes, backing store): a pure function of its key, and it writes megabytes. */
const probeCache = new Map<string, ReloadProbe>();

/**
 * After the `off` idle policy, LPDDR4 has lost the weights: they are read from
 * the backing store and written back into DRAM before the next inference. The
 * frame times are known, so the DRAM powers up early and the reload runs at the
 * end of the idle gap (`preload`); when it cannot (no known wake time), the
 * reload runs at the frame start and counts against the frame period.
 */
export class WeightReloader implements EnergyAccount {
  readonly name = 'backingStore';
  reloads = 0;
  reloaded_B = 0;
  private readEnergy_J = 0;
  private transferEnergy_J = 0;
  /** End of a reload that ran ahead of the frame, until the frame starts. */
  private preloadedUntil: Picoseconds | undefined;

  constructor(
    private readonly dram: Lpddr4Memory,
    /** Bytes of weights as stored in DRAM (compressed when NVDLA compression is on). */
    readonly weightBytes: number,
    private readonly params: BackingStoreParams,
  ) {}

  /** Energy one reload costs the flash device (the DRAM's write energy is accounted by the DRAM). */
  flashEnergy_J(): number {
    return this.weightBytes * this.params.readEnergy_pJ_per_B * 1e-12;
  }

  /** Energy one reload costs the host: link receiver, controller, interconnect to the DRAM controller. */
  hostEnergy_J(): number {
    return this.weightBytes * this.params.hostTransferEnergy_pJ_per_B * 1e-12;
  }

  /** Energy one reload costs outside the DRAM: the flash device and the host's transfer. */
  backingEnergy_J(): number {
    return this.flashEnergy_J() + this.hostEnergy_J();
  }

  /**
   * What a reload costs beyond staying powered, for the DRAM's `best` policy:
   * the backing store's energy and the DRAM's commands (writes, activates, I/O).
   * The DRAM's background while it is powered for the reload is in its own
   * idle plan (it powers up `duration` early), so it is left out here.
   */
  reloadEnergy_J(): number {
    return this.backingEnergy_J() + this.probe().dramDynamic_J;
  }

  /** Time a reload takes: the slower of the flash stream and the DRAM writes. */
  reloadDuration_ps(): Picoseconds {
    return this.probe().duration_ps;
  }

  private probe(): ReloadProbe {
    const key = JSON.stringify([this.dram.params, this.weightBytes, this.params]);
    let p = probeCache.get(key);
    if (p === undefined) {
      const dram = new Lpddr4Memory(this.dram.params);
      const done = Math.max(this.flashTime(0), dram.transfer('write', 0, this.weightBytes, 0, 'reload'));
      dram.advanceTo(done);
      const e = dram.energy_J();
      const total = Object.values(e).reduce((a, b) => a + b, 0);
      p = { duration_ps: done, dramDynamic_J: total - (e.background ?? 0) };
      probeCache.set(key, p);
    }
    return p;
  }

  private flashTime(t: Picoseconds): Picoseconds {
    return t + Math.ceil((this.weightBytes * 1000) / this.params.readBandwidth_GBps);
  }

  /** If the DRAM powered off and up again ahead of this frame, reload the weights at the end of the gap. */
  preload(): void {
    // The DRAM plays its idle plan lazily, so the plan (not `contentsLost`, set only once time reaches the
    // power-off) says whether a reload is due; it runs before anything advances the DRAM past `at`.
    const at = this.dram.offRestoreAt;
    if (at === undefined) return;
    this.dram.offRestoreAt = undefined;
    this.preloadedUntil = this.reload(at);
  }

  /** At the frame start `t`: reload now if the weights are still lost; returns when the inference may start. */
  readyAt(t: Picoseconds): Picoseconds {
    const preloaded = this.preloadedUntil;
    this.preloadedUntil = undefined;
    if (this.dram.contentsLost) return this.reload(t);
    return preloaded === undefined ? t : Math.max(t, preloaded);
  }

  private reload(t: Picoseconds): Picoseconds {
    this.reloads++;
    this.reloaded_B += this.weightBytes;
    this.readEnergy_J += this.flashEnergy_J();
    this.transferEnergy_J += this.hostEnergy_J();
    // The flash streams at its bandwidth; the DRAM writes as the data arrives; done when both are.
    const done = Math.max(this.flashTime(t), this.dram.transfer('write', 0, this.weightBytes, t, 'reload'));
    // After the transfer: it played the DRAM's idle plan up to t, power-off (contents lost) included.
    this.dram.contentsLost = false;
    return done;
  }

  advanceTo(): void {}

  energy_J(): EnergyBreakdown {
    return { read: this.readEnergy_J, host_transfer: this.transferEnergy_J };
  }
}

import type { Picoseconds } from '../../engine/time.js';
import type { EnergyBreakdown, MemoryDevice, MemoryOp, PowerManaged, TrafficClass } from '../memory.js';
import { AddressMap } from './address-map.js';
import { BurstScheduler } from './burst-scheduler.js';
import { Lpddr4Channel } from './channel.js';
import { Cmd, type DramCommandSink } from './commands.js';
import { DramEnergyModel } from './energy.js';
import { IdleController } from './idle-controller.js';
import { bestCandidates, planFor, type FixedIdlePolicy, type IdleThresholds, type PolicyChoice } from './idle-plan.js';
import {
  COMMAND_COUNT_KEYS,
  ENERGY_TERMS,
  RESIDENCY_KEYS,
  type CommandCountKey,
  type DramParams,
  type EnergyTerm,
  type ResidencyKey,
} from './spec.js';
import { validateDramParams } from './validate.js';

export interface Lpddr4Options {
  name?: string;
  /** Receives every command (refreshes and idle power commands included), e.g. a DRAMPower trace writer. */
  sink?: DramCommandSink;
  /**
   * Energy in J to restore the contents after an `off` period (reading the
   * weights from their non-volatile copy and writing them back), for `best`
   * to weigh against the energy `off` saves. Without it `best` never picks off.
   */
  offReloadEnergy_J?: () => number;
  /**
   * Time in ps the contents take to restore after an `off` period. With it, an
   * `off` period is entered only when power-up and restore fit before the next
   * wake, and the device powers up that much earlier (see `offRestoreAt`).
   */
  offReloadLead_ps?: () => number;
  /** Config file named in UserErrors. */
  file?: string;
}

/**
 * LPDDR4 DRAM: `channels` x16 channels interleaved by address, each a
 * command-level engine. A transfer is split into 32 B bursts scheduled at their
 * earliest legal cycles in one loop per channel and returns the time of its
 * last data beat (the caller schedules one event then). Between uses the idle
 * policy picks the low-power state (see idle-plan.ts).
 */
export class Lpddr4Memory implements MemoryDevice, PowerManaged {
  readonly name: string;
  readonly tCK_ps: number;
  bytesRead = 0;
  bytesWritten = 0;
  readonly bytesByTraffic: Record<TrafficClass, number> = { weights: 0, features: 0, outputs: 0, eltwise: 0, reload: 0 };
  /** The policy applied by the last sleep() (for `best`, the state it chose). */
  lastIdleChoice: FixedIdlePolicy | undefined;
  private readonly map: AddressMap;
  private readonly channels: Lpddr4Channel[];
  private readonly idle: IdleController[];
  private readonly schedulers: BurstScheduler[];
  private readonly thresholds: IdleThresholds;

  constructor(
    readonly params: DramParams,
    private readonly options: Lpddr4Options = {},
  ) {
    validateDramParams(params, options.file);
    this.name = options.name ?? 'dram';
    this.tCK_ps = Math.round(params.tCK_ns * 1000);
    this.map = new AddressMap(params);
    const energy = new DramEnergyModel(params);
    this.channels = Array.from({ length: params.channels }, (_, i) => new Lpddr4Channel(params, { index: i, sink: options.sink }, energy));
    this.idle = this.channels.map((ch) => new IdleController(ch));
    this.schedulers = this.channels.map((ch) => new BurstScheduler(ch, this.map));
    this.thresholds = {
      powerDown_cycles: Math.ceil(params.powerDownIdleThreshold_ns / params.tCK_ns - 1e-9),
      selfRefresh_cycles: Math.ceil(params.selfRefreshIdleThreshold_ns / params.tCK_ns - 1e-9),
    };
  }

  /** True once power has been removed (off); the caller clears it after reloading the contents. */
  get contentsLost(): boolean {
    return this.channels.some((c) => c.contentsLost);
  }
  set contentsLost(v: boolean) {
    for (const c of this.channels) c.contentsLost = v;
  }

  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, traffic: TrafficClass): Picoseconds {
    if (bytes <= 0) return t;
    if (op === 'read') this.bytesRead += bytes;
    else this.bytesWritten += bytes;
    this.bytesByTraffic[traffic] += bytes;
    let start = this.ceilCycle(t);
    if (this.idle.some((c) => c.asleep)) start = Math.max(start, this.wakeCycle(start));
    const cmd = op === 'read' ? Cmd.RD : Cmd.WR;
    const bb = this.map.burstBytes;
    let done = start;
    for (let i = 0; i < this.channels.length; i++) {
      const range = this.map.channelRange(address, bytes, i);
      if (range === undefined) continue;
      this.idle[i]!.play(start);
      this.idle[i]!.flush();
      const end = this.schedulers[i]!.run(cmd, Math.floor(range.lo / bb), Math.ceil(range.hi / bb), start);
      if (end > done) done = end;
    }
    return done * this.tCK_ps;
  }

  sleep(t: Picoseconds, nextWake?: Picoseconds): void {
    const c = this.ceilCycle(t);
    const wake = nextWake === undefined ? undefined : Math.max(c, Math.floor(nextWake / this.tCK_ps));
    for (const idle of this.idle) idle.play(c);
    const choice = this.choosePolicy(c, wake);
    this.lastIdleChoice = choice.policy;
    this.offRestoreAt = undefined;
    this.channels.forEach((ch, i) => {
      const plan = planFor(choice, Math.max(c, ch.state.lastCmdAt), wake, ch.timing, this.offLead());
      if (plan.offAt !== Infinity && wake !== undefined) this.offRestoreAt = (wake - this.offLead()) * this.tCK_ps;
      this.idle[i]!.sleep(plan);
    });
  }

  /**
   * When the last sleep powered the device off and the next wake is known: the
   * time it is powered up again, early enough for the caller to restore the
   * contents (offReloadLead_ps) by the wake time.
   */
  offRestoreAt: Picoseconds | undefined;

  private offLead(): number {
    const lead = this.options.offReloadLead_ps?.();
    return lead === undefined ? 0 : Math.ceil(lead / this.tCK_ps);
  }

  wake(t: Picoseconds): Picoseconds {
    return this.wakeCycle(this.ceilCycle(t)) * this.tCK_ps;
  }

  advanceTo(t: Picoseconds): void {
    const c = Math.floor(t / this.tCK_ps);
    for (const idle of this.idle) idle.play(c);
  }

  energy_J(): EnergyBreakdown {
    const out = Object.fromEntries(ENERGY_TERMS.map((k) => [k, 0])) as Record<EnergyTerm, number>;
    for (const ch of this.channels) {
      const e = ch.energy_J();
      for (const k of ENERGY_TERMS) out[k] += e[k];
    }
    return out;
  }

  stateEnergy_J(): Record<string, number> {
    return this.backgroundByState_J();
  }

  /** Core background energy by power state, J (summed over channels). */
  backgroundByState_J(): Record<ResidencyKey, number> {
    const out = Object.fromEntries(RESIDENCY_KEYS.map((k) => [k, 0])) as Record<ResidencyKey, number>;
    for (const ch of this.channels) {
      const e = ch.energyModel.backgroundByState(ch.activity);
      for (const k of RESIDENCY_KEYS) out[k] += e[k];
    }
    return out;
  }

  /** Time in each power state, s, mean over channels (sums to the elapsed time). */
  residency_s(): Record<string, number> {
    const n = this.channels.length;
    const s = (this.params.tCK_ns * 1e-9) / n;
    const out = Object.fromEntries(RESIDENCY_KEYS.map((k) => [k, 0])) as Record<ResidencyKey, number>;
    for (const { activity: a } of this.channels) {
      out.active_standby += a.rankActive_cycles * s;
      out.precharge_standby += a.prechargeStandby_cycles * s;
      out.active_power_down += a.activePowerDown_cycles * s;
      out.precharge_power_down += a.prechargePowerDown_cycles * s;
      out.self_refresh += a.selfRefresh_cycles * s;
      out.off += a.off_cycles * s;
    }
    return out;
  }

  commandCounts(): Record<CommandCountKey, number> {
    const out = Object.fromEntries(COMMAND_COUNT_KEYS.map((k) => [k, 0])) as Record<CommandCountKey, number>;
    for (const { activity: a } of this.channels) for (const k of COMMAND_COUNT_KEYS) out[k] += a[k];
    return out;
  }

  /** The counters declared in dramSpec.stats, by key (energy terms and power states come from energy_J and residency_s). */
  stats(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [k, v] of Object.entries(this.commandCounts())) out[`${k}Commands`] = v;
    out.bytesRead_B = this.bytesRead;
    out.bytesWritten_B = this.bytesWritten;
    out.bursts = this.schedulers.reduce((n, s) => n + s.bursts, 0);
    out.rowHits = this.schedulers.reduce((n, s) => n + s.rowHits, 0);
    out.rowMisses = this.schedulers.reduce((n, s) => n + s.rowMisses, 0);
    return out;
  }

  /** channels × width × 2 transfers per tCK. */
  peakBandwidth_Bps(): number {
    return dramPeakBandwidth_Bps(this.params);
  }

  area_mm2(): number {
    return 0;
  }

  /** Write the END line of each channel's command trace at `t` (or after the last command). */
  endTrace(t: Picoseconds): void {
    const sink = this.options.sink;
    if (sink === undefined) return;
    const c = Math.floor(t / this.tCK_ps);
    for (const ch of this.channels) sink.end(ch.index, Math.max(c, ch.state.lastCmdAt, ch.state.busFreeAt));
  }

  private ceilCycle(t: Picoseconds): number {
    return Math.ceil(t / this.tCK_ps);
  }

  private wakeCycle(c: number): number {
    let ready = c;
    for (const idle of this.idle) ready = Math.max(ready, idle.wake(c));
    return ready;
  }

  private choosePolicy(c: number, wake: number | undefined): PolicyChoice {
    const policy = this.params.idlePolicy;
    if (policy !== 'best') return { policy, thresholds: this.thresholds };
    // Without the wake time the idle length is unknown: power-down is the safe choice.
    if (wake === undefined) return { policy: 'power-down', thresholds: this.thresholds };
    const reload = this.options.offReloadEnergy_J;
    let best: PolicyChoice | undefined;
    let bestCost = Infinity;
    for (const cand of bestCandidates(this.thresholds, reload !== undefined)) {
      const { energy, poweredOff } = this.tryIdle(cand, c, wake);
      const cost = energy + (poweredOff ? (reload?.() ?? 0) : 0);
      if (cost < bestCost) {
        bestCost = cost;
        best = cand;
      }
    }
    return best ?? { policy: 'standby', thresholds: this.thresholds };
  }

  /** Energy of idling from cycle c to `wake` under `choice`, tried on copies of the channels. */
  private tryIdle(choice: PolicyChoice, c: number, wake: number): { energy: number; poweredOff: boolean } {
    let energy = 0;
    let poweredOff = false;
    this.channels.forEach((ch, i) => {
      const copy = ch.clone();
      const idle = this.idle[i]!.cloneFor(copy);
      const before = copy.totalEnergy_J();
      const offs = copy.activity.powerOff;
      idle.sleep(planFor(choice, Math.max(c, copy.state.lastCmdAt), wake, copy.timing, this.offLead()));
      idle.wake(wake);
      energy += copy.totalEnergy_J() - before;
      poweredOff ||= copy.activity.powerOff > offs;
    });
    return { energy, poweredOff };
  }
}

/** Peak data bandwidth of the DRAM's channels: two transfers per clock on every data line, B/s. */
export function dramPeakBandwidth_Bps(p: Pick<DramParams, 'channels' | 'channelWidth_bits' | 'tCK_ns'>): number {
  return (p.channels * p.channelWidth_bits * 2) / 8 / (p.tCK_ns * 1e-9);
}

import { stat, type StatSpec } from '../engine/spec.js';
import { nsToPs, type Picoseconds } from '../engine/time.js';
import { POWER_DOMAIN_DEFAULTS, type DomainKind, type PowerDomainParams } from './power-domain-params.js';

export { POWER_DOMAIN_DEFAULTS, type DomainKind, type PowerDomainParams } from './power-domain-params.js';

/**
 * The power domain of a device between uses: background (leakage) energy by state, and
 * the cost of each transition back on. Shared by the NVDLA core, the eNVM array and the
 * SRAM buffer. Purely analytical: an idle period of any length costs no events.
 *
 * A domain is of one kind (chosen by the user, power-domain-params.ts):
 * - `always-on`: never leaves 'on';
 * - `power-gated`: on-chip header switches; state 'gated' keeps a fraction of the leakage;
 *   the contents survive only in a non-volatile device;
 * - `retention`: rail lowered to a data-retention voltage; state 'retention' keeps a
 *   fraction of the leakage and the contents;
 * - `supply-off`: the rail is switched off at the regulator; state 'off' draws 0 W, but
 *   coming back costs the rail's ramp time and energy; contents survive only if non-volatile.
 * Time spent waking up counts as 'on' (the rail is up and leaking while it settles).
 */

export type PowerState = 'on' | 'gated' | 'retention' | 'off';

/** The low-power state each kind of domain enters when idle. */
const IDLE_STATE: Record<DomainKind, PowerState> = {
  'always-on': 'on',
  'power-gated': 'gated',
  retention: 'retention',
  'supply-off': 'off',
};

/**
 * The power states a device in a domain of one of `kinds` can report (on, and each kind's idle state), as
 * statistic declarations: residency (s) and the background energy in each (J). Which of them a built device
 * has depends on the kind chosen, so the registry checks a device's states against these as a subset.
 */
export function powerStateStats(kinds: readonly DomainKind[], device: string): StatSpec[] {
  const states = [...new Set<PowerState>(['on', ...kinds.map((k) => IDLE_STATE[k])])];
  const what: Record<PowerState, string> = { on: 'powered', gated: 'power-gated', retention: 'in retention', off: 'with its supply off' };
  return states.map((st) => stat('state', 'model: src/hw/power-gate.ts (leakage and time per state of the power domain)')(st, 's, J', `time the ${device} spent ${what[st]}, and its leakage energy in that state`));
}

export interface PowerGateConfig {
  kind: DomainKind;
  /** Leakage power while on, W. */
  leakage_W: number;
  /** Leakage power in the idle state, W. */
  idleLeakage_W: number;
  /** Time and energy of one transition from the idle state back on. */
  wakeUp_ps: Picoseconds;
  wakeUpEnergy_J: number;
  /** Whether the device's contents survive its idle state. */
  keepsContents: boolean;
}

/**
 * The gate of a device of `kind` from its declared parameters: the idle leakage as the
 * kind's fraction of `leakage_W`, and the wake cost of that kind's transition (the
 * switch's for power-gated and retention, the regulator's ramp for supply-off).
 */
export function powerGateConfig(p: PowerDomainParams, leakage_W: number, nonVolatile: boolean): PowerGateConfig {
  const kind = p.powerDomain;
  const fraction = {
    'always-on': 1,
    'power-gated': p.gatedLeakageFraction,
    retention: p.retentionLeakageFraction ?? POWER_DOMAIN_DEFAULTS.retentionLeakageFraction,
    'supply-off': 0,
  }[kind];
  const ramp = kind === 'supply-off';
  return {
    kind,
    leakage_W,
    idleLeakage_W: fraction * leakage_W,
    wakeUp_ps: nsToPs(ramp ? p.supplyRamp_ns : p.wakeUp_ns),
    wakeUpEnergy_J: (ramp ? p.supplyRampEnergy_pJ : p.wakeUpEnergy_pJ) * 1e-12,
    keepsContents: nonVolatile || kind === 'always-on' || kind === 'retention',
  };
}

export class PowerGate {
  private idle = false;
  private accountedTo: Picoseconds = 0;
  private onTime_ps = 0;
  private idleTime_ps = 0;
  private onLeakage_J = 0;
  private idleLeakage_J = 0;
  wakeUpEnergy_J = 0;
  wakeUps = 0;
  gatings = 0;
  /** True once the device entered an idle state that loses its contents; the device clears it when refilled. */
  contentsLost = false;

  constructor(readonly config: PowerGateConfig) {}

  /** The idle state's name ('on' for an always-on domain). */
  get idleState(): PowerState {
    return IDLE_STATE[this.config.kind];
  }

  get isGated(): boolean {
    return this.idle;
  }

  /** Leakage over all time, J: on and idle together. */
  get leakageEnergy_J(): number {
    return this.onLeakage_J + this.idleLeakage_J;
  }

  advanceTo(t: Picoseconds): void {
    if (t <= this.accountedTo) return;
    const dt = t - this.accountedTo;
    if (!this.idle) {
      this.onTime_ps += dt;
      this.onLeakage_J += this.config.leakage_W * dt * 1e-12;
    } else {
      this.idleTime_ps += dt;
      this.idleLeakage_J += this.config.idleLeakage_W * dt * 1e-12;
    }
    this.accountedTo = t;
  }

  /**
   * Enter the idle state from max(t, busyUntil): work already accepted finishes first.
   * With `nextWake`, only when the leakage saved over the idle period exceeds the wake-up
   * energy (otherwise it would cost energy). Returns whether the device is now idle.
   */
  sleep(t: Picoseconds, busyUntil: Picoseconds, nextWake?: Picoseconds): boolean {
    if (this.config.kind === 'always-on' || this.idle) return this.idle;
    const at = Math.max(t, busyUntil, this.accountedTo);
    if (nextWake !== undefined) {
      const saved_J = (this.config.leakage_W - this.config.idleLeakage_W) * Math.max(0, nextWake - at) * 1e-12;
      if (saved_J <= this.config.wakeUpEnergy_J) return false;
    }
    this.advanceTo(at);
    this.idle = true;
    this.gatings++;
    if (!this.config.keepsContents) this.contentsLost = true;
    return true;
  }

  /** Leave the idle state at t; returns the time the device accepts requests (t when already on). */
  wake(t: Picoseconds): Picoseconds {
    if (!this.idle) return t;
    const at = Math.max(t, this.accountedTo);
    this.advanceTo(at);
    this.idle = false;
    this.wakeUps++;
    this.wakeUpEnergy_J += this.config.wakeUpEnergy_J;
    return at + this.config.wakeUp_ps;
  }

  /** Leakage by state, J: what staying on cost, and what the idle state cost. */
  stateEnergy_J(): Partial<Record<PowerState, number>> {
    if (this.config.kind === 'always-on') return { on: this.onLeakage_J };
    return { on: this.onLeakage_J, [this.idleState]: this.idleLeakage_J };
  }

  residency_s(): Partial<Record<PowerState, number>> {
    if (this.config.kind === 'always-on') return { on: this.onTime_ps * 1e-12 };
    return { on: this.onTime_ps * 1e-12, [this.idleState]: this.idleTime_ps * 1e-12 };
  }
}

/**
 * The power-state reporting every gated device shares, delegated to its gate.
 * Devices extend this and assign `gate` in their constructor; sleep and wake
 * stay theirs, since what must finish first and what a wake-up blocks differ.
 */
export abstract class GatedDevice {
  protected abstract readonly gate: PowerGate;

  get isGated(): boolean {
    return this.gate.isGated;
  }

  residency_s(): Record<string, number> {
    return this.gate.residency_s() as Record<string, number>;
  }

  stateEnergy_J(): Record<string, number> {
    return this.gate.stateEnergy_J() as Record<string, number>;
  }

  /** Time in the idle state, s (0 for an always-on domain): for the devices' gatedTime_s statistic. */
  protected idleTime_s(): number {
    const r = this.gate.residency_s();
    return this.gate.idleState === 'on' ? 0 : (r[this.gate.idleState] ?? 0);
  }
}

import { nonNegNum, type ParamSpec } from '../engine/spec.js';
import type { Picoseconds } from '../engine/time.js';

/**
 * Power gating of a memory between uses: background (leakage) energy by state, and the
 * cost of waking up. Shared by the eNVM array and the SRAM buffer. Purely analytical: an
 * idle period of any length costs no events.
 *
 * States: 'on' (leaks `leakage_W`) and 'gated' (leaks `gatedLeakage_W`: 0 for eNVM, whose
 * cells keep their data unpowered; a retention fraction for SRAM). Time spent waking up
 * counts as 'on' (the rail is up and leaking while the periphery settles).
 */

/** Defaults shared by every gated memory, with the reasoning behind them. */
export const WAKE_UP_DEFAULTS = {
  wakeUp_ns: 100,
  wakeUp_source:
    'assumption: coarse-grain gating of a memory macro periphery wakes in tens of ns to a few µs (header-switch ramp with staggered turn-on to limit in-rush); 100 ns is negligible against frame periods of milliseconds, so results are insensitive to it; override from a circuit model',
  wakeUpEnergy_pJ: 1000,
  wakeUpEnergy_source:
    'assumption: recharging the gated rail, C·V² with C ≈ 1 nF (a few nF per mm² of switched logic, 0.2–0.5 mm² of array periphery) at 0.8–1 V ≈ 0.6–1 nJ; three to four orders of magnitude below the leakage a gated frame gap saves; override from a circuit model',
} as const;

/** The two wake-up parameters of a gated memory's config section, declared once for all of them. */
export function wakeUpParams(energyDescription: string): ParamSpec[] {
  return [
    { key: 'wakeUp_ns', unit: 'ns', description: 'time from wake to the first accepted access (at most 1 s, a sanity bound no real design approaches)', default: WAKE_UP_DEFAULTS.wakeUp_ns, source: WAKE_UP_DEFAULTS.wakeUp_source, schema: nonNegNum({ maximum: 1e9 }) },
    { key: 'wakeUpEnergy_pJ', unit: 'pJ', description: energyDescription, default: WAKE_UP_DEFAULTS.wakeUpEnergy_pJ, source: WAKE_UP_DEFAULTS.wakeUpEnergy_source, schema: nonNegNum() },
  ];
}

export type PowerState = 'on' | 'gated';

export interface PowerGateConfig {
  /** Whether the device may be gated at all. */
  enabled: boolean;
  wakeUp_ps: Picoseconds;
  wakeUpEnergy_J: number;
  /** Leakage power while on, W. */
  leakage_W: number;
  /** Leakage power while gated, W. */
  gatedLeakage_W: number;
}

export class PowerGate {
  private state: PowerState = 'on';
  private accountedTo: Picoseconds = 0;
  private onTime_ps = 0;
  private gatedTime_ps = 0;
  private onLeakage_J = 0;
  private gatedLeakage_J = 0;
  wakeUpEnergy_J = 0;
  wakeUps = 0;
  gatings = 0;

  constructor(readonly config: PowerGateConfig) {}

  get isGated(): boolean {
    return this.state === 'gated';
  }

  /** Leakage over all time, J: on and gated (retention) together. */
  get leakageEnergy_J(): number {
    return this.onLeakage_J + this.gatedLeakage_J;
  }

  advanceTo(t: Picoseconds): void {
    if (t <= this.accountedTo) return;
    const dt = t - this.accountedTo;
    if (this.state === 'on') {
      this.onTime_ps += dt;
      this.onLeakage_J += this.config.leakage_W * dt * 1e-12;
    } else {
      this.gatedTime_ps += dt;
      this.gatedLeakage_J += this.config.gatedLeakage_W * dt * 1e-12;
    }
    this.accountedTo = t;
  }

  /**
   * Gate from max(t, busyUntil): work already accepted finishes first. With `nextWake`,
   * gate only when the leakage saved over the idle period exceeds the wake-up energy
   * (otherwise gating would cost energy). Returns whether the device is now gated.
   */
  sleep(t: Picoseconds, busyUntil: Picoseconds, nextWake?: Picoseconds): boolean {
    if (!this.config.enabled || this.state === 'gated') return this.state === 'gated';
    const at = Math.max(t, busyUntil, this.accountedTo);
    if (nextWake !== undefined) {
      const saved_J = (this.config.leakage_W - this.config.gatedLeakage_W) * Math.max(0, nextWake - at) * 1e-12;
      if (saved_J <= this.config.wakeUpEnergy_J) return false;
    }
    this.advanceTo(at);
    this.state = 'gated';
    this.gatings++;
    return true;
  }

  /** Leave the gated state at t; returns the time the device accepts requests (t when already on). */
  wake(t: Picoseconds): Picoseconds {
    if (this.state === 'on') return t;
    const at = Math.max(t, this.accountedTo);
    this.advanceTo(at);
    this.state = 'on';
    this.wakeUps++;
    this.wakeUpEnergy_J += this.config.wakeUpEnergy_J;
    return at + this.config.wakeUp_ps;
  }

  /** Leakage by state, J: what staying on cost, and what retention cost while gated. */
  stateEnergy_J(): Record<PowerState, number> {
    return { on: this.onLeakage_J, gated: this.gatedLeakage_J };
  }

  residency_s(): Record<PowerState, number> {
    return { on: this.onTime_ps * 1e-12, gated: this.gatedTime_ps * 1e-12 };
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
    return this.gate.residency_s();
  }

  stateEnergy_J(): Record<string, number> {
    return this.gate.stateEnergy_J();
  }
}

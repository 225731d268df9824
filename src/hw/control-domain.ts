import { stat, sane, type ComponentSpec } from '../engine/spec.js';
import type { Picoseconds } from '../engine/time.js';
import type { EnergyAccount, EnergyBreakdown, PowerManaged } from './memory.js';

/**
 * The always-on control domain: what keeps drawing power while every other domain is
 * gated or off, in every system alike: the power management unit that sequences the
 * domains, the timer that wakes them for the next frame, and the NVDLA control
 * (nvdla.controlLeakage_mW). Power is constant, so energy is power × time; its only
 * state is 'on'.
 */

export interface ControlDomainParams {
  pmuPower_uW: number;
  wakeTimerPower_uW: number;
}

const SOURCE = 'model: src/hw/control-domain.ts (constant power × time)';
const energyTerm = stat('energy', SOURCE);

export const controlDomainSpec: ComponentSpec = {
  name: 'controlDomain',
  description:
    'Always-on control domain, in every system: PMU, wake-up timer and the NVDLA control (nvdla.controlLeakage_mW), drawing power whatever the other domains do.',
  params: [
    {
      key: 'pmuPower_uW',
      unit: 'µW',
      description: 'always-on logic of the power management unit (domain sequencing, isolation and switch control)',
      default: 10,
      source: 'assumption: a few thousand always-on gates and their registers in a low-leakage library leak of order 1–10 µW at 0.8 V; the upper end, since the figure is small next to the NVDLA control\'s milliwatts either way',
      schema: sane(1e8, 'always-on control logic draws microwatts to milliwatts; 100 W none approaches'),
    },
    {
      key: 'wakeTimerPower_uW',
      unit: 'µW',
      description: 'the timer that wakes the system for the next frame (32.768 kHz oscillator and counter)',
      default: 1,
      source: 'assumption: 32.768 kHz crystal oscillators and real-time counters of microcontrollers draw well under 1 µA at 1.8–3 V (their datasheets quote hundreds of nA), i.e. about 1 µW',
      schema: sane(1e8, 'always-on control logic draws microwatts to milliwatts; 100 W none approaches'),
    },
  ],
  stats: [
    energyTerm('nvdla_control', 'J', 'energy of the NVDLA control kept on (nvdla.controlLeakage_mW)'),
    energyTerm('pmu', 'J', 'energy of the PMU'),
    energyTerm('wake_timer', 'J', 'energy of the wake-up timer'),
    stat('state', SOURCE)('on', 's, J', 'time on (always), and the energy in it'),
  ],
};

export class ControlDomain implements EnergyAccount, PowerManaged {
  readonly name = 'controlDomain';
  private readonly power_W: Record<string, number>;
  private t_ps: Picoseconds = 0;

  constructor(params: ControlDomainParams, nvdlaControl_mW: number) {
    this.power_W = { nvdla_control: nvdlaControl_mW * 1e-3, pmu: params.pmuPower_uW * 1e-6, wake_timer: params.wakeTimerPower_uW * 1e-6 };
  }

  /** Total power, W. */
  get power(): number {
    return Object.values(this.power_W).reduce((a, b) => a + b, 0);
  }

  advanceTo(t: Picoseconds): void {
    this.t_ps = Math.max(this.t_ps, t);
  }

  energy_J(): EnergyBreakdown {
    const out: EnergyBreakdown = {};
    for (const [k, w] of Object.entries(this.power_W)) out[k] = w * this.t_ps * 1e-12;
    return out;
  }

  sleep(): void {}

  wake(t: Picoseconds): Picoseconds {
    return t;
  }

  residency_s(): Record<string, number> {
    return { on: this.t_ps * 1e-12 };
  }

  stateEnergy_J(): Record<string, number> {
    return { on: this.power * this.t_ps * 1e-12 };
  }
}

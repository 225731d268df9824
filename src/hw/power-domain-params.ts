import { sane, nonNegNum, oneOf, type ParamSpec } from '../engine/spec.js';

/**
 * The power-domain parameters of a device's config section, declared once for every
 * device that has a domain (NVDLA core, eNVM, SRAM), so that the schema and `describe`
 * come from one place. What each kind does is in power-gate.ts.
 */

export const DOMAIN_KINDS = ['always-on', 'power-gated', 'retention', 'supply-off'] as const;
export type DomainKind = (typeof DOMAIN_KINDS)[number];

/** The keys of a device's power domain (retentionLeakageFraction only where retention is offered). */
export interface PowerDomainParams {
  powerDomain: DomainKind;
  gatedLeakageFraction: number;
  retentionLeakageFraction?: number;
  wakeUp_ns: number;
  wakeUpEnergy_pJ: number;
  supplyRamp_ns: number;
  supplyRampEnergy_pJ: number;
}

/** Defaults shared by every domain, with the reasoning behind them. */
export const POWER_DOMAIN_DEFAULTS = {
  gatedLeakageFraction: 0.05,
  gatedLeakage_source:
    'Tschanz et al., "Dynamic sleep transistor and body bias for active leakage power control of microprocessors", IEEE JSSC 38(11), 2003: a PMOS sleep (header) transistor cuts the leakage of a 100 nm integer core 20× (5 % remains); summaries of the technique quote factors of 10 to 50 (2–10 % remains). No source gives figures per memory technology, so every device shares this default: override per device',
  retentionLeakageFraction: 0.1,
  retention_source:
    'Qin et al., "SRAM leakage suppression by minimizing standby supply voltage", ISQED 2004: data kept at sub-300 mV standby supply with more than 90 % leakage saved',
  wakeUp_ns: 100,
  wakeUp_source:
    'assumption: coarse-grain gating of a block wakes in tens of ns to a few µs (header-switch ramp with staggered turn-on to limit in-rush; Tschanz et al., JSSC 2003, measured leakage time constants of 30–300 ns); 100 ns is negligible against frame periods of milliseconds, so results are insensitive to it; override from a circuit model',
  wakeUpEnergy_pJ: 1000,
  wakeUpEnergy_source:
    'assumption: recharging the gated rail, C·V² with C ≈ 1 nF (a few nF per mm² of switched logic, 0.2–0.5 mm² of array periphery) at 0.8–1 V ≈ 0.6–1 nJ; three to four orders of magnitude below the leakage a gated frame gap saves; override from a circuit model',
  supplyRamp_ns: 200_000,
  supplyRamp_source:
    'assumption: a PMIC buck or LDO output enabled with soft start ramps in about 0.1–1 ms (soft-start times in mobile regulator datasheets); 200 µs, plus settling, is below the ms frame periods where switching a rail off pays',
  supplyRampEnergy_pJ: 2_000_000,
  supplyRampEnergy_source:
    'assumption: charging the rail\'s decoupling capacitance from 0 V, C·V² with C ≈ 3 µF (board and package decoupling of a switchable SoC rail) at 0.8 V ≈ 1.9 µJ (half stored, half lost in the regulator); override from the board design',
} as const;

export interface DomainChoice {
  /** Kinds this device may be put in (retention only where data can be held at a lower voltage). */
  kinds: readonly DomainKind[];
  default: DomainKind;
  defaultSource: string;
  /** What happens to the contents in power-gated and supply-off: "lost" or "kept (non-volatile)". */
  contents: string;
}

const D = POWER_DOMAIN_DEFAULTS;

/** The parameter declarations of a device's power domain. */
export function powerDomainParams(c: DomainChoice): ParamSpec[] {
  const out: ParamSpec[] = [
    {
      key: 'powerDomain',
      unit: '-',
      description: `power domain between uses: "always-on" (leaks all the time), "power-gated" (on-chip switches; keeps gatedLeakageFraction of the leakage; contents ${c.contents}; wakes in wakeUp_ns for wakeUpEnergy_pJ)${c.kinds.includes('retention') ? ', "retention" (rail at a data-retention voltage; keeps retentionLeakageFraction of the leakage and the contents; wakes as power-gated)' : ''}, "supply-off" (rail off at the regulator: 0 W; contents ${c.contents}; comes back in supplyRamp_ns for supplyRampEnergy_pJ)`,
      default: c.default,
      source: c.defaultSource,
      schema: oneOf(c.kinds),
    },
    { key: 'gatedLeakageFraction', unit: '-', description: 'leakage left while power-gated, as a fraction of the leakage when on', default: D.gatedLeakageFraction, source: D.gatedLeakage_source, schema: nonNegNum({ maximum: 1 }) },
  ];
  if (c.kinds.includes('retention')) {
    out.push({ key: 'retentionLeakageFraction', unit: '-', description: 'leakage in retention as a fraction of the leakage when on', default: D.retentionLeakageFraction, source: D.retention_source, schema: nonNegNum({ maximum: 1 }) });
  }
  out.push(
    { key: 'wakeUp_ns', unit: 'ns', description: 'time from waking a power-gated (or retention) domain to its first accepted access (at most 1 s, a sanity bound no real design approaches)', default: D.wakeUp_ns, source: D.wakeUp_source, schema: nonNegNum({ maximum: 1e9 }) },
    { key: 'wakeUpEnergy_pJ', unit: 'pJ', description: 'energy of one wake-up of a power-gated (or retention) domain', default: D.wakeUpEnergy_pJ, source: D.wakeUpEnergy_source, schema: sane(1e9, 'waking a domain costs nano- to microjoules; 1 mJ none approaches') },
    { key: 'supplyRamp_ns', unit: 'ns', description: 'time from switching a supply-off rail back on to the first accepted access (at most 1 s, a sanity bound no real design approaches)', default: D.supplyRamp_ns, source: D.supplyRamp_source, schema: nonNegNum({ maximum: 1e9 }) },
    { key: 'supplyRampEnergy_pJ', unit: 'pJ', description: 'energy of switching a supply-off rail back on', default: D.supplyRampEnergy_pJ, source: D.supplyRampEnergy_source, schema: sane(1e9, 'ramping a rail costs nano- to microjoules; 1 mJ none approaches') },
  );
  return out;
}

import { addNested, componentTotals, diffNested, sumNested, type Nested, type StatsSnapshot } from '../engine/stats.js';
import type { Infeasible } from '../errors.js';

/**
 * The one measurement of an interval (docs/architecture.md §7): a layer, an
 * inference, a frame period, a sweep point. It is the difference of two stats
 * snapshots (src/engine/stats.ts), or a sum of such differences (a composed
 * frame period). Each use adds what names the interval (a layer's name, a
 * point's frame rate) beside it; an interval that cannot be run is `Infeasible`
 * with its reason and no figures. Output files are generated from it under one
 * naming rule (src/report/columns.ts).
 */
export interface Measurement {
  feasible: true;
  /** Length of the interval, s (a layer's time, an inference's latency, a frame period). */
  time_s: number;
  /** Energy of the whole system over the interval, J. */
  energy_J: number;
  /** energy_J / time_s, W (0 for an interval of no time, a fused layer). */
  power_W: number;
  /** Energy by component, J. */
  energyByComponent_J: Record<string, number>;
  /** Energy by component and term, J (the terms each component declares). */
  energyByTerm_J: Nested;
  /** Time in each power state by device, s. */
  residency_s: Nested;
  /** Background (standby, leakage) energy in each power state by device, J; part of energy_J. */
  stateEnergy_J: Nested;
  /** Counters by component over the interval (the keys each component declares, units in the keys). */
  stats: Nested;
}

/** The measurement's fields in the order outputs give them (the column order of every CSV). */
export const MEASUREMENT_FIELDS = ['feasible', 'reason', 'time_s', 'energy_J', 'power_W', 'energyByComponent_J', 'energyByTerm_J', 'residency_s', 'stateEnergy_J', 'stats'] as const;

/** A measurement where the interval could be run, else its reason; `C` names the interval. */
export type Measured<C> = (C & Measurement) | (C & Infeasible);

/** The parts of a measurement that add up (a composed period is a cold inference plus an idle gap). */
export interface Parts {
  energyByTerm_J: Nested;
  residency_s: Nested;
  stateEnergy_J: Nested;
  stats: Nested;
}

/** (b − a) · scale of every part: one interval, or the mean of `1/scale` equal ones. */
export function partsBetween(a: StatsSnapshot, b: StatsSnapshot, scale = 1): Parts {
  return {
    energyByTerm_J: diffNested(a.energy_J, b.energy_J, scale),
    residency_s: diffNested(a.residency_s, b.residency_s, scale),
    stateEnergy_J: diffNested(a.stateEnergy_J, b.stateEnergy_J, scale),
    stats: diffNested(a.counters, b.counters, scale),
  };
}

/** a + b part by part. */
export function addParts(a: Parts, b: Parts): Parts {
  return {
    energyByTerm_J: addNested(a.energyByTerm_J, b.energyByTerm_J),
    residency_s: addNested(a.residency_s, b.residency_s),
    stateEnergy_J: addNested(a.stateEnergy_J, b.stateEnergy_J),
    stats: addNested(a.stats, b.stats),
  };
}

/** The mean of several intervals' parts (a two-frame cycle of idle gaps). */
export function meanParts(list: readonly Parts[]): Parts {
  const mean = (pick: (p: Parts) => Nested): Nested => list.reduce<Nested>((sum, p) => addNested(sum, pick(p), 1 / list.length), {});
  return { energyByTerm_J: mean((p) => p.energyByTerm_J), residency_s: mean((p) => p.residency_s), stateEnergy_J: mean((p) => p.stateEnergy_J), stats: mean((p) => p.stats) };
}

/** The measurement of an interval of `time_s` with these parts. */
export function measurement(parts: Parts, time_s: number): Measurement {
  const energy_J = sumNested(parts.energyByTerm_J);
  return {
    feasible: true,
    time_s,
    energy_J,
    power_W: time_s > 0 ? energy_J / time_s : 0,
    energyByComponent_J: componentTotals(parts.energyByTerm_J),
    ...parts,
  };
}

/** An interval that cannot be run, with why. */
export function infeasible(reason: string): Infeasible {
  return { feasible: false, reason };
}

/** A figure of a measurement, null where the interval is infeasible (tables, plots and objectives read these). */
export function figureOf(m: Measurement | Infeasible, key: 'time_s' | 'energy_J' | 'power_W'): number | null {
  return m.feasible ? m[key] : null;
}

/** Why the interval is infeasible; "" when it is not. */
export function reasonOf(m: Measurement | Infeasible): string {
  return m.feasible ? '' : m.reason;
}

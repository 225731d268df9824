import { statsOf, type ComponentSpec, type StatKind } from './spec.js';

/**
 * The stats registry (after gem5's ADD_STAT and ramulator2's Stats::add, with
 * this project's unit, description and source on every declaration, in the
 * component's `ComponentSpec`). Components register at build time what they
 * produce: energy terms, power states (residency and background energy) and
 * counters. Registration and every snapshot compare the keys produced with the
 * keys declared, so a statistic cannot be produced undeclared or declared and
 * never produced. An interval's figures are the difference of two snapshots.
 */

export type Nested = Record<string, Record<string, number>>;

/** How the registry reads one component; each reader returns cumulative values since construction. */
export interface Probe {
  /** Bring background accounting up to `t` (picoseconds) before reading. */
  advance?(t: number): void;
  /** Energy by term, J (kind `energy`). */
  energy?(): Record<string, number>;
  /** Time in each power state, s, and background energy in it, J (kind `state`, same keys). */
  residency?(): Record<string, number>;
  stateEnergy?(): Record<string, number>;
  /** Counters and figures (kinds `counter` and `figure`). */
  stats?(): Record<string, number>;
}

/** Every registered component's cumulative values at one instant. */
export interface StatsSnapshot {
  /** Picoseconds. */
  t: number;
  energy_J: Nested;
  residency_s: Nested;
  stateEnergy_J: Nested;
  counters: Nested;
}

/** A component produced a key it does not declare, or declares one it did not produce: a bug in the component. */
export class StatsMismatch extends Error {
  constructor(component: string, kind: string, undeclared: string[], missing: string[]) {
    const parts = [
      undeclared.length > 0 ? `produces undeclared ${undeclared.join(', ')}` : '',
      missing.length > 0 ? `declares but does not produce ${missing.join(', ')}` : '',
    ].filter((p) => p !== '');
    super(`statistics of ${component} (${kind}): ${parts.join('; ')}; declare each in its ComponentSpec.stats or stop producing it`);
    this.name = 'StatsMismatch';
  }
}

/**
 * Throws unless `produced` holds exactly the keys `spec` declares of `kinds`. Power states are the exception:
 * a spec declares every state its power domain's kinds allow, and a device reports those of the kind chosen
 * (always `on`), so states are checked as a subset that includes `on`.
 */
export function checkProduced(component: string, spec: ComponentSpec, kinds: StatKind[], produced: readonly string[]): void {
  const declared = new Set(statsOf(spec, ...kinds).map((s) => s.key));
  const have = new Set(produced);
  const undeclared = produced.filter((k) => !declared.has(k));
  const subset = kinds.length === 1 && kinds[0] === 'state' && declared.has('on');
  const missing = [...declared].filter((k) => !have.has(k) && !(subset && k !== 'on'));
  if (undeclared.length === 0 && missing.length === 0) return;
  throw new StatsMismatch(component, kinds.join('+'), undeclared, missing);
}

interface Entry {
  name: string;
  spec: ComponentSpec;
  probe: Probe;
  counterKeys: Set<string>;
}

export class StatsRegistry {
  private readonly entries: Entry[] = [];

  /** Register `name` (its spec names what it may produce); checks its readers' keys now. */
  add(name: string, spec: ComponentSpec, probe: Probe): void {
    if (this.entries.some((e) => e.name === name)) throw new Error(`stats registry: ${name} registered twice`);
    // Outputs and `maxnvm describe` name a component's statistics by its spec's name.
    if (spec.name !== name) throw new Error(`stats registry: ${name} registered with the spec of ${spec.name}`);
    const entry: Entry = { name, spec, probe, counterKeys: new Set(statsOf(spec, 'counter').map((s) => s.key)) };
    this.check(entry);
    this.entries.push(entry);
  }

  /** Registered components, in registration order. */
  get components(): readonly { name: string; spec: ComponentSpec }[] {
    return this.entries;
  }

  /** Figures (constants such as area) of every component that declares any. */
  figures(): Nested {
    const out: Nested = {};
    for (const e of this.entries) {
      const keys = statsOf(e.spec, 'figure').map((s) => s.key);
      if (keys.length === 0 || e.probe.stats === undefined) continue;
      const all = e.probe.stats();
      out[e.name] = Object.fromEntries(keys.map((k) => [k, all[k] ?? 0]));
    }
    return out;
  }

  snapshot(t: number): StatsSnapshot {
    const s: StatsSnapshot = { t, energy_J: {}, residency_s: {}, stateEnergy_J: {}, counters: {} };
    for (const e of this.entries) {
      const p = e.probe;
      p.advance?.(t);
      if (p.energy !== undefined) s.energy_J[e.name] = { ...p.energy() };
      if (p.residency !== undefined) s.residency_s[e.name] = { ...p.residency() };
      if (p.stateEnergy !== undefined) s.stateEnergy_J[e.name] = { ...p.stateEnergy() };
      if (p.stats !== undefined && e.counterKeys.size > 0) {
        const all = p.stats();
        const c: Record<string, number> = {};
        for (const k of e.counterKeys) c[k] = all[k] ?? 0;
        s.counters[e.name] = c;
      }
    }
    return s;
  }

  /** Each reader's keys against the declarations of its kinds; a kind declared without its reader is missing. */
  private check(e: Entry): void {
    const { name, spec, probe } = e;
    checkProduced(name, spec, ['energy'], probe.energy === undefined ? [] : Object.keys(probe.energy()));
    const states = probe.residency === undefined ? [] : Object.keys(probe.residency());
    checkProduced(name, spec, ['state'], states);
    if (probe.stateEnergy !== undefined) checkProduced(name, spec, ['state'], Object.keys(probe.stateEnergy()));
    else if (states.length > 0) throw new StatsMismatch(name, 'state', [], ['background energy of its states']);
    checkProduced(name, spec, ['counter', 'figure'], probe.stats === undefined ? [] : Object.keys(probe.stats()));
  }
}

/** (b − a) · scale, key by key (keys missing on one side count as 0), in b's order. */
export function diffNested(a: Nested, b: Nested, scale = 1): Nested {
  const out: Nested = {};
  for (const comp of Object.keys(b)) {
    const bt = b[comp] ?? {};
    const at = a[comp] ?? {};
    const terms: Record<string, number> = {};
    for (const term of Object.keys(bt)) terms[term] = ((bt[term] ?? 0) - (at[term] ?? 0)) * scale;
    out[comp] = terms;
  }
  return out;
}

/** a + scale · b, key by key (keys missing on one side count as 0). */
export function addNested(a: Nested, b: Nested, scale = 1): Nested {
  const out: Nested = {};
  for (const [src, k] of [[a, 1], [b, scale]] as const) {
    for (const [comp, terms] of Object.entries(src)) {
      const o = (out[comp] ??= {});
      for (const [term, v] of Object.entries(terms)) o[term] = (o[term] ?? 0) + v * k;
    }
  }
  return out;
}

export function sumNested(e: Nested): number {
  let s = 0;
  for (const terms of Object.values(e)) for (const v of Object.values(terms)) s += v;
  return s;
}

/** Total per component. */
export function componentTotals(e: Nested): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [comp, terms] of Object.entries(e)) out[comp] = Object.values(terms).reduce((x, y) => x + y, 0);
  return out;
}

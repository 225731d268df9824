import { UserError, nearest } from '../../errors.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { linePointOf, policyLabel, type LinePoint } from './series.js';

/** What every other system is compared with: a system under one DRAM idle policy (per trace, when several). */
export interface Baseline {
  system: string;
  dramPolicy: string;
}

/** "system (policy)". */
export function baselineLabel(b: Baseline): string {
  return `${b.system} (${policyLabel(b.dramPolicy)})`;
}

/** Distinct (system, policy) pairs in sweep order. */
export function pairsOf(rows: readonly SweepRow[]): Baseline[] {
  const out: Baseline[] = [];
  for (const r of rows) if (!out.some((b) => b.system === r.system && b.dramPolicy === r.dramPolicy)) out.push({ system: r.system, dramPolicy: r.dramPolicy });
  return out;
}

/** The policy the DRAM baseline uses by default: the per-gap lowest-power choice. */
const PREFERRED_POLICY = 'best';

/** "system" or "system:policy", as given to --baseline. */
export function formatBaseline(b: Baseline): string {
  return `${b.system}:${b.dramPolicy}`;
}

/**
 * The baseline series. Without a request: the first system with DRAM (policy
 * other than "-", i.e. weights off chip) in sweep order, under policy "best"
 * when it was swept, else its first policy; undefined when no system has
 * DRAM. A request names a system, optionally with ":policy"; any swept series
 * may be chosen, an unknown one is a UserError naming the nearest.
 */
export function chooseBaseline(rows: readonly SweepRow[], requested?: string): Baseline | undefined {
  const series = pairsOf(rows);
  if (requested === undefined) {
    const dram = series.find((s) => s.dramPolicy !== '-');
    if (dram === undefined) return undefined;
    return series.find((s) => s.system === dram.system && s.dramPolicy === PREFERRED_POLICY) ?? dram;
  }
  const cut = requested.lastIndexOf(':');
  const system = cut < 0 ? requested : requested.slice(0, cut);
  const policy = cut < 0 ? undefined : requested.slice(cut + 1);
  const ofSystem = series.filter((s) => s.system === system);
  const choices = series.map(formatBaseline);
  if (ofSystem.length === 0) {
    const systems = distinctSystems(series);
    // A unique system whose name starts with what was typed ("rram" → "rram-2bpc"), else the nearest by edit distance.
    const prefixed = systems.filter((s) => s.startsWith(system));
    const near = prefixed.length === 1 ? prefixed[0] : nearest(system, systems);
    throw new UserError(`--baseline: no system "${system}" in this run`, {
      expected: `one of ${choices.join(', ')}`,
      suggestion: near !== undefined ? `did you mean --baseline ${near}?` : 'name a system of the sweep, optionally with :policy',
    });
  }
  if (policy === undefined) return ofSystem.find((s) => s.dramPolicy === PREFERRED_POLICY) ?? ofSystem[0];
  const match = ofSystem.find((s) => s.dramPolicy === policy);
  if (match === undefined) {
    throw new UserError(`--baseline: system "${system}" was not swept with DRAM idle policy "${policy}"`, {
      expected: `one of ${ofSystem.map(formatBaseline).join(', ')}`,
      suggestion: `e.g. --baseline ${formatBaseline(ofSystem[0] as Baseline)}`,
    });
  }
  return match;
}

function distinctSystems(series: readonly Baseline[]): string[] {
  return [...new Set(series.map((s) => s.system))];
}

/** The baseline's feasible row for this trace at exactly this rate, if any. */
export function baselineRowAt(rows: readonly SweepRow[], baseline: Baseline, trace: string, fps: number): SweepRow | undefined {
  return rows.find(
    (r) => r.system === baseline.system && r.dramPolicy === baseline.dramPolicy && r.trace === trace && r.fps === fps && r.feasible,
  );
}

/**
 * baseline power / system power at each rate where both are feasible (same
 * trace, same rate), for
 * every series of the other systems (the baseline system's other policies are
 * alternatives of the baseline itself, not compared). Energy per inference is
 * power × the same period, so this is also the energy ratio.
 */
export function ratioPoints(rows: readonly SweepRow[], baseline: Baseline): LinePoint[] {
  const point = linePointOf(rows);
  const out: LinePoint[] = [];
  for (const r of rows) {
    if (r.system === baseline.system || !r.feasible || r.power_W <= 0) continue;
    const base = baselineRowAt(rows, baseline, r.trace, r.fps);
    if (base?.feasible !== true) continue;
    out.push(point(r, base.power_W / r.power_W));
  }
  return out;
}

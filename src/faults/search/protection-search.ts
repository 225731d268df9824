/**
 * The protection search: per layer and stream its bits per cell and whether ECC protects it, the ECC data word
 * and the IdxSync interval (protection-space.ts), chosen to minimize cells while the accuracy loss stays within
 * the tolerance (search.ts: loss = fault-free accuracy − the lower end of the interval). One campaign judges a
 * setting. It assumes monotonicity: a stronger setting never loses more accuracy, so a setting weaker than a
 * failure fails and one stronger than a pass passes, without a campaign.
 *
 * 1. Descent from the strongest setting, then from any further starting point that passes (the best unprotected
 *    setting; a fixed protection at the fewest bits per cell): a move sets one coordinate to any value that stores fewer cells. Moves are ranked by a cheap
 *    sensitivity measure (`damage`, no campaign) per cell saved, the least first; the first move that passes is
 *    taken, and the ranking starts again from there. First only bits per cell move, one stream name at a time
 *    in the canonical order (values first, the largest stream, so it gets the first share of the tolerance;
 *    check last: its faults are corrected while the data streams have none, so a move that looks free early
 *    would block denser data later), protection kept where it is; then every coordinate. A descent has converged when no move passes: a setting that no single change
 *    makes cheaper (a local optimum). Failed moves are remembered, so the campaigns stay few.
 * 2. When the space is small (at most `exactLimit` points), each coordinate value is judged alone (with every
 *    other coordinate at its strongest: a value that fails there fails everywhere), then every setting cheaper
 *    than the best found, cheapest first: the first that passes, or else the best found, is the optimum (under
 *    monotonicity).
 * A bound on campaigns stops the search; the best setting found so far is returned, marked not converged.
 */

import { allMoves, allSettings, atLeastAsStrong, normalized, spaceSize, strongest, withMove, type Move, type ProtectionSetting, type ProtectionSpace } from './protection-space.js';

export type { ProtectionSetting, ProtectionSpace, StreamSetting } from './protection-space.js';

/** Campaigns per search at most (assumption: ~1 s each for the shipped CNN on 2 cores, so a search stays within minutes). */
export const DEFAULT_MAX_CAMPAIGNS = 150;
/** Spaces up to this many points are also searched exactly (a hand-made case; real spaces have 10^20 and more). */
export const DEFAULT_EXACT_LIMIT = 20_000;

export interface ProtectionSearchOptions {
  /** Cells a setting needs (exact, no campaign). */
  readonly cells: (s: ProtectionSetting) => number;
  /** Whether a setting meets the tolerance: one campaign. */
  readonly accepts: (s: ProtectionSetting) => Promise<boolean>;
  /** The verdict when it is known without a campaign (e.g. every trial decodes the weights of a setting already judged). */
  readonly known?: (s: ProtectionSetting) => boolean | undefined;
  /** A cheap sensitivity measure (no campaign); moves that add the least of it per cell saved are tried first. Default 0. */
  readonly damage?: (s: ProtectionSetting) => number;
  readonly maxCampaigns?: number;
  /** Further starting points (e.g. the best unprotected setting, a fixed protection), judged like any setting. */
  readonly starts?: readonly ProtectionSetting[];
  readonly exactLimit?: number;
}

export interface ProtectionSearchResult {
  /** The cheapest accepted setting found; undefined when even the strongest fails. */
  readonly best?: ProtectionSetting;
  readonly bestCells?: number;
  /** Every setting a campaign judged, in order, with its verdict. */
  readonly evaluated: readonly { setting: ProtectionSetting; cells: number; accepted: boolean }[];
  readonly campaigns: number;
  /** Every descent ended in a local optimum within the bound on campaigns. */
  readonly converged: boolean;
  /** The exact step ran to its end: the best setting is the optimum of the space (under monotonicity). */
  readonly optimal: boolean;
}

type Verdict = boolean | 'limit';

export async function searchProtection(space: ProtectionSpace, options: ProtectionSearchOptions): Promise<ProtectionSearchResult> {
  const evaluated: { setting: ProtectionSetting; cells: number; accepted: boolean }[] = [];
  const failures: ProtectionSetting[] = [];
  const passes: ProtectionSetting[] = [];
  const limit = options.maxCampaigns ?? DEFAULT_MAX_CAMPAIGNS;
  const damage = options.damage ?? (() => 0);
  const judge = async (s: ProtectionSetting): Promise<Verdict> => {
    if (failures.some((f) => atLeastAsStrong(f, s))) return false;
    if (passes.some((p) => atLeastAsStrong(s, p))) return true;
    let accepted = options.known?.(s);
    if (accepted === undefined) {
      if (evaluated.length >= limit) return 'limit';
      accepted = await options.accepts(s);
      evaluated.push({ setting: s, cells: options.cells(s), accepted });
    }
    (accepted ? passes : failures).push(s);
    return accepted;
  };
  const moves = allMoves(space);
  /** Phase 1, one stream name at a time in the space's order: only its bits per cell move, its protection stays. */
  const bitsOf = (stream: string) => (x: ProtectionSetting, m: Move): boolean => m.kind === 'stream' && m.stream === stream && m.value.protected === (x.layers[m.layer]?.[m.stream]?.protected ?? false);
  /** Phase 1 for every stream name, then phase 2 (every move); stops at the bound on campaigns. */
  const descendAll = async (start: ProtectionSetting): Promise<{ at: ProtectionSetting; limited: boolean }> => {
    let r = { at: start, limited: false };
    for (const allowed of [...space.streams.map(bitsOf), () => true]) {
      r = await descend(r.at, allowed);
      if (r.limited) break;
    }
    return r;
  };

  /** Take the best-ranked passing move until none passes; 'limit' when the campaigns ran out first. */
  const descend = async (from: ProtectionSetting, allowed: (x: ProtectionSetting, m: Move) => boolean): Promise<{ at: ProtectionSetting; limited: boolean }> => {
    let x = from;
    for (;;) {
      const cx = options.cells(x);
      const dx = damage(x);
      const candidates = new Map<string, ProtectionSetting>();
      for (const m of moves) {
        if (!allowed(x, m)) continue;
        const c = withMove(space, x, m);
        const key = JSON.stringify(c);
        if (!candidates.has(key)) candidates.set(key, c);
      }
      const ranked = [...candidates.values()]
        .map((c, i) => ({ c, i, cells: options.cells(c) }))
        .filter((c) => c.cells < cx)
        .map((c) => ({ ...c, score: (damage(c.c) - dx) / (cx - c.cells) }))
        .sort((a, b) => a.score - b.score || a.cells - b.cells || a.i - b.i);
      let next: ProtectionSetting | undefined;
      for (const { c } of ranked) {
        const v = await judge(c);
        if (v === 'limit') return { at: x, limited: true };
        if (v) {
          next = c;
          break;
        }
      }
      if (next === undefined) return { at: x, limited: false };
      x = next;
    }
  };

  const top = strongest(space);
  const first = await judge(top);
  if (first !== true) return { evaluated, campaigns: evaluated.length, converged: first === false, optimal: first === false };
  let best = top;
  let converged = true;
  for (const start of [top, ...(options.starts ?? []).map((s) => normalized(space, s))]) {
    const v = start === top ? true : await judge(start);
    if (v === 'limit') {
      converged = false;
      break;
    }
    if (!v) continue;
    const b = await descendAll(start);
    if (options.cells(b.at) < options.cells(best)) best = b.at;
    if (b.limited) {
      converged = false;
      break;
    }
  }
  let optimal = false;
  if (converged && spaceSize(space) <= (options.exactLimit ?? DEFAULT_EXACT_LIMIT)) {
    const bestCells = options.cells(best);
    const cheaper = allSettings(space)
      .map((s, i) => ({ s, i, cells: options.cells(s) }))
      .filter((x) => x.cells < bestCells)
      .sort((a, b) => a.cells - b.cells || a.i - b.i);
    optimal = true;
    // Each coordinate value alone first: one that fails with everything else at its strongest fails everywhere.
    for (const s of [...moves.map((m) => withMove(space, top, m)), ...cheaper.map((c) => c.s)]) {
      if (options.cells(s) >= options.cells(best)) continue;
      const v = await judge(s);
      if (v === 'limit') {
        optimal = false;
        break;
      }
      if (v) best = s;
    }
  }
  return { best, bestCells: options.cells(best), evaluated, campaigns: evaluated.length, converged, optimal };
}

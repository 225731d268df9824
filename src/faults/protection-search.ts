/**
 * The protection search: per stream its bits per cell and whether ECC protects it, the ECC data word (one for
 * every protected stream) and the IdxSync interval, chosen to minimize cells while the accuracy loss stays
 * within the tolerance (search.ts: loss = fault-free accuracy − the lower end of the interval).
 *
 * A setting is stronger than another when every coordinate is at least as safe: fewer bits per cell,
 * protected rather than not, a smaller ECC word, a shorter IdxSync interval. The search assumes monotonicity
 * (a stronger setting never loses more accuracy), and then finds the cheapest accepted setting exactly:
 * 1. the strongest setting; if it fails, nothing passes.
 * 2. each coordinate alone: the strongest setting with one stream's (bits per cell, protected), or the ECC
 *    word, or the interval, changed. A value that fails alone fails in any setting (every setting holding it
 *    is weaker than the strongest one with it), so only values that pass alone are combined.
 * 3. the combinations of those values, cheapest first: the first that passes is the optimum; a failure rules
 *    out every weaker combination too. A known passing setting (the incumbent: the best unprotected one) ends
 *    the search at its cost; when the bound on campaigns stops it first, the incumbent is returned, marked
 *    incomplete.
 */

import type { StreamName } from '../storage/types.js';

/** One stream's setting. */
export interface StreamSetting {
  readonly bitsPerCell: number;
  readonly protected: boolean;
}

/** A point of the search space. */
export interface ProtectionSetting {
  readonly streams: Readonly<Partial<Record<StreamName, StreamSetting>>>;
  /** ECC data word of the protected streams [bits]; used when any stream is protected. */
  readonly eccDataBits: number;
  /** IdxSync interval [weights]; undefined: no IdxSync. */
  readonly syncInterval?: number;
}

export interface ProtectionSpace {
  /** Streams whose bits per cell are chosen; `protectable` those ECC may cover. */
  readonly streams: readonly StreamName[];
  readonly protectable: readonly StreamName[];
  /** Densities, ascending (the first is the safest). */
  readonly bitsPerCell: readonly number[];
  /** ECC data words, ascending (the first, the smallest, is the safest). */
  readonly eccDataBits: readonly number[];
  /** IdxSync intervals, ascending (the first is the safest); empty when the encoding has nothing to re-align. */
  readonly syncIntervals: readonly number[];
}

export interface ProtectionSearchOptions {
  /** Cells a setting needs (exact, no campaign). */
  readonly cells: (s: ProtectionSetting) => number;
  /** Whether a setting meets the tolerance (one campaign). */
  readonly accepts: (s: ProtectionSetting) => Promise<boolean>;
  /** Combinations tried at most in step 3 (a bound on campaigns); default 50. */
  readonly maxCombinations?: number;
  /** A setting of the space already known to pass (e.g. the best unprotected one): only cheaper ones are tried. */
  readonly incumbent?: ProtectionSetting;
}

export interface ProtectionSearchResult {
  /** The cheapest accepted setting; undefined when even the strongest fails. */
  readonly best?: ProtectionSetting;
  readonly bestCells?: number;
  /** Every setting evaluated, in order, with its verdict. */
  readonly evaluated: readonly { setting: ProtectionSetting; cells: number; accepted: boolean }[];
  /** False when step 3 stopped at maxCombinations before an accepted combination. */
  readonly complete: boolean;
}

type Coordinate = { kind: 'stream'; stream: StreamName; value: StreamSetting } | { kind: 'ecc'; value: number } | { kind: 'sync'; value: number | undefined };

export function strongest(space: ProtectionSpace): ProtectionSetting {
  const b = space.bitsPerCell[0] as number;
  const streams = Object.fromEntries(space.streams.map((s) => [s, { bitsPerCell: b, protected: space.protectable.includes(s) }]));
  return { streams, eccDataBits: space.eccDataBits[0] as number, ...(space.syncIntervals.length > 0 ? { syncInterval: space.syncIntervals[0] as number } : {}) };
}

function withCoordinate(s: ProtectionSetting, c: Coordinate): ProtectionSetting {
  if (c.kind === 'stream') return { ...s, streams: { ...s.streams, [c.stream]: c.value } };
  if (c.kind === 'ecc') return { ...s, eccDataBits: c.value };
  const { syncInterval: _drop, ...rest } = s;
  return c.value === undefined ? rest : { ...rest, syncInterval: c.value };
}

/** Rank of a sync interval's weakness: a longer interval is weaker, none the weakest. */
const syncRank = (v: number | undefined): number => (v === undefined ? Infinity : v);

/** Whether `a` is at least as strong as `b` in every coordinate. */
export function atLeastAsStrong(a: ProtectionSetting, b: ProtectionSetting): boolean {
  const anyProtected = (s: ProtectionSetting): boolean => Object.values(s.streams).some((x) => x?.protected === true);
  for (const [name, sb] of Object.entries(b.streams) as [StreamName, StreamSetting][]) {
    const sa = a.streams[name];
    if (sa === undefined || sa.bitsPerCell > sb.bitsPerCell || (sb.protected && !sa.protected)) return false;
  }
  if (anyProtected(b) && a.eccDataBits > b.eccDataBits) return false;
  return syncRank(a.syncInterval) <= syncRank(b.syncInterval);
}

/** The values of each coordinate, safest first. */
function coordinateValues(space: ProtectionSpace): Coordinate[][] {
  const streams = space.streams.map((stream) =>
    space.bitsPerCell.flatMap((bitsPerCell) =>
      (space.protectable.includes(stream) ? [true, false] : [false]).map((p): Coordinate => ({ kind: 'stream', stream, value: { bitsPerCell, protected: p } })),
    ),
  );
  const ecc = space.eccDataBits.map((value): Coordinate => ({ kind: 'ecc', value }));
  const sync = space.syncIntervals.length === 0 ? [] : [[...space.syncIntervals.map((value): Coordinate => ({ kind: 'sync', value })), { kind: 'sync', value: undefined } as Coordinate]];
  return [...streams, ...(space.protectable.length > 0 ? [ecc] : []), ...sync];
}

export async function searchProtection(space: ProtectionSpace, options: ProtectionSearchOptions): Promise<ProtectionSearchResult> {
  const evaluated: { setting: ProtectionSetting; cells: number; accepted: boolean }[] = [];
  const failures: ProtectionSetting[] = [];
  const passes: ProtectionSetting[] = [];
  const accepts = async (s: ProtectionSetting): Promise<boolean> => {
    // Known by monotonicity: weaker than a failure fails, stronger than a pass passes.
    if (failures.some((f) => atLeastAsStrong(f, s))) return false;
    if (passes.some((p) => atLeastAsStrong(s, p))) return true;
    const accepted = await options.accepts(s);
    evaluated.push({ setting: s, cells: options.cells(s), accepted });
    (accepted ? passes : failures).push(s);
    return accepted;
  };
  const top = strongest(space);
  if (!(await accepts(top))) return { evaluated, complete: true };
  // Step 2: each coordinate alone.
  const feasible: Coordinate[][] = [];
  for (const values of coordinateValues(space)) {
    const ok: Coordinate[] = [];
    for (const c of values) if (await accepts(withCoordinate(top, c))) ok.push(c);
    feasible.push(ok);
  }
  // Step 3: combinations of feasible values, cheapest first (ties: the stronger first, then enumeration order).
  let combos: ProtectionSetting[] = [top];
  for (const values of feasible) combos = combos.flatMap((s) => values.map((c) => withCoordinate(s, c)));
  const ranked = combos.map((s, i) => ({ s, i, cells: options.cells(s) })).sort((a, b) => a.cells - b.cells || a.i - b.i);
  const limit = options.maxCombinations ?? 50;
  const incumbent = options.incumbent === undefined ? undefined : { best: options.incumbent, bestCells: options.cells(options.incumbent) };
  if (incumbent !== undefined) passes.push(incumbent.best);
  let tried = 0;
  for (const { s, cells } of ranked) {
    // Every cheaper combination is resolved: the incumbent is the optimum.
    if (incumbent !== undefined && cells >= incumbent.bestCells) return { ...incumbent, evaluated, complete: true };
    if (failures.some((f) => atLeastAsStrong(f, s))) continue;
    const known = passes.some((p) => atLeastAsStrong(s, p));
    if (!known && tried >= limit) return { ...incumbent, evaluated, complete: false };
    if (!known) tried++;
    if (await accepts(s)) return { best: s, bestCells: cells, evaluated, complete: true };
  }
  return { ...incumbent, evaluated, complete: true };
}

/**
 * The space the protection search (protection-search.ts) moves in: for every layer and every stream, its bits per
 * cell and whether ECC protects it; one ECC data word for every protected stream; one IdxSync interval.
 *
 * A setting is stronger than another when every coordinate is at least as safe: fewer bits per cell, protected
 * rather than not, a smaller ECC word, a shorter IdxSync interval. Coordinates that store nothing are dormant:
 * the check stream of a layer that protects nothing, the ECC word when no stream is protected, the sync stream
 * without IdxSync. `normalized` sets them to their cheapest value, so that settings storing the same cells are
 * written the same way, and protection that comes back costs the least.
 */

import type { StreamName } from '../../storage/types.js';

/** One stream's setting in one layer. */
export interface StreamSetting {
  readonly bitsPerCell: number;
  readonly protected: boolean;
}

export type LayerSetting = Readonly<Partial<Record<StreamName, StreamSetting>>>;

/** A point of the search space. */
export interface ProtectionSetting {
  /** One entry per layer, in the space's layer order. */
  readonly layers: readonly LayerSetting[];
  /** ECC data word of the protected streams [bits]. */
  readonly eccDataBits: number;
  /** IdxSync interval [weights]; undefined: no IdxSync. */
  readonly syncInterval?: number;
}

export interface ProtectionSpace {
  /** Layer names, in network order. */
  readonly layers: readonly string[];
  /** Streams whose bits per cell are chosen (in every layer); `protectable` those ECC may cover. */
  readonly streams: readonly StreamName[];
  readonly protectable: readonly StreamName[];
  /** Densities, ascending (the first is the safest). */
  readonly bitsPerCell: readonly number[];
  /** ECC data words, ascending (the first, the smallest, is the safest). */
  readonly eccDataBits: readonly number[];
  /** IdxSync intervals, ascending (the first is the safest); empty when there is nothing to re-align. */
  readonly syncIntervals: readonly number[];
}

/** One coordinate set to one value. */
export type Move =
  | { readonly kind: 'stream'; readonly layer: number; readonly stream: StreamName; readonly value: StreamSetting }
  | { readonly kind: 'ecc'; readonly value: number }
  | { readonly kind: 'sync'; readonly value: number | undefined };

const last = <T>(xs: readonly T[]): T => xs[xs.length - 1] as T;

export function strongest(space: ProtectionSpace): ProtectionSetting {
  const b = space.bitsPerCell[0] as number;
  const layer = Object.fromEntries(space.streams.map((s) => [s, { bitsPerCell: b, protected: space.protectable.includes(s) }]));
  return normalized(space, { layers: space.layers.map(() => layer), eccDataBits: space.eccDataBits[0] as number, ...(space.syncIntervals.length > 0 ? { syncInterval: space.syncIntervals[0] as number } : {}) });
}

/** Whether a stream is protected and stores something (no sync stream without IdxSync). */
export function isProtected(s: ProtectionSetting, layer: LayerSetting, stream: StreamName): boolean {
  return layer[stream]?.protected === true && (stream !== 'sync' || s.syncInterval !== undefined);
}

/** Dormant coordinates at their cheapest value (most bits per cell, unprotected; the largest ECC word). */
export function normalized(space: ProtectionSpace, s: ProtectionSetting): ProtectionSetting {
  const cheapest: StreamSetting = { bitsPerCell: last(space.bitsPerCell), protected: false };
  let any = false;
  const layers = s.layers.map((l) => {
    const out: Partial<Record<StreamName, StreamSetting>> = { ...l };
    if (s.syncInterval === undefined && out.sync !== undefined) out.sync = cheapest;
    const protects = space.streams.some((n) => n !== 'check' && isProtected(s, out, n));
    any ||= protects;
    if (!protects && out.check !== undefined) out.check = cheapest;
    return out;
  });
  return { ...s, layers, eccDataBits: any ? s.eccDataBits : last(space.eccDataBits) };
}

export function withMove(space: ProtectionSpace, s: ProtectionSetting, m: Move): ProtectionSetting {
  return normalized(space, rawMove(s, m));
}

/** A longer interval is weaker, none the weakest. */
const syncRank = (v: number | undefined): number => (v === undefined ? Infinity : v);

/** Whether `a` is at least as strong as `b` in every coordinate. */
export function atLeastAsStrong(a: ProtectionSetting, b: ProtectionSetting): boolean {
  for (let i = 0; i < b.layers.length; i++) {
    const la = a.layers[i];
    for (const [name, sb] of Object.entries(b.layers[i] ?? {}) as [StreamName, StreamSetting][]) {
      const sa = la?.[name];
      if (sa === undefined || sa.bitsPerCell > sb.bitsPerCell || (sb.protected && !sa.protected)) return false;
    }
  }
  return a.eccDataBits <= b.eccDataBits && syncRank(a.syncInterval) <= syncRank(b.syncInterval);
}

/** Every value of one stream's coordinate, safest first. */
function streamValues(space: ProtectionSpace, stream: StreamName): StreamSetting[] {
  return space.bitsPerCell.flatMap((bitsPerCell) => (space.protectable.includes(stream) ? [true, false] : [false]).map((p) => ({ bitsPerCell, protected: p })));
}

/** Every single-coordinate move of the space (the current value included). */
export function allMoves(space: ProtectionSpace): Move[] {
  const streams = space.layers.flatMap((_, layer) => space.streams.flatMap((stream) => streamValues(space, stream).map((value): Move => ({ kind: 'stream', layer, stream, value }))));
  const ecc = space.protectable.length === 0 ? [] : space.eccDataBits.map((value): Move => ({ kind: 'ecc', value }));
  const sync = space.syncIntervals.length === 0 ? [] : [...space.syncIntervals.map((value): Move => ({ kind: 'sync', value })), { kind: 'sync', value: undefined } as Move];
  return [...streams, ...ecc, ...sync];
}

/** Points of the space (before normalization merges some). */
export function spaceSize(space: ProtectionSpace): number {
  const perLayer = space.streams.reduce((a, s) => a * streamValues(space, s).length, 1);
  const ecc = space.protectable.length === 0 ? 1 : space.eccDataBits.length;
  return perLayer ** space.layers.length * ecc * (space.syncIntervals.length === 0 ? 1 : space.syncIntervals.length + 1);
}

/** Every point of the space, normalized and without repeats (only for small spaces: see spaceSize). */
export function allSettings(space: ProtectionSpace): ProtectionSetting[] {
  let out: ProtectionSetting[] = [strongest(space)];
  const byCoordinate = new Map<string, Move[]>();
  for (const m of allMoves(space)) {
    const key = m.kind === 'stream' ? `${m.layer}/${m.stream}` : m.kind;
    byCoordinate.set(key, [...(byCoordinate.get(key) ?? []), m]);
  }
  // Every combination of raw coordinate values, normalized at the end.
  for (const moves of byCoordinate.values()) out = out.flatMap((s) => moves.map((m) => rawMove(s, m)));
  const seen = new Set<string>();
  return out.map((s) => normalized(space, s)).filter((s) => {
    const k = JSON.stringify(s);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function rawMove(s: ProtectionSetting, m: Move): ProtectionSetting {
  if (m.kind === 'stream') return { ...s, layers: s.layers.map((l, i) => (i === m.layer ? { ...l, [m.stream]: m.value } : l)) };
  if (m.kind === 'ecc') return { ...s, eccDataBits: m.value };
  const { syncInterval: _drop, ...rest } = s;
  return m.value === undefined ? rest : { ...rest, syncInterval: m.value };
}

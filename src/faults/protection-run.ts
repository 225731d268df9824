/**
 * The protection search (protection-search.ts) on a model with a data set: for one encoding, the cheapest
 * setting without any protection (bits per cell only) and the cheapest with protection searched too (per
 * stream ECC or not, the ECC word of 16, 32, 64 or 128 data bits, the IdxSync interval), each within the
 * accuracy tolerance; the ECC share of the cells and the saving of protection against the best unprotected
 * setting, to set beside MaxNVM's "ECC never above 1 % of total storage" and "up to 22 % fewer cells".
 */

import { UserError } from '../errors.js';
import { producedStreams } from '../storage/streams.js';
import type { StorageChoice, StreamName } from '../storage/types.js';
import { accuracyNetwork, type AccuracyNetwork } from './accuracy-network.js';
import type { CampaignPool } from './campaign-pool.js';
import { definedBitsPerCell } from './fault-model.js';
import { campaignFor, type CampaignSettings } from './faults-run.js';
import { searchProtection, type ProtectionSetting, type ProtectionSpace } from './protection-search.js';
import { accuracyLoss_pp, searchBitsPerCell } from './search.js';

/** ECC data words searched: the SECDED words (22,16), (39,32), (72,64), (137,128). */
export const ECC_DATA_BITS = [16, 32, 64, 128] as const;
/** IdxSync intervals searched [weights] (assumption: powers of 4 around the shipped 1024; no published optimum). */
export const SYNC_INTERVALS = [256, 1024, 4096] as const;
const MAX_BITS = 3;

export interface FoundSetting {
  readonly choice: StorageChoice;
  readonly cells: number;
  /** Cells of the ECC check bits. */
  readonly eccCells: number;
  readonly syncCells: number;
  readonly accuracyLoss_pp: number;
}

export interface ProtectionReport {
  readonly base: StorageChoice;
  readonly tolerance_pp: number;
  /** Best setting with no ECC and no IdxSync; undefined when none meets the tolerance. */
  readonly unprotected?: FoundSetting;
  readonly protected?: FoundSetting;
  /** Check cells / all cells of the protected setting. */
  readonly eccShare?: number;
  /** 1 − protected cells / unprotected cells. */
  readonly saving?: number;
  readonly campaigns: number;
  /** False when a search stopped at its combination bound. */
  readonly complete: boolean;
}

/** The base without protection. */
function plain(base: StorageChoice): StorageChoice {
  const { ecc: _e, idxSync: _i, ...rest } = base;
  return rest;
}

const hasIndex = (c: StorageChoice): boolean => c.encoding !== 'dense';

export function protectionSpace(base: StorageChoice, bitsPerCell: readonly number[], protect: boolean): ProtectionSpace {
  const full = producedStreams({ ...plain(base), ...(protect ? { ecc: { dataBits: 64, streams: [] } } : {}), ...(protect && hasIndex(base) ? { idxSync: { interval: 1024 } } : {}) });
  return {
    streams: full,
    protectable: protect ? full.filter((s) => s !== 'check') : [],
    bitsPerCell: bitsPerCell.filter((b) => b >= 1 && b <= MAX_BITS),
    eccDataBits: [...ECC_DATA_BITS],
    syncIntervals: protect && hasIndex(base) ? [...SYNC_INTERVALS] : [],
  };
}

export function settingChoice(base: StorageChoice, s: ProtectionSetting): StorageChoice {
  const sync = s.syncInterval;
  const eccStreams = (Object.entries(s.streams) as [StreamName, { protected: boolean }][])
    .filter(([name, x]) => x.protected && (name !== 'sync' || sync !== undefined))
    .map(([name]) => name);
  const shape = { ...plain(base), ...(eccStreams.length > 0 ? { ecc: { dataBits: s.eccDataBits, streams: eccStreams } } : {}), ...(sync !== undefined ? { idxSync: { interval: sync } } : {}) };
  const bitsPerCell: Partial<Record<StreamName, number>> = {};
  for (const name of producedStreams(shape)) bitsPerCell[name] = s.streams[name]?.bitsPerCell ?? 1;
  return { ...shape, bitsPerCell, defaultBitsPerCell: bitsPerCell.values ?? 1 };
}

/** An unprotected setting as a point of the protected space: every stream unprotected, no IdxSync. */
function withProtectionDefaults(s: ProtectionSetting): ProtectionSetting {
  return { streams: s.streams, eccDataBits: s.eccDataBits };
}

/** Cells of a choice from stream lengths, encoding once per shape (ECC word and streams, IdxSync interval). */
function cellCounter(net: AccuracyNetwork): (choice: StorageChoice) => { total: number; byStream: Partial<Record<StreamName, number>> } {
  const lengths = new Map<string, { stream: StreamName; bits: number }[]>();
  return (choice) => {
    const key = JSON.stringify([choice.ecc ?? null, choice.idxSync ?? null]);
    let streams = lengths.get(key);
    if (streams === undefined) {
      streams = net.prepare(choice).layers.flatMap((l) => Object.entries(l.encoded.streams).map(([stream, b]) => ({ stream: stream as StreamName, bits: (b as { length: number }).length })));
      lengths.set(key, streams);
    }
    const byStream: Partial<Record<StreamName, number>> = {};
    let total = 0;
    for (const { stream, bits } of streams) {
      const c = Math.ceil(bits / (choice.bitsPerCell[stream] ?? choice.defaultBitsPerCell));
      byStream[stream] = (byStream[stream] ?? 0) + c;
      total += c;
    }
    return { total, byStream };
  };
}

/** A storage choice as a point of the protected space. */
function choiceSetting(c: StorageChoice): ProtectionSetting {
  const streams: Partial<Record<StreamName, { bitsPerCell: number; protected: boolean }>> = {};
  for (const name of producedStreams(c)) streams[name] = { bitsPerCell: c.bitsPerCell[name] ?? c.defaultBitsPerCell, protected: c.ecc?.streams.includes(name) ?? false };
  return { streams, eccDataBits: c.ecc?.dataBits ?? ECC_DATA_BITS[0], ...(c.idxSync === undefined ? {} : { syncInterval: c.idxSync.interval }) };
}

/**
 * `recipe`: a fixed protection (e.g. the study's SECDED (72,64) on the metadata and IdxSync 1024) whose bits per
 * cell the greedy search (search.ts) sets first; when it passes and costs less than the best unprotected setting,
 * it is the incumbent of the protected search, so a bound on campaigns never returns worse than the recipe.
 */
export async function runProtectionSearch(settings: CampaignSettings, base: StorageChoice, tolerance_pp: number, pool?: CampaignPool, recipe?: StorageChoice): Promise<ProtectionReport> {
  const net = await accuracyNetwork(settings.network);
  if (net === undefined) throw new UserError('the protection search needs a measured accuracy', { jsonPath: '--network', expected: '--model cnn, mlp or FILE.onnx' });
  if (settings.trials < 2) throw new UserError('the protection search needs at least 2 trials per campaign', { jsonPath: '--trials', expected: 'an integer >= 2' });
  const clean = net.clean.correct / net.clean.total;
  const count = cellCounter(net);
  const losses = new Map<string, number>();
  let campaigns = 0;
  const accepts = async (s: ProtectionSetting): Promise<boolean> => {
    const choice = settingChoice(base, s);
    const r = await campaignFor(settings, choice, pool);
    campaigns++;
    if (r.accuracy === undefined) throw new Error('fault trials returned no accuracy');
    const loss = accuracyLoss_pp(clean, r.accuracy);
    losses.set(JSON.stringify(s), loss);
    return loss <= tolerance_pp;
  };
  const levels = definedBitsPerCell(settings.faultModel);
  const found = (s: ProtectionSetting | undefined, label: string): FoundSetting | undefined => {
    if (s === undefined) return undefined;
    const choice = { ...settingChoice(base, s), label: `${plain(base).label} (${label})` };
    const c = count(choice);
    return { choice, cells: c.total, eccCells: c.byStream.check ?? 0, syncCells: c.byStream.sync ?? 0, accuracyLoss_pp: losses.get(JSON.stringify(s)) ?? NaN };
  };
  const search = (protect: boolean, incumbent?: ProtectionSetting): ReturnType<typeof searchProtection> =>
    searchProtection(protectionSpace(base, levels, protect), { cells: (s) => count(settingChoice(base, s)).total, accepts, ...(incumbent === undefined ? {} : { incumbent }) });
  const u = await search(false);
  // The best unprotected setting is a point of the protected space too: only cheaper ones are searched.
  let incumbent = u.best === undefined ? undefined : withProtectionDefaults(u.best);
  if (recipe !== undefined) {
    const greedy = await searchBitsPerCell(recipe, { cleanAccuracy: clean, tolerance_pp, definedBitsPerCell: levels, evaluate: async (c) => {
      const r = await campaignFor(settings, c, pool);
      campaigns++;
      if (r.accuracy === undefined) throw new Error('fault trials returned no accuracy');
      return r.accuracy;
    } });
    const g = choiceSetting(greedy.choice);
    const last = [...greedy.steps].reverse().find((x) => x.accepted);
    if (last !== undefined) losses.set(JSON.stringify(g), last.accuracyLoss_pp);
    if (greedy.meetsTolerance && (incumbent === undefined || count(greedy.choice).total < count(settingChoice(base, incumbent)).total)) incumbent = g;
  }
  const p = await search(true, incumbent);
  const unprotected = found(u.best, 'best unprotected');
  const protectedSetting = found(p.best, 'protection searched');
  return {
    base: plain(base),
    tolerance_pp,
    ...(unprotected === undefined ? {} : { unprotected }),
    ...(protectedSetting === undefined ? {} : { protected: protectedSetting, eccShare: protectedSetting.eccCells / protectedSetting.cells }),
    ...(unprotected !== undefined && protectedSetting !== undefined ? { saving: 1 - protectedSetting.cells / unprotected.cells } : {}),
    campaigns,
    complete: u.complete && p.complete,
  };
}

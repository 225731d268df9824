/**
 * The protection search (protection-search.ts) on a model with a data set: for one encoding, the cheapest
 * setting without any protection (per layer and stream its bits per cell only) and the cheapest with protection
 * searched too (per layer and stream ECC or not, the ECC word of 16, 32, 64 or 128 data bits, the IdxSync
 * interval), each within the accuracy tolerance; the ECC share of the cells and the saving of protection against
 * the best unprotected setting, to set beside MaxNVM's "ECC never above 1 % of total storage" and "up to 22 %
 * fewer cells".
 */

import { UserError } from '../errors.js';
import { producedStreams } from '../storage/streams.js';
import type { StorageChoice } from '../storage/types.js';
import { accuracyNetwork } from './networks/accuracy-network.js';
import type { CampaignPool } from './campaign/campaign-pool.js';
import { definedBitsPerCell } from './cells/fault-model.js';
import { campaignFor, type CampaignSettings } from './faults-run.js';
import { plain, ProtectionOracle, settingChoice } from './search/protection-oracle.js';
import { searchProtection, type ProtectionSearchResult, type ProtectionSetting } from './search/protection-search.js';
import type { ProtectionSpace } from './search/protection-space.js';
import { accuracyLoss_pp } from './search/search.js';

export { settingChoice } from './search/protection-oracle.js';

/** ECC data words searched: the SECDED words (22,16), (39,32), (72,64), (137,128). */
export const ECC_DATA_BITS = [16, 32, 64, 128] as const;
/** IdxSync intervals searched [weights] (assumption: powers of 4 around the shipped 1024; no published optimum). */
export const SYNC_INTERVALS = [256, 1024, 4096] as const;
const MAX_BITS = 3;

export interface FoundSetting {
  /** With per-layer settings where layers differ (storage/layer-choice.ts). */
  readonly choice: StorageChoice;
  readonly cells: number;
  /** Cells of the ECC check bits. */
  readonly eccCells: number;
  readonly syncCells: number;
  readonly accuracyLoss_pp: number;
}

/** How one search ended. */
export interface SearchEnd {
  readonly campaigns: number;
  /** Ended in a local optimum (no single change of one layer's stream, the ECC word or the interval passes and saves cells). */
  readonly converged: boolean;
  /** Proven optimal (small spaces only; protection-search.ts). */
  readonly optimal: boolean;
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
  /** Campaigns of both searches. */
  readonly campaigns: number;
  /** Both searches converged within their bound on campaigns. */
  readonly converged: boolean;
  readonly searches: { readonly unprotected: SearchEnd; readonly protected: SearchEnd };
}

const hasIndex = (c: StorageChoice): boolean => c.encoding !== 'dense';

export function protectionSpace(base: StorageChoice, layers: readonly string[], bitsPerCell: readonly number[], protect: boolean): ProtectionSpace {
  const full = producedStreams({ ...plain(base), ...(protect ? { ecc: { dataBits: 64, streams: [] } } : {}), ...(protect && hasIndex(base) ? { idxSync: { interval: 1024 } } : {}) });
  return {
    layers,
    streams: full,
    protectable: protect ? full.filter((s) => s !== 'check') : [],
    bitsPerCell: bitsPerCell.filter((b) => b >= 1 && b <= MAX_BITS),
    eccDataBits: [...ECC_DATA_BITS],
    syncIntervals: protect && hasIndex(base) ? [...SYNC_INTERVALS] : [],
  };
}

/** An unprotected setting as a point of the protected space: the same bits per cell, nothing protected, no IdxSync. */
function asProtectedPoint(s: ProtectionSetting): ProtectionSetting {
  return { layers: s.layers, eccDataBits: s.eccDataBits };
}

/** A fixed protection (a storage choice's ECC and IdxSync) with every stream of every layer at the fewest bits per cell. */
function recipePoint(space: ProtectionSpace, recipe: StorageChoice): ProtectionSetting {
  const b = space.bitsPerCell[0] as number;
  const layer = Object.fromEntries(space.streams.map((s) => [s, { bitsPerCell: b, protected: recipe.ecc?.streams.includes(s) ?? false }]));
  const sync = recipe.idxSync?.interval;
  return { layers: space.layers.map(() => layer), eccDataBits: recipe.ecc?.dataBits ?? (space.eccDataBits[0] as number), ...(sync === undefined || space.syncIntervals.length === 0 ? {} : { syncInterval: sync }) };
}

/**
 * `recipe`: a fixed protection (e.g. the study's SECDED (72,64) on the metadata and IdxSync 1024); the protected
 * search also descends from it, at the fewest bits per cell, besides the strongest and the best unprotected setting.
 */
export async function runProtectionSearch(settings: CampaignSettings, base: StorageChoice, tolerance_pp: number, options: { pool?: CampaignPool; recipe?: StorageChoice; maxCampaigns?: number } = {}): Promise<ProtectionReport> {
  const { pool, recipe, maxCampaigns } = options;
  const net = await accuracyNetwork(settings.network);
  if (net === undefined) throw new UserError('the protection search needs a measured accuracy', { jsonPath: '--network', expected: '--model cnn, mlp or FILE.onnx' });
  if (settings.trials < 2) throw new UserError('the protection search needs at least 2 trials per campaign', { jsonPath: '--trials', expected: 'an integer >= 2' });
  if (settings.mode.kind !== 'sampled') {
    throw new UserError('the protection search compares settings on the same sampled faults', { jsonPath: '--mode', expected: '--mode sampled (the default)', suggestion: 'drop --mode fixed and --faulty-cells' });
  }
  const clean = net.clean.correct / net.clean.total;
  const layers = net.tensors(base.clustered).map((t) => t.name);
  const levels = definedBitsPerCell(settings.faultModel);
  const search = async (protect: boolean, starts: (space: ProtectionSpace) => ProtectionSetting[]): Promise<{ r: ProtectionSearchResult; found: (s: ProtectionSetting | undefined, label: string) => FoundSetting | undefined }> => {
    const space = protectionSpace(base, layers, levels, protect);
    const oracle = new ProtectionOracle(net, base, space, settings.faultModel, settings);
    const r = await searchProtection(space, {
      cells: (s) => oracle.cells(s),
      damage: (s) => oracle.damage(s),
      known: (s) => oracle.known(s)?.accepted,
      accepts: async (s) => {
        const c = await campaignFor(settings, settingChoice(base, space, s), pool);
        if (c.accuracy === undefined) throw new Error('fault trials returned no accuracy');
        const verdict = { loss_pp: accuracyLoss_pp(clean, c.accuracy), accepted: false };
        verdict.accepted = verdict.loss_pp <= tolerance_pp;
        oracle.record(s, verdict);
        return verdict.accepted;
      },
      starts: starts(space),
      ...(maxCampaigns === undefined ? {} : { maxCampaigns }),
    });
    const found = (s: ProtectionSetting | undefined, label: string): FoundSetting | undefined => {
      if (s === undefined) return undefined;
      const byStream = oracle.cellsByStream(s);
      const choice = { ...settingChoice(base, space, s), label: `${plain(base).label} (${label})` };
      return { choice, cells: oracle.cells(s), eccCells: byStream.check ?? 0, syncCells: byStream.sync ?? 0, accuracyLoss_pp: oracle.known(s)?.loss_pp ?? NaN };
    };
    return { r, found };
  };
  const u = await search(false, () => []);
  // The best unprotected setting is a point of the protected space too: a starting point, as is the recipe.
  const p = await search(true, (space) => [...(recipe === undefined ? [] : [recipePoint(space, recipe)]), ...(u.r.best === undefined ? [] : [asProtectedPoint(u.r.best)])]);
  const unprotected = u.found(u.r.best, 'best unprotected');
  const protectedSetting = p.found(p.r.best, 'protection searched');
  const end = (r: ProtectionSearchResult): SearchEnd => ({ campaigns: r.campaigns, converged: r.converged, optimal: r.optimal });
  return {
    base: plain(base),
    tolerance_pp,
    ...(unprotected === undefined ? {} : { unprotected }),
    ...(protectedSetting === undefined ? {} : { protected: protectedSetting, eccShare: protectedSetting.eccCells / protectedSetting.cells }),
    ...(unprotected !== undefined && protectedSetting !== undefined ? { saving: 1 - protectedSetting.cells / unprotected.cells } : {}),
    campaigns: u.r.campaigns + p.r.campaigns,
    converged: u.r.converged && p.r.converged,
    searches: { unprotected: end(u.r), protected: end(p.r) },
  };
}

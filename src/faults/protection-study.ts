/**
 * `maxnvm faults --study --protect`: for each encoding of the study (study.ts rows without protection), the
 * best setting without protection and the best with protection searched (protection-run.ts), the ECC share of
 * the cells and the saving of protection, beside MaxNVM's published claims.
 */

import { toCsv } from '../util/csv.js';
import { grouped, textTable } from '../util/format.js';
import type { StreamName } from '../storage/types.js';
import { accuracyNetwork } from './networks/accuracy-network.js';
import { CampaignPool } from './campaign/campaign-pool.js';
import type { CampaignSettings } from './faults-run.js';
import { secdedName } from '../sizing/choice-label.js';
import { runProtectionSearch, type FoundSetting, type ProtectionReport, type SearchEnd } from './protection-run.js';
import { studyRows } from './study.js';

/** MaxNVM (Pentecost et al., MICRO 2019; reference/README.md): its abstract's words. */
export const MAXNVM_CLAIMS = { eccShare: 'ECC never above 1 % of total storage', saving: 'IdxSync with ECC: up to 22 % fewer cells' } as const;

export interface ProtectionStudy {
  readonly network: string;
  readonly faultModel: string;
  readonly tolerance_pp: number;
  readonly trials: number;
  readonly seed: number;
  readonly maxnvm: typeof MAXNVM_CLAIMS;
  readonly rows: ProtectionReport[];
}

export async function runProtectionStudy(settings: CampaignSettings, tolerance_pp: number, progress?: (line: string) => void, maxCampaigns?: number): Promise<ProtectionStudy> {
  const net = await accuracyNetwork(settings.network);
  const pool = settings.workers > 0 ? new CampaignPool(settings.workers) : undefined;
  const rows: ProtectionReport[] = [];
  try {
    const specs = studyRows();
    for (const spec of specs.filter((r) => r.protection === 'none')) {
      // The study's fixed protection of this encoding is one of the search's starting points (protection-run.ts).
      const recipe = specs.find((r) => r.encoding === spec.encoding && r.protection !== 'none')?.base;
      const r = await runProtectionSearch(settings, spec.base, tolerance_pp, { ...(pool === undefined ? {} : { pool }), ...(recipe === undefined ? {} : { recipe }), ...(maxCampaigns === undefined ? {} : { maxCampaigns }) });
      rows.push(r);
      progress?.(`study --protect: ${rows.length}/4 ${spec.base.label}: unprotected ${say(r.searches.unprotected)}, protected ${say(r.searches.protected)}`);
    }
  } finally {
    await pool?.close();
  }
  return { network: net?.description ?? '', faultModel: settings.faultModel.name, tolerance_pp, trials: settings.trials, seed: settings.seed, maxnvm: MAXNVM_CLAIMS, rows };
}

const pct = (x: number | undefined): string => (x === undefined || !Number.isFinite(x) ? '-' : `${(100 * x).toFixed(2)} %`);

/** Bits per cell of the streams most layers share, then each layer's own settings where they differ. */
function bits(f: FoundSetting | undefined): string {
  if (f === undefined) return 'none within tolerance';
  const shared = (Object.entries(f.choice.bitsPerCell) as [StreamName, number][]).map(([s, b]) => `${s} ${b}`).join(', ');
  const own = Object.entries(f.choice.layers ?? {}).map(([name, o]) => {
    const parts = (Object.entries(o.bitsPerCell ?? {}) as [StreamName, number][]).map(([s, b]) => `${s} ${b}`);
    if (o.eccStreams !== undefined) parts.push(o.eccStreams.length === 0 ? 'no ECC' : `ECC on ${o.eccStreams.join('+')}`);
    return `${name}: ${parts.join(', ')}`;
  });
  return [shared, ...own].join('; ');
}

function protection(f: FoundSetting | undefined): string {
  if (f === undefined) return '-';
  const parts: string[] = [];
  if (f.choice.ecc !== undefined) parts.push(`ECC ${secdedName(f.choice.ecc.dataBits)} on ${f.choice.ecc.streams.join('+')}`);
  if (f.choice.idxSync !== undefined) parts.push(`IdxSync ${f.choice.idxSync.interval}`);
  return parts.length === 0 ? 'none' : parts.join('; ');
}

/** How a search ended: proven optimal, converged (a local optimum) or stopped at the bound on campaigns. */
function say(e: SearchEnd): string {
  return `${e.campaigns} ${e.optimal ? 'optimal' : e.converged ? 'converged' : 'stopped at limit'}`;
}

export function protectionStudyTable(s: ProtectionStudy): string {
  const head = [
    `protection searched on ${s.network}: fault model ${s.faultModel}, tolerance ${s.tolerance_pp} pp, ${s.trials} trials per campaign, seed ${s.seed}`,
    `MaxNVM: ${s.maxnvm.eccShare}; ${s.maxnvm.saving}`,
    '',
  ];
  const rows = s.rows.map((r) => [
    r.base.label,
    r.unprotected === undefined ? '-' : grouped(r.unprotected.cells),
    say(r.searches.unprotected),
    r.protected === undefined ? '-' : grouped(r.protected.cells),
    protection(r.protected),
    pct(r.eccShare),
    pct(r.saving),
    say(r.searches.protected),
  ]);
  const table = textTable(['encoding', 'unprotected: cells', 'search (campaigns)', 'protected: cells', 'protection (most layers)', 'ECC share', 'saving', 'search (campaigns)'], rows);
  // Bits per cell of the streams most layers share, then what each other layer does (its own bits per cell and ECC).
  const details = s.rows.flatMap((r) => [`${r.base.label}, best unprotected: ${bits(r.unprotected)}`, `${r.base.label}, protection searched: ${bits(r.protected)}`]);
  return `${head.join('\n')}${table}\n${details.join('\n')}\n`;
}

export function protectionStudyCsv(s: ProtectionStudy): string {
  return toCsv(
    ['encoding', 'unprotectedCells', 'protectedCells', 'eccCells', 'syncCells', 'eccShare_fraction', 'saving_fraction', 'eccDataBits', 'eccStreams', 'idxSyncInterval_weights', 'campaigns', 'unprotectedCampaigns', 'unprotectedConverged', 'protectedCampaigns', 'protectedConverged'],
    s.rows.map((r) => ({
      encoding: r.base.label,
      unprotectedCells: r.unprotected?.cells ?? '',
      protectedCells: r.protected?.cells ?? '',
      eccCells: r.protected?.eccCells ?? '',
      syncCells: r.protected?.syncCells ?? '',
      eccShare_fraction: r.eccShare ?? '',
      saving_fraction: r.saving ?? '',
      eccDataBits: r.protected?.choice.ecc?.dataBits ?? '',
      eccStreams: r.protected?.choice.ecc?.streams.join('+') ?? '',
      idxSyncInterval_weights: r.protected?.choice.idxSync?.interval ?? '',
      campaigns: r.campaigns,
      unprotectedCampaigns: r.searches.unprotected.campaigns,
      unprotectedConverged: String(r.searches.unprotected.converged),
      protectedCampaigns: r.searches.protected.campaigns,
      protectedConverged: String(r.searches.protected.converged),
    })),
  );
}

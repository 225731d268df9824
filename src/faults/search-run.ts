/**
 * `maxnvm faults --search` as a library: the bits-per-cell search (search.ts)
 * on the MNIST model, one campaign per step on a shared worker pool, and its
 * result in the forms other commands read: a choices file for
 * `maxnvm size --choices` and a `weightStorage` block for an arch config.
 */

import { UserError } from '../errors.js';
import { wilsonInterval } from '../ml/confidence.js';
import { defaultLabel } from '../sizing/choice-label.js';
import type { StorageChoice } from '../storage/types.js';
import { CampaignPool } from './campaign/campaign-pool.js';
import { definedBitsPerCell } from './cells/fault-model.js';
import { campaignFor, storageCells, type CampaignSettings, type StreamCells } from './faults-run.js';
import { accuracyNetwork } from './networks/accuracy-network.js';
import { DEFAULT_TOLERANCE_PP } from './spec.js';
import { searchBitsPerCell, type SearchResult } from './search/search.js';

export { DEFAULT_TOLERANCE_PP } from './spec.js';

interface ChoicesFile {
  readonly technology: string;
  readonly description: string;
  readonly choices: StorageChoice[];
}

export interface SearchReport {
  readonly network: { kind: 'mnist' | 'onnx'; description: string; testImages: number };
  readonly faultModel: string;
  readonly base: StorageChoice;
  readonly tolerance_pp: number;
  readonly confidence: number;
  readonly trials: number;
  readonly seed: number;
  readonly cleanAccuracy: { share: number; low: number; high: number };
  readonly search: SearchResult;
  readonly storage: { streams: StreamCells[]; totalCells: number };
  /** For `maxnvm size --choices` (src/sizing/choices-file.ts). */
  readonly choicesFile: ChoicesFile;
  /** To paste into an arch config. */
  readonly weightStorage: StorageChoice;
}

export function checkTolerance(tolerance_pp: number): void {
  if (!(Number.isFinite(tolerance_pp) && tolerance_pp >= 0 && tolerance_pp <= 100)) {
    throw new UserError(`tolerance ${tolerance_pp} percentage points is outside 0..100`, {
      jsonPath: '--tolerance-pp',
      expected: 'an accuracy loss in percentage points from 0 to 100',
      suggestion: `e.g. --tolerance-pp ${DEFAULT_TOLERANCE_PP}`,
    });
  }
}

function searchSteps(
  settings: CampaignSettings,
  base: StorageChoice,
  cleanAccuracy: number,
  tolerance_pp: number,
  technology: string,
  pool: CampaignPool | undefined,
): Promise<SearchResult> {
  return searchBitsPerCell(base, {
    cleanAccuracy,
    tolerance_pp,
    definedBitsPerCell: definedBitsPerCell(settings.faultModel),
    evaluate: async (choice) => {
      const r = await campaignFor(settings, choice, pool);
      if (r.accuracy === undefined) throw new Error('MNIST fault trials returned no accuracy');
      return r.accuracy;
    },
    label: (c) => `${defaultLabel(c)} (searched ${technology}, ${tolerance_pp} pp)`,
  });
}

export async function runSearch(
  settings: CampaignSettings,
  base: StorageChoice,
  tolerance_pp: number,
  technology: string,
  pool?: CampaignPool,
): Promise<SearchReport> {
  checkTolerance(tolerance_pp);
  const net = settings.network;
  if (net.kind === 'trace') {
    throw new UserError('--search needs a measured accuracy, which a trace on synthetic weights does not have', {
      jsonPath: '--network',
      expected: '--search on a model with a data set (--model)',
      suggestion: 'drop --search to get weight errors for the trace, or search on --model',
    });
  }
  if (settings.trials < 2) {
    throw new UserError(`--search needs at least 2 trials per step for a confidence interval, got ${settings.trials}`, {
      jsonPath: '--trials',
      expected: 'an integer >= 2',
      suggestion: 'e.g. --trials 100',
    });
  }
  const h = await accuracyNetwork(net);
  if (h === undefined) throw new Error('no accuracy harness');
  const clean = h.clean.correct / h.clean.total;
  // One pool for every step: starting workers costs about a second each time.
  const ownPool = pool === undefined && settings.workers > 0 ? new CampaignPool(settings.workers) : undefined;
  const stepPool = pool ?? ownPool;
  let search: SearchResult;
  try {
    search = await searchSteps(settings, base, clean, tolerance_pp, technology, stepPool);
  } finally {
    await ownPool?.close();
  }
  const w = wilsonInterval(h.clean.correct, h.clean.total, settings.confidence);
  return {
    network: { kind: net.kind, description: h.description, testImages: h.testImages },
    faultModel: settings.faultModel.name,
    base,
    tolerance_pp,
    confidence: settings.confidence,
    trials: settings.trials,
    seed: settings.seed,
    cleanAccuracy: { share: clean, low: w.low, high: w.high },
    search,
    storage: await storageCells(net, search.choice, settings.faultModel),
    choicesFile: {
      technology,
      description: `bits per cell found by maxnvm faults --search on ${h.description}: accuracy loss (fault-free − lower end of the ${100 * settings.confidence} % interval over ${settings.trials} trials) <= ${tolerance_pp} pp, fault model ${settings.faultModel.name}, seed ${settings.seed}`,
      choices: [search.choice],
    },
    weightStorage: search.choice,
  };
}

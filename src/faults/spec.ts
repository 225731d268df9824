/**
 * The `faults` config section: which MLC read model, how levels map to bits,
 * how faults are injected and how many Monte Carlo trials measure accuracy.
 * Declared once here; the config schema and `describe` derive from it.
 */

import { stat, oneOf, posInt, posNum, nonNegInt, type ComponentSpec } from '../engine/spec.js';
import type { FaultMode } from './cells/cell-faults.js';
import { LEVEL_MAPPINGS, type LevelMapping } from './cells/level-mapping.js';
import { FAULT_TECHNOLOGIES, RRAM_SOURCE, type FaultTechnology } from './cells/technology-levels.js';
import { thousands } from '../util/format.js';

/** Default accuracy loss allowed by the bits-per-cell search [percentage points]. */
export const DEFAULT_TOLERANCE_PP = 0.5;

/** Monte Carlo trials per campaign: a sanity bound, checked before any trial array is allocated. */
export const MAX_TRIALS = 100_000;
/** Worker threads: a sanity bound; each holds its own copy of the network and its weights. */
export const MAX_WORKERS = 256;

export interface FaultParams {
  technology: FaultTechnology;
  levelMapping: LevelMapping;
  sigmaScale: number;
  faultMode: FaultMode['kind'];
  faultCount_cells: number;
  trials: number;
  confidence: number;
  workers: number;
  tolerance_pp: number;
}

/** Results of a fault campaign, per row of its output (src/faults/campaign.ts). */
const result = stat('interval', 'model: src/faults/campaign.ts (Monte Carlo trials of the level model)');

export const faultsSpec: ComponentSpec = {
  name: 'faults',
  description:
    'MLC read faults: one Gaussian per level, thresholds where adjacent Gaussians cross, the level-to-level error matrix computed analytically; faults injected into the stored bit streams with a seeded stream; accuracy of the MNIST harness network over Monte Carlo trials.',
  params: [
    {
      key: 'technology',
      unit: '-',
      description: 'whose level distributions to use (only RRAM has published ones; the others borrow them, see their sources)',
      default: 'RRAM',
      source: RRAM_SOURCE,
      schema: oneOf(FAULT_TECHNOLOGIES),
    },
    {
      key: 'levelMapping',
      unit: '-',
      description: 'how a cell\'s bits choose its level: binary (the bits are the level number) or gray (adjacent levels differ in one bit)',
      default: 'gray',
      source:
        'assumption: Gray coding, the usual MLC practice, so a one-level fault flips one bit; NVMExplorer\'s nvmFI stores the binary value as the level, choose "binary" to reproduce it',
      schema: oneOf(LEVEL_MAPPINGS),
    },
    {
      key: 'sigmaScale',
      unit: '-',
      description: 'factor on every level sigma, for sensitivity studies',
      default: 1,
      source: 'reference/mlc-rram-levels.json as published',
      schema: posNum(),
    },
    {
      key: 'faultMode',
      unit: '-',
      description: 'sampled: each cell faults independently at its level\'s rate; fixedCount: exactly faultCount_cells cells fault, chosen in proportion to their rates',
      default: 'sampled',
      source: 'assumption: independent cell faults at the analytic rate (NVMExplorer injects the expected count instead, which fixedCount reproduces)',
      schema: oneOf(['sampled', 'fixedCount']),
    },
    {
      key: 'faultCount_cells',
      unit: 'cells',
      description: 'faulty cells per trial in fixedCount mode (ignored when sampled)',
      default: 1,
      source: 'assumption: a single fault, the smallest sensitivity step',
      schema: nonNegInt(),
    },
    {
      key: 'trials',
      unit: 'count',
      description: `Monte Carlo trials; trial t uses the random stream of (seed, t) only; at most ${thousands(MAX_TRIALS)} (a sanity bound: the t interval then spans ±0.006 standard deviations, and MNIST trials take about 10 ms each)`,
      default: 100,
      source: 'assumption: 100 trials put the 95 % t interval at ±0.2 standard deviations of the per-trial accuracy',
      schema: posInt({ maximum: MAX_TRIALS }),
    },
    {
      key: 'confidence',
      unit: 'share',
      description: 'two-sided confidence of the Student t interval on the mean accuracy over trials',
      default: 0.95,
      source: 'assumption: the conventional 95 %',
      schema: posNum({ exclusiveMaximum: 1 }),
    },
    {
      key: 'workers',
      unit: 'threads',
      description: `worker threads running trials (0: the main thread); results do not depend on it; at most ${MAX_WORKERS} (a sanity bound: each thread holds its own copy of the network)`,
      default: 2,
      source: 'assumption: the two cores of the reference machine',
      schema: nonNegInt({ maximum: MAX_WORKERS }),
    },
    {
      key: 'tolerance_pp',
      unit: 'pp',
      description:
        'bits-per-cell search: largest accuracy loss accepted, fault-free accuracy minus the lower end of the confidence interval on the mean accuracy',
      default: DEFAULT_TOLERANCE_PP,
      source: 'assumption: 0.5 percentage points, about the accuracy MaxNVM (Pentecost et al., MICRO 2019) lets MLC storage cost',
      schema: { type: 'number', minimum: 0, maximum: 100 },
    },
  ],
  stats: [
    result('cellFaultRate', 'faults/cell', 'mean per-cell fault rate of the level model with every level used equally often'),
    result('bitErrorRate', 'errors/bit', 'mean error rate per stored bit under the level mapping, uniform level use'),
    result('faultyCells', 'cells', 'mean faulty cells per trial'),
    result('accuracy', 'fraction 0..1', 'mean test accuracy over the trials (CSV column accuracy_fraction)'),
    result('accuracyLow', 'fraction 0..1', 'lower end of the confidence interval on the mean accuracy (CSV column accuracyLow_fraction)'),
    result('accuracyHigh', 'fraction 0..1', 'upper end of the confidence interval on the mean accuracy (CSV column accuracyHigh_fraction)'),
    result('accuracyLoss_pp', 'pp', 'fault-free accuracy minus accuracyLow, in percentage points'),
    result('changed', 'weights', 'weights whose decoded int8 value differs from the original (mean per trial)'),
    result('misplaced', 'weights', 'non-zero decoded weights read from a value field stored for another position (mean per trial)'),
    result('zeroToNonZero', 'weights', 'pruned weights that decode non-zero (mean per trial)'),
    result('nonZeroToZero', 'weights', 'non-zero weights that decode as zero (mean per trial)'),
    result('maxAbsError_lsb', 'int8 LSB', 'largest |decoded − original| weight in any trial'),
    result('meanAbsError_lsb', 'int8 LSB', 'mean |decoded − original| over all weights (mean per trial)'),
    result('eccCorrectedWords', 'words', 'ECC words with a corrected single-bit error (mean per trial)'),
    result('eccUncorrectableWords', 'words', 'ECC words with a detected, uncorrectable error (mean per trial)'),
  ],
};

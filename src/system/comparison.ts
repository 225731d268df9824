import { runSweep, type SweepOptions } from './sweep/run-sweep.js';
import { logSpacedRates } from './sweep/grid.js';
import type { SweepRow } from './sweep/sweep-row.js';
import type { DramIdlePolicy } from '../hw/dram/spec.js';
import { loadArchConfig, withDramIdlePolicy } from '../config/arch-config.js';
import { loadTrace } from '../workload/load-trace.js';
import { ratioBands, type RatioBand } from './ratio-band.js';

/**
 * The MaxNVM comparison: the NVDLA + LPDDR4 baseline under every DRAM idle
 * policy against NVDLA + MLC eNVM systems, on one trace, over `rateCount`
 * log-spaced frame rates from `minFps` to `maxFps`, plus the rates the table
 * reports and the baseline's own maximum. Rates a system cannot sustain are
 * reported infeasible for it.
 */
export interface ComparisonSpec {
  baselineArch: string;
  envmArchs: string[];
  trace: string;
  policies: DramIdlePolicy[];
  minFps: number;
  maxFps: number;
  rateCount: number;
  tableRates: number[];
  seed: number;
}

export interface ComparisonResult {
  rows: SweepRow[];
  /** The baseline's highest sustainable rate: the "maximum rate" column. */
  baselineMaxFps: number;
  /** Every swept rate, increasing (the log-spaced ones, the table's and the baseline's maximum). */
  rates: number[];
}

export async function runComparison(spec: ComparisonSpec, opts: SweepOptions): Promise<ComparisonResult> {
  const grid = {
    archFiles: [spec.baselineArch, ...spec.envmArchs],
    traceFiles: [spec.trace],
    policies: spec.policies,
    seed: spec.seed,
  };
  const rates = [...logSpacedRates(spec.minFps, spec.maxFps, spec.rateCount), ...spec.tableRates];
  // A first pass over the table rates finds the baseline's maximum; the full grid then includes it exactly.
  const probe = await runSweep({ ...grid, archFiles: [spec.baselineArch], policies: [spec.policies[0] ?? 'best'], fps: spec.tableRates }, { workers: 0 });
  // Its maximum is 1 / (latency with every device awake); at exactly that rate the alignment of frame starts to
  // the DRAM clock can add a fraction of a ns, so the column uses the rate 0.1 % below, to 3 significant digits.
  const baselineMaxFps = Number(((probe[0]?.maxFps ?? spec.maxFps) * 0.999).toPrecision(3));
  const swept = [...new Set([...rates, baselineMaxFps])].sort((a, b) => a - b);
  const rows = await runSweep({ ...grid, fps: swept }, opts);
  return { rows, baselineMaxFps, rates: swept };
}


/** The ratio of the baseline (best DRAM policy) to each eNVM system at `rates`, with its sensitivity band (ratio-band.ts). */
export function comparisonBands(spec: ComparisonSpec, rates: readonly number[]): RatioBand[] {
  const baseline = withDramIdlePolicy(loadArchConfig(spec.baselineArch), 'best');
  return ratioBands(baseline, spec.envmArchs.map((f) => loadArchConfig(f)), loadTrace(spec.trace), rates, spec.seed);
}

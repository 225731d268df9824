import type { CommandModule } from 'yargs';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadArchConfig } from '../../config/arch-config.js';
import { comparisonTable } from '../../report/comparison-table.js';
import { bandTable } from '../../report/band-table.js';
import { BAND_JSON, bandFile } from '../../report/band-file.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import { writeReport } from '../../report/html/write-report.js';
import { comparisonBands, runComparison, type ComparisonSpec } from '../../system/comparison.js';
import { progressReporter, type ProgressStream } from '../../system/sweep/progress.js';
import { si, textTable } from '../../util/format.js';
import { simulate, type SimulationResult } from '../../system/simulate.js';
import { loadTrace } from '../../workload/load-trace.js';
import { dramPolicyLabel } from '../../report/dram-policy-label.js';
import type { CliIo } from '../io.js';

/**
 * `npm start`: the main job. Part 1, the NVDLA + LPDDR4 baselines on dense
 * ResNet-50 v1.5; part 2, the MaxNVM comparison on pruned ResNet-50.
 */
const BASELINES = ['arch-configs/nvdla-full-lpddr4.json', 'arch-configs/nvdla-small-lpddr4.json'];
const DENSE_TRACE = 'traces/resnet50-v1.5.json';
const BASELINE_RATES = [1, 10, 30];

function baselineSummary(): string {
  const trace = loadTrace(DENSE_TRACE);
  const rows: string[][] = [];
  const lines: string[] = [`NVDLA + LPDDR4 baselines on ${trace.name} (dense int8), each under its config's DRAM idle policy`];
  const notes: string[] = [];
  for (const file of BASELINES) {
    const config = loadArchConfig(file);
    const r = simulate(config, trace, { fps: BASELINE_RATES, frames: 3, seed: 1 });
    rows.push(...baselineRows(r, config.nvdla.macAtomicC * config.nvdla.macAtomicK, config.dram?.idlePolicy));
    if (!r.feasible) notes.push(`${r.arch.name} is infeasible: ${r.reason}`);
    else if (r.points.some((p) => !p.feasible)) notes.push(`infeasible (${r.arch.name}): one inference takes ${si(r.inference.time_s, 's')}, longer than the frame period`);
  }
  lines.push(textTable(['system', 'DRAM policy', 'latency', 'max fps', 'MAC util.', 'fps', 'avg power', 'energy/inference'], rows), ...notes);
  return `${lines.join('\n')}\n`;
}

/** Rows of one baseline; an infeasible rate says only "infeasible" (the reason goes below the table, not into a column). */
export function baselineRows(r: SimulationResult, arrayMacs: number, dramIdlePolicy: string | undefined): string[][] {
  const policy = dramPolicyLabel(dramIdlePolicy);
  if (!r.feasible) return [[r.arch.name, policy, '-', '-', '-', '-', 'infeasible', '-']];
  // Network MACs per MAC-array cycle over the whole inference.
  const util = r.trace.macs / (r.inference.cycles * arrayMacs);
  return r.points.map((p, i) => [
    i === 0 ? r.arch.name : '',
    i === 0 ? policy : '',
    i === 0 ? si(r.inference.time_s, 's') : '',
    i === 0 ? r.inference.maxFps.toFixed(1) : '',
    i === 0 ? `${(100 * util).toFixed(0)} %` : '',
    String(p.fps),
    p.feasible ? si(p.power_W, 'W') : 'infeasible',
    p.feasible ? si(p.energy_J, 'J') : '-',
  ]);
}


/** The MaxNVM comparison and how it depends on the frame rate: pruned, clustered ResNet-50 v1.5. */
export const COMPARISON: ComparisonSpec = {
  baselineArch: 'arch-configs/nvdla-full-lpddr4.json',
  // The densest storage the fault study found safe (`maxnvm faults --study`), in RRAM and in CTT.
  envmArchs: ['arch-configs/maxnvm-rram-safe-csr4.json', 'arch-configs/maxnvm-ctt-safe-csr4.json'],
  trace: 'traces/resnet50-v1.5-str81-c16.json',
  policies: ['standby', 'power-down', 'self-refresh', 'off', 'best'],
  minFps: 0.1,
  maxFps: 400,
  rateCount: 40,
  tableRates: [0.1, 1, 10, 30],
  seed: 1,
};
const OUT = 'out/main';

/** One inference with every device awake: the frame-rate-independent part of the comparison. */
function activeInferenceTable(): string {
  const trace = loadTrace(COMPARISON.trace);
  const results = [COMPARISON.baselineArch, ...COMPARISON.envmArchs].map((f) => simulate(loadArchConfig(f), trace, { fps: [], frames: 1, seed: 1 }));
  const base = results[0];
  const baseE = base?.feasible === true ? base.inference.energy_J : NaN;
  const rows = results.map((r) =>
    r.feasible
      ? [r.arch.name, si(r.inference.time_s, 's'), si(r.inference.energy_J, 'J'), `${(baseE / r.inference.energy_J).toFixed(2)}×`, r.area_mm2.toFixed(2)]
      : [r.arch.name, '-', '-', '-', `infeasible: ${r.reason}`],
  );
  return `One inference of ${trace.name}, every device awake (no idle time)\n${textTable(['system', 'latency', 'energy', 'baseline / system', 'on-chip area mm²'], rows)}\n`;
}

async function comparisonSummary(progress: ProgressStream): Promise<string> {
  rmSync(OUT, { recursive: true, force: true });
  const result = await runComparison(COMPARISON, { out: OUT, progress: (points, units) => progressReporter(points, units, progress) });
  const baseline = loadArchConfig(COMPARISON.baselineArch).name;
  // The ratio and its band at every swept rate (band.json, the report's band plot); the table shows the
  // table rates and the baseline's maximum.
  const bands = comparisonBands(COMPARISON, result.rates);
  const tableRates = [...COMPARISON.tableRates, result.baselineMaxFps];
  writeFileAtomic(join(OUT, BAND_JSON), `${JSON.stringify(bandFile(bands, tableRates), null, 2)}\n`);
  const report = await writeReport(OUT, { baseline: `${baseline}:best`, rates: COMPARISON.tableRates });
  const fpsLabel = (f: number): string => (f === result.baselineMaxFps ? `max ${f}` : String(f));
  return (
    `MaxNVM comparison on ${COMPARISON.trace}: NVDLA nv_full + LPDDR4 under each DRAM idle policy vs NVDLA + MLC eNVM weights\n` +
    `× = the baseline's power under its best idle policy / the system's power at the same rate. At one rate, power = energy per frame × rate,\n` +
    `so the power ratio and the energy-per-frame ratio are the same number; they differ only between different rates.\n` +
    `${comparisonTable(result, baseline, COMPARISON.tableRates)}\n\n` +
    `The MaxNVM ratio and its sensitivity band\n${bandTable(bands, fpsLabel, tableRates)}\n` +
    `The band at every swept rate: ${OUT}/plots/ratio-band.svg (and ${OUT}/${BAND_JSON})\n` +
    `sweep, plots and report written to ${OUT}/ (${report.plots.length} plots, ${report.reportPath})\n`
  );
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const mainCommand = (io: CliIo): CommandModule => ({
  handler: async () => {
    io.stdout.write(baselineSummary());
    io.stdout.write('\n');
    io.stdout.write(activeInferenceTable());
    io.stdout.write('\n');
    io.stdout.write(await comparisonSummary(io.stderr));
  },
});

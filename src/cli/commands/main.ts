import type { CommandModule } from 'yargs';
import { loadArchConfig, withDramIdlePolicy } from '../../config/arch-config.js';
import { si, textTable } from '../../report/format.js';
import { simulate, type SimulationResult } from '../../system/simulate.js';
import { loadTrace } from '../../workload/load-trace.js';

/**
 * `npm start`: the main job. Part 1, the NVDLA + LPDDR4 baselines on dense
 * ResNet-50 v1.5; part 2, the MaxNVM comparison on pruned ResNet-50.
 */
const BASELINES = ['arch-configs/nvdla-full-lpddr4.json', 'arch-configs/nvdla-small-lpddr4.json'];
const DENSE_TRACE = 'traces/resnet50-v1.5.json';
const BASELINE_RATES = [1, 10, 30];

export function baselineSummary(): string {
  const trace = loadTrace(DENSE_TRACE);
  const rows: string[][] = [];
  const lines: string[] = [`NVDLA + LPDDR4 baselines on ${trace.name} (dense int8), DRAM idle policy from each config`];
  for (const file of BASELINES) {
    const r = simulate(loadArchConfig(file), trace, { fps: BASELINE_RATES, frames: 3, seed: 1 });
    rows.push(...baselineRows(r));
  }
  lines.push(textTable(['system', 'latency', 'max fps', 'MAC util.', 'fps', 'avg power', 'energy/inference'], rows));
  return `${lines.join('\n')}\n`;
}

function baselineRows(r: SimulationResult): string[][] {
  if (!r.feasible) return [[r.arch.name, '-', '-', '-', '-', '-', `infeasible: ${r.reason}`]];
  const util = r.trace.macs / (r.inference.cycles * macsPerCycle(r));
  return r.points.map((p, i) => [
    i === 0 ? r.arch.name : '',
    i === 0 ? si(r.inference.latency_s, 's') : '',
    i === 0 ? r.inference.maxFps.toFixed(1) : '',
    i === 0 ? `${(100 * util).toFixed(0)} %` : '',
    String(p.fps),
    p.feasible ? si(p.power_W, 'W') : '-',
    p.feasible ? si(p.energy_per_inference_J, 'J') : 'infeasible: latency > frame period',
  ]);
}

function macsPerCycle(r: SimulationResult & { feasible: true }): number {
  // Utilization over the whole inference: MACs / (cycles × array size); the array size is MACs per cycle at 100 %.
  const conv = r.layers.find((l) => l.macs > 0 && l.mac_utilization > 0);
  return conv === undefined ? 1 : conv.macs / (conv.cycles * conv.mac_utilization);
}

/** Systems of the MaxNVM comparison: the baseline under each idle policy, and MLC eNVM systems. */
const COMPARISON_TRACE = 'traces/resnet50-v1.5-str81-c16.json';
const COMPARISON_BASELINE = 'arch-configs/nvdla-full-lpddr4.json';
const COMPARISON_POLICIES = ['standby', 'power-down', 'self-refresh', 'off', 'best'] as const;
const COMPARISON_ENVM = [
  'arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json',
  'arch-configs/maxnvm-ctt-3bpc-bitmask-ecc-idxsync.json',
];
const COMPARISON_RATES = [0.1, 1, 10, 30];

export function comparisonSummary(): string {
  const trace = loadTrace(COMPARISON_TRACE);
  const base = loadArchConfig(COMPARISON_BASELINE);
  const results: { label: string; r: SimulationResult }[] = [];
  for (const policy of COMPARISON_POLICIES) {
    results.push({ label: `${base.name} (${policy})`, r: simulate(withDramIdlePolicy(base, policy), trace, { fps: COMPARISON_RATES, frames: 3, seed: 1 }) });
  }
  for (const file of COMPARISON_ENVM) {
    const cfg = loadArchConfig(file);
    results.push({ label: cfg.name, r: simulate(cfg, trace, { fps: COMPARISON_RATES, frames: 3, seed: 1 }) });
  }
  const best = results.find((x) => x.label.endsWith('(best)'))?.r;
  const header = ['system', 'area mm²', 'max fps', ...COMPARISON_RATES.flatMap((f) => [`${f} fps power`, 'energy/inf.', '× best DRAM'])];
  const rows = results.map(({ label, r }) => {
    if (!r.feasible) return [label, '-', '-', ...COMPARISON_RATES.flatMap(() => ['-', '-', '-'])];
    return [
      label,
      r.area_mm2.total.toFixed(2),
      r.inference.maxFps.toFixed(0),
      ...r.points.flatMap((p, i) => {
        const b = best?.feasible === true ? best.points[i] : undefined;
        if (!p.feasible) return ['infeasible', '-', '-'];
        const ratio = b?.feasible === true ? (b.power_W / p.power_W).toFixed(2) : '-';
        return [si(p.power_W, 'W'), si(p.energy_per_inference_J, 'J'), ratio];
      }),
    ];
  });
  return `MaxNVM comparison on ${trace.name}: NVDLA nv_full + LPDDR4 under each DRAM idle policy vs NVDLA + MLC eNVM weights\n${textTable(header, rows)}\n`;
}

export const mainCommand: CommandModule = {
  command: 'main',
  describe: 'The main job (npm start): NVDLA + LPDDR4 baselines, then the MaxNVM comparison',
  handler: () => {
    process.stdout.write(baselineSummary());
    process.stdout.write('\n');
    process.stdout.write(comparisonSummary());
  },
};

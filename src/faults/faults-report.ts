/**
 * Text and CSV forms of `maxnvm faults` results (JSON is the report objects
 * themselves). Tables are for people; CSV columns carry units in their names.
 */

import { toCsv } from '../util/csv.js';
import { toJson } from '../util/atomic-write.js';
import { grouped, textTable } from '../util/format.js';
import { describeChoice } from '../sizing/choice-label.js';
import type { FaultsReport } from './faults-run.js';
import type { SearchReport } from './search-run.js';
import type { WeightErrorStats } from './inject/weight-errors.js';

const pct = (share: number, digits = 2): string => (Number.isFinite(share) ? `${(100 * share).toFixed(digits)} %` : '-');
const num = (v: number, digits = 2): string => (Number.isFinite(v) ? v.toLocaleString('en-US', { maximumFractionDigits: digits }) : '-');
const rate = (v: number): string => (v === 0 ? '0' : Number.isFinite(v) ? v.toExponential(2) : '-');

function modeText(r: { mode: FaultsReport['mode'] }): string {
  return r.mode.kind === 'sampled' ? 'sampled faults (each cell at its level\'s rate)' : `exactly ${r.mode.count} faulty cells per trial`;
}

function errorRow(name: string, s: WeightErrorStats, faultyCells: number): string[] {
  return [name, grouped(s.weights), num(s.changed), num(s.misplaced), num(s.zeroToNonZero), num(s.nonZeroToZero), num(s.maxAbsError_lsb), s.meanAbsError_lsb.toExponential(2), num(faultyCells)];
}

const ERROR_HEADER = ['layer', 'weights', 'changed', 'misplaced', 'zero→non-0', 'non-0→zero', 'max |err| LSB', 'mean |err| LSB', 'faulty cells'];

export function faultsTable(r: FaultsReport): string {
  const lines: string[] = [];
  const net = r.network.kind === 'trace' ? `trace ${r.network.name} (${r.network.file}), synthetic weights` : r.network.description;
  lines.push(`maxnvm faults: ${net}`);
  lines.push(`fault model: ${r.faultModel.name}, ${r.faultModel.mapping} level mapping; ${modeText(r)}; ${r.trials} trials, seed ${r.seed}`);
  lines.push(`storage: ${describeChoice(r.choice)}`, '');
  const byStream = r.weightErrors.meanFaultyCellsByStream;
  lines.push(
    textTable(
      ['stream', 'bits', 'bits/cell', 'cells', 'fault rate/cell', 'faulty cells/trial'],
      [
        ...r.storage.streams.map((s) => [s.stream, grouped(s.bits), String(s.bitsPerCell), grouped(s.cells), rate(s.cellFaultRate), num(byStream[s.stream] ?? 0)]),
        ['total', '', '', grouped(r.storage.totalCells), '', num(r.meanFaultyCells)],
      ],
    ),
    '',
  );
  const conf = `${100 * r.confidence} %`;
  if (r.cleanAccuracy !== undefined && r.accuracy !== undefined) {
    const c = r.cleanAccuracy;
    const a = r.accuracy;
    if (r.floatAccuracy !== undefined) lines.push(`accuracy, float model as given: ${pct(r.floatAccuracy)}`);
    lines.push(`accuracy, fault-free: ${pct(c.share)} (${conf} Wilson interval ${pct(c.low)} .. ${pct(c.high)} on ${grouped(c.total)} test images)`);
    lines.push(`accuracy, with faults: ${pct(a.mean)} (${conf} t interval ${pct(a.low)} .. ${pct(a.high)} over ${r.trials} trials)`);
    lines.push(`accuracy loss: ${a.accuracyLoss_pp.toFixed(2)} pp (fault-free minus the lower end of the interval)`);
  } else {
    lines.push(`accuracy: NOT MEASURED. ${r.accuracyNote ?? ''}`);
  }
  lines.push('', 'weight errors per trial (mean over trials; max |err|: the largest in any trial; errors in int8 LSB):');
  const w = r.weightErrors;
  const rows = w.layers.map((l) => errorRow(l.layer, l.stats, l.meanFaultyCells));
  lines.push(textTable(ERROR_HEADER, [...rows, errorRow('total', w.total, r.meanFaultyCells)]));
  if (r.choice.ecc !== undefined) {
    lines.push('', `ECC: ${num(w.meanEccCorrectedWords)} words corrected and ${num(w.meanEccUncorrectableWords)} uncorrectable per trial`);
  }
  return `${lines.join('\n')}\n`;
}

const ERROR_COLUMNS = ['layer', 'weights', 'changed', 'misplaced', 'zeroToNonZero', 'nonZeroToZero', 'maxAbsError_lsb', 'meanAbsError_lsb', 'faultyCells'];

/** One row per layer and a total row: mean weight errors per trial. */
export function faultsCsv(r: FaultsReport): string {
  const row = (layer: string, s: WeightErrorStats, faultyCells: number): Record<string, number | string> => ({ layer, ...s, faultyCells });
  return toCsv(ERROR_COLUMNS, [...r.weightErrors.layers.map((l) => row(l.layer, l.stats, l.meanFaultyCells)), row('total', r.weightErrors.total, r.meanFaultyCells)]);
}

function settingText(b: Readonly<Record<string, number | undefined>>): string {
  return Object.entries(b)
    .map(([s, v]) => `${s} ${v}`)
    .join(', ');
}

export function searchTable(r: SearchReport): string {
  const lines: string[] = [];
  lines.push(`maxnvm faults --search: ${r.network.description}, fault model ${r.faultModel}, ${r.trials} trials per step, seed ${r.seed}`);
  lines.push(`base: ${describeChoice(r.base)}`);
  lines.push(`fault-free accuracy ${pct(r.cleanAccuracy.share)}; tolerance ${r.tolerance_pp} pp on (fault-free − lower end of the ${100 * r.confidence} % t interval)`);
  lines.push(`streams searched in this order, each from 1 bit per cell up, the others held: ${r.search.order.join(', ')}`, '');
  lines.push(
    textTable(
      ['step', 'stream raised', 'bits per cell tried', 'accuracy', 'interval', 'loss pp', 'accepted'],
      r.search.steps.map((s, i) => [
        String(i),
        s.stream ?? '(start)',
        settingText(s.bitsPerCell),
        pct(s.accuracy.mean),
        `${pct(s.accuracy.low)} .. ${pct(s.accuracy.high)}`,
        s.accuracyLoss_pp.toFixed(2),
        s.accepted ? 'yes' : 'no',
      ]),
    ),
    '',
  );
  if (!r.search.meetsTolerance) lines.push('NO setting meets the tolerance: even every stream at 1 bit per cell loses too much accuracy.', '');
  lines.push(`found: ${describeChoice(r.search.choice)}; ${grouped(r.storage.totalCells)} cells for the MNIST model`, '');
  lines.push('choices file (maxnvm size --choices FILE):', toJson(r.choicesFile).trimEnd(), '');
  lines.push('arch config block (paste into the config):', toJson({ weightStorage: r.weightStorage }).trimEnd());
  return `${lines.join('\n')}\n`;
}

/** One row per search step; accuracies are fractions 0..1, named so (search.json keeps accuracy.mean, .low, .high). */
export function searchCsv(r: SearchReport): string {
  const columns = ['step', 'stream', 'bitsPerCell', 'accuracy_fraction', 'accuracyLow_fraction', 'accuracyHigh_fraction', 'accuracyLoss_pp', 'accepted'];
  return toCsv(
    columns,
    r.search.steps.map((s, i) => ({
      step: i,
      stream: s.stream ?? 'start',
      bitsPerCell: settingText(s.bitsPerCell),
      accuracy_fraction: s.accuracy.mean,
      accuracyLow_fraction: s.accuracy.low,
      accuracyHigh_fraction: s.accuracy.high,
      accuracyLoss_pp: s.accuracyLoss_pp,
      accepted: s.accepted,
    })),
  );
}

import { tableCsv } from '../../util/columns.js';
import { MEASUREMENT_FIELDS } from '../measurement.js';
import type { SweepRow } from './sweep-row.js';

/** The context fields first (a grid's config keys after the DRAM policy), then the measurement's, then area. */
const SWEEP_FIELDS = ['system', 'archFile', 'trace', 'traceFile', 'dramPolicy', 'set', 'fps', 'maxFps', 'period_s', 'latency_s', 'framesMeasured', 'events', ...MEASUREMENT_FIELDS, 'area_mm2', 'areaByComponent_mm2'];

/**
 * sweep.csv: one line per point, every column named by the one naming rule
 * (src/util/columns.ts: camelCase, the unit at the end), except a grid's config
 * keys, which keep the key as written (`nvdla.macAtomicK`; no other column has
 * a dot). Map columns (energy by component, residency by power state, ...) come
 * in the order their keys first appear in the sweep's rows (the rows are in
 * the grid's canonical order, so the columns are the same for the same sweep
 * however it was run).
 */
export function sweepCsv(rows: readonly SweepRow[]): string {
  return tableCsv(rows, { order: SWEEP_FIELDS, verbatim: ['set'] });
}

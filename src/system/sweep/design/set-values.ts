import { UserError } from '../../../errors.js';
import { linearSpaced, logSpaced } from '../../../util/spacing.js';
import { checkValue, configKey, expectedOf, type ConfigKey, type GridValue } from './config-keys.js';

/**
 * The values of one grid axis, as `--set KEY=SPEC` gives them:
 *   8,16,32        a list (numbers, true/false or words, as the key's type says)
 *   5:20:4         4 values evenly spaced from 5 to 20 (5, 10, 15, 20)
 *   log:8:128:5    5 values evenly spaced in log scale (8, 16, 32, 64, 128)
 * Ranges include both ends; log values are rounded to 6 significant digits,
 * linear ones to 12 (so 0.1:0.3:3 gives 0.2, not 0.20000000000000004).
 */

export interface GridAxis {
  key: string;
  values: GridValue[];
}

/** Most values on one axis: the grid's point bound (MAX_GRID_POINTS) applies to the product anyway; this stops a typo early. */
export const MAX_AXIS_VALUES = 10_000;

/** Parse `KEY=SPEC` (one `--set`), checking the key and every value against the config schema. */
export function parseSetFlag(text: string): GridAxis {
  const eq = text.indexOf('=');
  if (eq <= 0) {
    throw new UserError(`--set "${text}": expected KEY=VALUES`, {
      jsonPath: '--set',
      expected: 'KEY=VALUES, e.g. --set nvdla.macAtomicK=8,16,32 or --set memoryPort.peakBandwidth_GBps=5:20:4',
      suggestion: 'ranges: a:b:n (linear) or log:a:b:n',
    });
  }
  const key = text.slice(0, eq).trim();
  const where = `--set ${key}`;
  const k = configKey(key, where);
  return { key, values: checkedValues(k, parseSpec(k, text.slice(eq + 1).trim(), where), where) };
}

/** Check an axis's values (a grid file's list, or parsed text): each valid for the key, at least one, no repeats. */
export function checkedValues(k: ConfigKey, values: readonly GridValue[], where: string): GridValue[] {
  if (values.length === 0) throw new UserError(`${where}: no values`, { jsonPath: where, expected: `at least one value: ${expectedOf(k)}` });
  if (values.length > MAX_AXIS_VALUES) throw new UserError(`${where}: ${values.length} values, more than ${MAX_AXIS_VALUES}`, { jsonPath: where, expected: `at most ${MAX_AXIS_VALUES} values per key (a sanity bound)` });
  for (const v of values) checkValue(k, v, where);
  const seen = new Set<string>();
  for (const v of values) {
    const id = JSON.stringify(v);
    if (seen.has(id)) throw new UserError(`${where}: value ${id} is given twice`, { jsonPath: where, expected: 'each value once (a repeated value repeats every design that uses it)', suggestion: 'remove the repeat' });
    seen.add(id);
  }
  return [...values];
}

function parseSpec(k: ConfigKey, spec: string, where: string): GridValue[] {
  const numeric = k.types.has('number') || k.types.has('integer');
  if (numeric && spec.includes(':')) return parseRange(k, spec, where);
  if (spec === '') throw new UserError(`${where}: no values after "="`, { jsonPath: where, expected: `comma-separated values: ${expectedOf(k)}` });
  return spec.split(',').map((item) => scalarOf(k, item.trim(), where));
}

/** One list item as the key's type reads it: a number for numeric keys, true/false for booleans, else the word. */
export function scalarOf(k: ConfigKey, item: string, where: string): GridValue {
  if (item === '') throw new UserError(`${where}: empty value in the list`, { jsonPath: where, expected: `comma-separated values: ${expectedOf(k)}`, suggestion: 'remove the stray comma' });
  if ((k.types.has('number') || k.types.has('integer')) && item.trim() !== '' && Number.isFinite(Number(item))) return Number(item);
  if (k.types.has('boolean') && (item === 'true' || item === 'false')) return item === 'true';
  if (k.types.has('string')) return item;
  throw new UserError(`${where}: "${item}" is not a value of ${k.key}`, { jsonPath: where, expected: expectedOf(k), suggestion: k.types.has('boolean') ? 'use true or false' : 'give numbers, e.g. 8,16,32' });
}

function parseRange(k: ConfigKey, spec: string, where: string): GridValue[] {
  const log = spec.startsWith('log:');
  const parts = (log ? spec.slice(4) : spec).split(':').map((s) => (s.trim() === '' ? NaN : Number(s)));
  const [from, to, count] = parts;
  if (parts.length !== 3 || from === undefined || to === undefined || count === undefined || parts.some((p) => !Number.isFinite(p))) {
    throw rangeError(k, `"${spec}"`, 'not three numbers separated by ":"', log, where);
  }
  return rangeValues(k, { from, to, count, scale: log ? 'log' : 'linear' }, `"${spec}"`, where);
}

/** A range as a grid file writes it: `count` values from `from` to `to`, both included. */
export interface RangeSpec {
  from: number;
  to: number;
  count: number;
  scale?: 'linear' | 'log';
}

/** The values of a range, checked: a whole count >= 2, from < to (> 0 for log), whole values for integer keys. */
export function rangeValues(k: ConfigKey, r: RangeSpec, shown: string, where: string): GridValue[] {
  const log = r.scale === 'log';
  const bad = (why: string): UserError => rangeError(k, shown, why, log, where);
  if (!Number.isInteger(r.count) || r.count < 2) throw bad('the count must be a whole number >= 2');
  if (r.count > MAX_AXIS_VALUES) throw bad(`count ${r.count} is more than ${MAX_AXIS_VALUES}`);
  if (!(r.from < r.to)) throw bad('the start must be below the end');
  if (log && r.from <= 0) throw bad('a log range needs a start > 0');
  const values = log ? logSpaced(r.from, r.to, r.count) : linearSpaced(r.from, r.to, r.count);
  if (k.types.has('integer') && !k.types.has('number')) {
    const frac = values.find((v) => !Number.isInteger(v));
    if (frac !== undefined) throw bad(`${k.key} takes whole numbers, and the range gives ${frac}`);
  }
  return values;
}

function rangeError(k: ConfigKey, shown: string, why: string, log: boolean, where: string): UserError {
  return new UserError(`${where}: range ${shown}: ${why}`, {
    jsonPath: where,
    expected: `${log ? 'log:a:b:n with 0 < a < b' : 'a:b:n with a < b'} and a whole count n >= 2, values ${expectedOf(k)}`,
    suggestion: log ? 'e.g. log:8:128:5 gives 8,16,32,64,128' : 'e.g. 5:20:4 gives 5,10,15,20; or list the values: 8,16,32',
  });
}

import { toCsv, type CsvValue } from './csv.js';

/**
 * The one naming rule of machine outputs (result schema 2): a key is camelCase
 * with its SI unit as a `_unit` suffix (`macUtilization`, `energy_J`,
 * `energyByComponent_J`). A CSV column is the JSON path of its value joined in
 * camelCase, with the unit at the end: `energyByTerm_J.nvdla.cbuf_read` is
 * `energyByTermNvdlaCbufRead_J`, `stats.memoryPort.portBusy_s` is
 * `statsMemoryPortPortBusy_s`. Keys inside maps (components, energy terms,
 * power states) are names, camelCased where they join a column.
 */

/** Unit suffixes a key may carry (SI and the few derived units the outputs use). */
const UNITS = new Set(['J', 's', 'W', 'B', 'mm2', 'ns', 'ps', 'mW', 'uW', 'pJ', 'GBps', 'Bps', 'GHz', 'Hz']);

/** A key split into its name and its unit suffix (absent for counts, fractions and names). */
export function splitUnit(key: string): { name: string; unit?: string } {
  const i = key.lastIndexOf('_');
  if (i > 0 && UNITS.has(key.slice(i + 1))) return { name: key.slice(0, i), unit: key.slice(i + 1) };
  return { name: key };
}

/** `self_refresh` → `selfRefresh`, `full-input` → `fullInput`. */
export function camel(word: string): string {
  return word.replace(/[-_. ]+([a-zA-Z0-9])/g, (_m, c: string) => c.toUpperCase());
}

const capital = (w: string): string => w.charAt(0).toUpperCase() + w.slice(1);

/** The column of the value at `path` (a field, then map keys): camelCase joined, the innermost unit at the end. */
export function columnOf(path: readonly string[]): string {
  let unit: string | undefined;
  const words = path.map((seg, i) => {
    const s = splitUnit(seg);
    if (s.unit !== undefined) unit = s.unit;
    const w = camel(s.name);
    return i === 0 ? w : capital(w);
  });
  return `${words.join('')}${unit === undefined ? '' : `_${unit}`}`;
}

export interface FlattenOptions {
  /** Top-level fields in the order their columns come (the schema's order); others follow as they appear. */
  order?: readonly string[];
  /** Fields whose keys are columns as they are (a grid's config keys, `nvdla.macAtomicK`). */
  verbatim?: readonly string[];
}

/** One record's columns and values in order, each with the top-level field it comes from; lists have no column. */
export function flatten(record: object, opts: FlattenOptions = {}): [string, CsvValue, string][] {
  const out: [string, CsvValue, string][] = [];
  const walk = (field: string, path: string[], v: unknown): void => {
    if (Array.isArray(v)) return;
    if (typeof v === 'object' && v !== null) {
      for (const [k, x] of Object.entries(v)) walk(field, [...path, k], x);
      return;
    }
    out.push([columnOf(path), v as CsvValue, field]);
  };
  for (const [k, v] of Object.entries(record)) {
    if (opts.verbatim?.includes(k) === true && typeof v === 'object' && v !== null) {
      for (const [sk, sv] of Object.entries(v)) out.push([sk, sv as CsvValue, k]);
    } else walk(k, [k], v);
  }
  return out;
}

/**
 * Rows of records as CSV columns and records: the columns are every record's,
 * grouped by top-level field in the order of `opts.order` (then the others),
 * and within a field in order of first appearance, so the same rows give the
 * same columns however they were produced. Two paths that name one column are
 * a bug.
 */
export function table(records: readonly object[], opts: FlattenOptions = {}): { columns: string[]; rows: Record<string, CsvValue>[] } {
  const flat = records.map((r) => flatten(r, opts));
  const fieldOf = new Map<string, string>();
  const fields: string[] = [];
  for (const cols of flat) {
    for (const [c, , f] of cols) {
      if (fieldOf.has(c)) continue;
      fieldOf.set(c, f);
      if (!fields.includes(f)) fields.push(f);
    }
  }
  const rank = (f: string): number => {
    const i = opts.order?.indexOf(f) ?? -1;
    return i < 0 ? (opts.order?.length ?? 0) + fields.indexOf(f) : i;
  };
  const columns = [...fieldOf.keys()].map((c, i) => ({ c, i })).sort((a, b) => rank(fieldOf.get(a.c) ?? '') - rank(fieldOf.get(b.c) ?? '') || a.i - b.i).map((x) => x.c);
  const rows = flat.map((cols) => {
    const rec: Record<string, CsvValue> = {};
    for (const [c, v] of cols) {
      if (c in rec) throw new Error(`column ${c} named twice by one record`);
      rec[c] = v;
    }
    return rec;
  });
  return { columns, rows };
}

/** `table` written as CSV. */
export function tableCsv(records: readonly object[], opts: FlattenOptions = {}): string {
  const { columns, rows } = table(records, opts);
  return toCsv(columns, rows);
}

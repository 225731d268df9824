import { UserError } from '../../errors.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';

type Kind = 'string' | 'number' | 'boolean' | 'number|null' | 'record';

/** The fields of SweepRow that the plots and the report read, and their JSON types. */
const FIELDS: readonly [string, Kind][] = [
  ['system', 'string'],
  ['trace', 'string'],
  ['dramPolicy', 'string'],
  ['fps', 'number'],
  ['feasible', 'boolean'],
  ['maxFps', 'number'],
  ['area_mm2', 'number|null'],
  ['areaByComponent_mm2', 'record'],
];
/** And those of a feasible row's measurement (an infeasible row has its reason instead). */
const MEASURED: readonly [string, Kind][] = [
  ['power_W', 'number'],
  ['energy_J', 'number'],
  ['energyByComponent_J', 'record'],
];

function isKind(v: unknown, kind: Kind): boolean {
  switch (kind) {
    case 'number':
      return typeof v === 'number' && Number.isFinite(v);
    case 'number|null':
      return v === null || (typeof v === 'number' && Number.isFinite(v));
    case 'record':
      return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'number' && Number.isFinite(x));
    default:
      return typeof v === kind;
  }
}

/** A component → key → number object, or nothing: the report only displays these. */
function nestedOr(v: unknown): Record<string, Record<string, number>> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => isKind(x, 'record')) ? (v as Record<string, Record<string, number>>) : {};
}

/**
 * The rows of a sweep.json: either an array of SweepRow or an object with a
 * `rows` array. Checks every field the report reads, so a malformed file is a
 * UserError naming the row and field, not a crash inside the plotting code.
 * Optional fields the report only displays (reason, latency_s, archFile,
 * traceFile, period_s, residency_s, stateEnergy_J, energyByTerm_J, stats) get neutral defaults when absent.
 */
export function checkSweepRows(value: unknown, file: string): SweepRow[] {
  const isObj = typeof value === 'object' && value !== null && !Array.isArray(value);
  const list: unknown = isObj ? (value as { rows?: unknown }).rows : value;
  const base = isObj ? '/rows' : '';
  if (!Array.isArray(list)) {
    throw new UserError('sweep.json holds no rows', {
      file,
      jsonPath: base,
      expected: 'an array of sweep rows, or an object with a "rows" array',
      suggestion: 'rerun maxnvm sweep --out DIR to rewrite it',
    });
  }
  return list.map((raw: unknown, i): SweepRow => {
    const at = `${base}/${i}`;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      throw new UserError(`row ${i} of sweep.json is not an object`, { file, jsonPath: at, expected: 'an object with system, fps, feasible, ...' });
    }
    const r = raw as Record<string, unknown>;
    for (const [key, kind] of [...FIELDS, ...(r.feasible === true ? MEASURED : [])]) {
      if (!isKind(r[key], kind)) {
        throw new UserError(`row ${i} of sweep.json: "${key}" is ${JSON.stringify(r[key]) ?? 'missing'}`, {
          file,
          jsonPath: `${at}/${key}`,
          expected: kind === 'record' ? 'an object of numbers' : kind.replace('|', ' or '),
          suggestion: 'rerun maxnvm sweep --out DIR to rewrite it',
        });
      }
    }
    const period = typeof r.period_s === 'number' ? r.period_s : 1 / (r.fps as number);
    return {
      ...(r as unknown as SweepRow),
      archFile: typeof r.archFile === 'string' ? r.archFile : '',
      traceFile: typeof r.traceFile === 'string' ? r.traceFile : '',
      period_s: period,
      latency_s: typeof r.latency_s === 'number' ? r.latency_s : null,
      ...(r.feasible === true
        ? { residency_s: nestedOr(r.residency_s), stateEnergy_J: nestedOr(r.stateEnergy_J), energyByTerm_J: nestedOr(r.energyByTerm_J), stats: nestedOr(r.stats) }
        : { reason: typeof r.reason === 'string' ? r.reason : '' }),
    } as SweepRow;
  });
}

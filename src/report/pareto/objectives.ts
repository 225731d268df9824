import { figureOf } from '../../system/measurement.js';
import { nearest, UserError } from '../../errors.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';

/**
 * Objectives of a Pareto front: sweep.csv columns that measure a design,
 * each minimized, or maximized with a `max:` prefix (`max:maxFps`).
 */

export interface Objective {
  /** The sweep.csv column. */
  column: ObjectiveColumn;
  /** Maximized instead of minimized. */
  maximize: boolean;
  /** "area_mm2" or "max:maxFps", as the user wrote it. */
  label: string;
}

/** The columns a front can use, and how to read each from a row (null: the row has no value). */
export const OBJECTIVE_COLUMNS = {
  area_mm2: (r: SweepRow) => r.area_mm2,
  energy_J: (r: SweepRow) => figureOf(r, 'energy_J'),
  latency_s: (r: SweepRow) => r.latency_s,
  power_W: (r: SweepRow) => figureOf(r, 'power_W'),
  maxFps: (r: SweepRow) => (r.feasible ? r.maxFps : null),
} as const satisfies Record<string, (r: SweepRow) => number | null>;

export type ObjectiveColumn = keyof typeof OBJECTIVE_COLUMNS;
const COLUMNS = Object.keys(OBJECTIVE_COLUMNS) as ObjectiveColumn[];

/** What each column is, for axis titles: quantity and unit. */
export const OBJECTIVE_AXES: Record<ObjectiveColumn, { quantity: string; unit: string }> = {
  area_mm2: { quantity: 'on-chip area', unit: 'mm²' },
  energy_J: { quantity: 'energy per inference', unit: 'J' },
  latency_s: { quantity: 'latency', unit: 's' },
  power_W: { quantity: 'average power', unit: 'W' },
  maxFps: { quantity: 'highest sustainable frame rate', unit: 'fps' },
};

/** Columns result schema 2 renamed (README, "Result schema 2"). */
const RENAMED: Record<string, ObjectiveColumn> = { energy_per_inference_J: 'energy_J', max_fps: 'maxFps' };

/** Parse `--objectives a,b[,c]`: two or three distinct columns, each optionally `max:`. */
export function parseObjectives(text: string): Objective[] {
  const items = text.split(',').map((s) => s.trim());
  const flag = '--objectives';
  if (items.length < 2 || items.length > 3 || items.some((s) => s === '')) {
    throw new UserError(`${flag} "${text}": give two or three objectives`, {
      jsonPath: flag,
      expected: `2 or 3 comma-separated columns of ${COLUMNS.join(', ')}, each minimized, or maximized as max:COLUMN`,
      suggestion: 'e.g. --objectives area_mm2,energy_J',
    });
  }
  const out = items.map((label): Objective => {
    const maximize = label.startsWith('max:');
    const name = maximize ? label.slice(4) : label.startsWith('min:') ? label.slice(4) : label;
    if (!(COLUMNS as string[]).includes(name)) {
      const near = RENAMED[name] ?? nearest(name, COLUMNS);
      throw new UserError(`${flag}: "${name}" is not an objective column`, {
        jsonPath: flag,
        expected: `one of ${COLUMNS.join(', ')} (optionally max:COLUMN)`,
        suggestion: near !== undefined ? `did you mean ${maximize ? 'max:' : ''}${near}?` : 'e.g. --objectives area_mm2,energy_J',
      });
    }
    return { column: name as ObjectiveColumn, maximize, label };
  });
  const names = out.map((o) => o.column);
  const twice = names.find((n, i) => names.indexOf(n) !== i);
  if (twice !== undefined) throw new UserError(`${flag}: ${twice} is given twice`, { jsonPath: flag, expected: 'distinct objectives', suggestion: 'drop the repeat' });
  return out;
}

/** The objective's value of a row, as minimized (negated when maximized); null when the row has none. */
export function minimizedValue(o: Objective, r: SweepRow): number | null {
  const v = OBJECTIVE_COLUMNS[o.column](r);
  if (v === null || !Number.isFinite(v)) return null;
  return o.maximize ? -v : v;
}

/** An SI-prefixed unit chosen for a plot axis, and the factor that converts base-unit values into it. */
export interface AxisUnit {
  /** e.g. "mW". */
  unit: string;
  /** Multiply a value in the base unit by this to express it in `unit`. */
  factor: number;
}

const PREFIXES: readonly [number, string][] = [
  [1, ''],
  [1e-3, 'm'],
  [1e-6, 'µ'],
  [1e-9, 'n'],
  [1e-12, 'p'],
];

/**
 * The largest prefix at which the largest value is at least 1 (0.0148 J →
 * mJ, so it reads 14.8), so axis labels are plain numbers under a unit in the
 * axis title. Values of 1 or more keep the base unit; no values → base unit.
 */
export function axisUnit(values: readonly number[], baseUnit: string): AxisUnit {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  if (max === 0) return { unit: baseUnit, factor: 1 };
  for (const [scale, prefix] of PREFIXES) {
    if (max >= scale) return { unit: `${prefix}${baseUnit}`, factor: 1 / scale };
  }
  const last = PREFIXES[PREFIXES.length - 1] as [number, string];
  return { unit: `${last[1]}${baseUnit}`, factor: 1 / last[0] };
}

/** A rate or other plain magnitude for labels: 4 significant digits, no trailing zeros (0.8943951 → "0.8944"). */
export function plainNumber(v: number): string {
  return String(Number(v.toPrecision(4)));
}

/** Decimal byte units for an axis: the largest of B, kB, MB, GB at which the largest value is at least 1. */
export function byteUnit(values: readonly number[]): AxisUnit {
  const max = values.reduce((m, v) => (Number.isFinite(v) ? Math.max(m, Math.abs(v)) : m), 0);
  for (const [scale, unit] of [[1e9, 'GB'], [1e6, 'MB'], [1e3, 'kB']] as const) if (max >= scale) return { unit, factor: 1 / scale };
  return { unit: 'B', factor: 1 };
}

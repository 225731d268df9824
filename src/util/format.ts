/** Human-readable number formatting for terminal tables (never for machine-readable outputs). */

const SI_PREFIXES: [number, string][] = [
  [1e12, 'T'], [1e9, 'G'], [1e6, 'M'], [1e3, 'k'], [1, ''], [1e-3, 'm'], [1e-6, 'µ'], [1e-9, 'n'], [1e-12, 'p'], [1e-15, 'f'],
];

/** 0.00123 W → "1.23 mW". */
export function si(value: number, unit: string, digits = 3): string {
  if (!Number.isFinite(value)) return '-';
  if (value === 0) return `0 ${unit}`;
  const abs = Math.abs(value);
  for (const [scale, prefix] of SI_PREFIXES) {
    if (abs >= scale) return `${(value / scale).toPrecision(digits)} ${prefix}${unit}`;
  }
  return `${value.toExponential(digits - 1)} ${unit}`;
}

/** Render rows as an aligned text table; numeric-looking cells are right-aligned. */
export function textTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const isNum = (s: string): boolean => /^[-+]?[\d.,]+(e[-+]?\d+)?(\s?\S*)?$/.test(s) && /\d/.test(s.charAt(0) === '-' ? s.charAt(1) : s.charAt(0));
  const fmt = (r: readonly string[]): string =>
    r.map((c, i) => (isNum(c) ? c.padStart(widths[i] ?? 0) : c.padEnd(widths[i] ?? 0))).join('  ').trimEnd();
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [fmt(header), sep, ...rows.map(fmt)].join('\n');
}

let enUs: Intl.NumberFormat | undefined;

/**
 * n.toLocaleString('en-US'), the same text: 1000000 → "1,000,000", 0.12345 → "0.123". Whole numbers are grouped
 * here: schema descriptions format hundreds of bounds while the modules load, and the first locale formatter
 * costs tens of milliseconds of a CLI start (toLocaleString also builds a new one per call).
 */
export function thousands(n: number): string {
  if (Number.isSafeInteger(n)) return `${n < 0 || Object.is(n, -0) ? '-' : ''}${String(Math.abs(n)).replace(/\B(?=(\d{3})+$)/g, ',')}`;
  enUs ??= new Intl.NumberFormat('en-US');
  return enUs.format(n);
}

/** Group digits: 4089184256 → "4,089,184,256". */
export function grouped(n: number): string {
  return thousands(Math.round(n));
}

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

/** Group digits: 4089184256 → "4,089,184,256". */
export function grouped(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

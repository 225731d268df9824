/** A GitHub-flavoured Markdown table; `align` is 'l' or 'r' per column. */
export function mdTable(header: readonly string[], rows: readonly (readonly string[])[], align: string): string {
  const sep = header.map((_, i) => (align[i] === 'r' ? '---:' : '---'));
  const line = (cells: readonly string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
  return [line(header), line(sep), ...rows.map(line)].join('\n');
}

/** Whole numbers with grouped digits; fixed decimals otherwise. */
export const int = (n: number): string => Math.round(n).toLocaleString('en-US');
export const fix = (n: number, digits: number): string => n.toFixed(digits);
/** fps with three significant figures at least one decimal below 100. */
export const fps = (n: number): string => (n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n.toFixed(2));
export const DASH = '—';

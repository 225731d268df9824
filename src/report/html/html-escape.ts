/** Escape text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

/** A table: header cells and rows of cells, all escaped; cells marked numeric are right-aligned. */
export function htmlTable(id: string, caption: string, header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const th = header.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join('');
  const body = rows
    .map((r) => `<tr>${r.map(td).join('')}</tr>`)
    .join('\n');
  return `<table id="${escapeHtml(id)}">\n<caption>${escapeHtml(caption)}</caption>\n<thead><tr>${th}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** A cell: plain text, or text with a class (num: right-aligned number; bad: an infeasible point) and a column span. */
export type Cell = string | { text: string; cls: 'num' | 'bad' | 'base'; span?: number };

function td(c: Cell): string {
  if (typeof c === 'string') return `<td>${escapeHtml(c)}</td>`;
  const span = c.span !== undefined && c.span > 1 ? ` colspan="${c.span}"` : '';
  return `<td class="${c.cls}"${span}>${escapeHtml(c.text)}</td>`;
}

export const num = (text: string): Cell => ({ text, cls: 'num' });

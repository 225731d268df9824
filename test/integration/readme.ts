import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { si } from '../../src/util/format.js';

/** Reading the documents' sections, tables and printed figures, for the tests that hold them against the code. */

/**
 * The text of one section of a markdown file: from the heading line that starts with `heading` ("## Model zoo",
 * "### Area:") to the next heading of the same or a higher level.
 */
export function docSection(file: string, heading: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const start = lines.findIndex((l) => l.startsWith(heading));
  if (start < 0) throw new Error(`${file} has no section "${heading}"`);
  const level = /^#+/.exec(heading)?.[0].length ?? 0;
  const next = lines.findIndex((l, i) => i > start && new RegExp(`^#{1,${level}} `).test(l));
  return lines.slice(start, next < 0 ? undefined : next).join('\n');
}

/** One `## ` section of the README. */
export function readmeSection(title: string): string {
  return docSection('README.md', `## ${title}`);
}

/** The body rows of a markdown table in a text (the first, or the first whose header starts so), as trimmed cells. */
export function tableRows(text: string, header = '|'): string[][] {
  const lines = text.split('\n');
  const head = lines.findIndex((l) => l.startsWith(header));
  if (head < 0) throw new Error(`no table with the header "${header}"`);
  const rows: string[][] = [];
  for (const line of lines.slice(head + 2)) {
    if (!line.startsWith('|')) break;
    rows.push(line.split('|').slice(1, -1).map((c) => c.trim()));
  }
  return rows;
}

const PREFIX: Record<string, number> = { '': 1, m: 1e-3, 'µ': 1e-6, n: 1e-9 };

/**
 * A figure as a document prints it ("1.64 ms", "0.78 ms", "2.03 mJ") agrees with a value in SI base units: the
 * value rounds to the printed digits (within half a unit of the last one).
 */
export function expectPrinted(printed: string | undefined, value: number, unit: 's' | 'J'): void {
  const m = new RegExp(`^(\\d+(?:\\.(\\d+))?) (m|µ|n|)${unit}$`).exec(printed ?? '');
  if (m === null) throw new Error(`"${printed}" is not a figure in ${unit}`);
  const scale = PREFIX[m[3]!]!;
  const halfDigit = 0.5 * 10 ** -(m[2]?.length ?? 0) * scale;
  expect(Math.abs(value - Number(m[1]) * scale), `printed ${printed}, computed ${si(value, unit, 4)}`).toBeLessThanOrEqual(halfDigit * (1 + 1e-9));
}


import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** Rows of a reference CSV (the header row gives the keys). Tests compare the builders to these files. */
export function readReferenceCsv(file: string): Record<string, string>[] {
  const path = fileURLToPath(new URL(`../../../reference/${file}`, import.meta.url));
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const keys = (header ?? '').split(',');
  return lines.map((line) => {
    const cells = line.split(',');
    return Object.fromEntries(keys.map((k, i) => [k, cells[i] ?? '']));
  });
}

import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runSize } from '../../../src/cli/commands/size.js';
import type { SizingReport } from '../../../src/sizing/size-choices.js';
import { choice, tempJson } from './helpers.js';

/** The table, JSON and CSV forms of one run over the shipped tiny trace, with a CTT choice and a budget. */
const TRACE = 'traces/tiny-conv.json';
const choices = tempJson('choices.json', {
  technology: 'RRAM',
  choices: [
    choice({ label: 'dense-slc', encoding: 'dense' }),
    choice({ label: 'bitmask-2b', encoding: 'bitmask', defaultBitsPerCell: 2, bitsPerCell: { mask: 1 }, ecc: { dataBits: 64, streams: ['mask'] } }),
    { ...choice({ label: 'csr-3b-ctt', encoding: 'csr', csrIndexBits: 4, defaultBitsPerCell: 3, idxSync: { interval: 16 } }), technology: 'CTT' },
  ],
});
/** Split one CSV line, honouring RFC 4180 quotes (the notes column holds commas). */
function csvFields(line: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        cur += '"';
        i++;
      }
      else if (ch === '"') quoted = false;
      else cur += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      out.push(cur);
      cur = '';
    }
    else cur += ch;
  }
  out.push(cur);
  return out;
}

const args = { trace: TRACE, choices, 'budget-cells': '1000' };

describe('size outputs', () => {
  const json = runSize({ ...args, format: 'json' });
  const report = JSON.parse(json.stdout) as SizingReport;

  it('JSON: one document with a choices array, identical on a rerun', () => {
    expect(runSize({ ...args, format: 'json' }).stdout).toBe(json.stdout);
    expect(report.choices.map((c) => c.label)).toEqual(['dense-slc', 'bitmask-2b', 'csr-3b-ctt']);
    expect(report.choices.map((c) => c.technology)).toEqual(['RRAM', 'RRAM', 'CTT']);
    expect(report.budget).toEqual({ cells: 1000 });
    // tiny-conv: conv_a 4·2·3·3 = 72 weights, conv_b 4·4 = 16; dense SLC 8 · 88 = 704 cells
    expect(report.trace.weights).toBe(88);
    expect(report.choices[0]!.totalCells).toBe(704);
    expect(report.notes).toHaveLength(1);
    expect(report.notes[0]).toMatch(/CTT figures are a rough indication/);
  });

  it('CSV: one row per choice, units in the column names, per-stream columns', () => {
    const csv = runSize({ ...args, format: 'csv' });
    const [head, ...rows] = csv.stdout.trim().split('\n');
    const cols = csvFields(head!);
    expect(rows).toHaveLength(3);
    for (const c of ['label', 'total_bits', 'cells', 'area_mm2', 'ecc_overhead_pct', 'idxsync_overhead_pct', 'cells_ratio_to_dense_slc', 'area_ratio_to_dense_slc', 'fits', 'bits_mask', 'cells_mask', 'bits_per_cell_mask', 'area_mask_mm2', 'cells_3bpc']) {
      expect(cols).toContain(c);
    }
    for (const r of rows) expect(csvFields(r)).toHaveLength(cols.length);
    const row = Object.fromEntries(csvFields(rows[1]!).map((v, i) => [cols[i], v]));
    const b = report.choices[1]!;
    expect(Number(row.cells)).toBe(b.totalCells);
    expect(Number(row.bits_mask)).toBe(b.streams.find((s) => s.stream === 'mask')!.bits);
    expect(row.bits_indices).toBe(''); // a bitmask choice has no index stream
    expect(row.fits).toBe(String(b.budget!.fits));
    expect(csv.stderr).toMatch(/note: CTT figures are a rough indication/);
  });

  it('table: a block per choice, a summary row per choice, budget verdicts, the CTT caveat once', () => {
    const t = runSize(args).stdout;
    for (const l of ['dense-slc  [RRAM]', 'bitmask-2b  [RRAM]', 'csr-3b-ctt  [CTT]']) expect(t).toContain(l);
    expect(t).toContain('budget: 1,000 cells');
    expect(t).toMatch(/budget: fits/);
    expect(t.match(/CTT figures are a rough indication/g)).toHaveLength(1);
    expect(t).toMatch(/summary/);
  });

  it('--out writes the manifest, the report, the CSV and the per-layer CSV', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxnvm-size-out-'));
    runSize({ ...args, out: dir });
    expect(readdirSync(dir).sort()).toEqual(['layers.csv', 'manifest.json', 'size.csv', 'size.json']);
    expect(readFileSync(join(dir, 'size.json'), 'utf8')).toBe(json.stdout);
    const layerRows = readFileSync(join(dir, 'layers.csv'), 'utf8').trim().split('\n').length - 1;
    // two weight layers × the streams of each choice: dense 1, bitmask nvdla + ECC 4, csr + sync 4
    expect(layerRows).toBe(2 * (1 + 4 + 4));
    expect(JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'))).toMatchObject({ command: 'size', seed: 1 });
  });
});

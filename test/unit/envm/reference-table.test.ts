import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { REFERENCE_ROWS } from '../../../src/hw/memory-figures/reference-table.js';

// The table in code must be the CSV in reference/, row for row.
function parseCsv(text: string): Record<string, string>[] {
  const [head, ...lines] = text.trim().split(/\r?\n/);
  const keys = head!.split(',');
  return lines.map((line) => {
    // Only the last column (source) is quoted and may contain commas.
    const q = line.indexOf('"');
    const cells = line.slice(0, q - 1).split(',');
    cells.push(line.slice(q + 1, line.lastIndexOf('"')));
    return Object.fromEntries(keys.map((k, i) => [k, cells[i]!]));
  });
}

describe('eNVM reference table', () => {
  const csv = parseCsv(readFileSync(new URL('../../../reference/envm-arrays.csv', import.meta.url), 'utf8'));

  it('has every CSV row with the same figures and tool', () => {
    expect(REFERENCE_ROWS).toHaveLength(csv.length);
    csv.forEach((r, i) => {
      const row = REFERENCE_ROWS[i]!;
      expect(row.technology).toBe(r.technology);
      expect(row.bitsPerCell).toBe(Number(r.bits_per_cell));
      expect(row.capacity_cells_KiB).toBe(Number(r.capacity_cells_KiB));
      expect(row.readLatency_ns).toBe(Number(r.read_latency_ns));
      expect(row.readEnergy_pJ_per_access).toBe(Number(r.read_energy_pJ_per_access));
      expect(row.leakage_mW).toBe(Number(r.leakage_mW));
      expect(row.area_mm2).toBe(Number(r.area_mm2));
      expect(row.tool).toBe(r.source!.startsWith('NVMExplorer') ? 'nvmexplorer' : 'nvsim-fork');
      // Every row reads 64 cells per access: data bits per access = 64 × bits per cell.
      expect(Number(r.data_bits_per_access)).toBe(64 * row.bitsPerCell);
    });
  });
});

import { CTT_CAVEAT } from '../hw/memory-figures/reference-table.js';
import { grouped, textTable } from '../util/format.js';
import type { ChoiceSizing, SizingReport } from './size-choices.js';

/** The terminal form of a sizing report: one table per choice, then one summary row per choice. */

const mm2 = (a: number): string => (a === 0 ? '0' : a.toPrecision(4));
const pct = (p: number): string => `${p.toFixed(2)} %`;
const ratio = (r: number): string => r.toPrecision(3);
const times = (r: number): string => `${(1 / r).toPrecision(3)}×`;

function fitText(c: ChoiceSizing): string {
  if (c.budget === undefined) return '-';
  return c.budget.fits ? 'yes' : 'NO';
}

function choiceTable(c: ChoiceSizing): string {
  const rows = c.streams.map((s) => [s.stream, grouped(s.bits), String(s.bitsPerCell), grouped(s.cells), mm2(s.area_mm2)]);
  rows.push(['total', grouped(c.totalBits), '', grouped(c.totalCells), mm2(c.area_mm2)]);
  const lines = [`${c.label}  [${c.technology}]  ${c.description}`, textTable(['stream', 'bits', 'bits/cell', 'cells', 'area mm²'], rows)];
  lines.push(
    `  overhead: ECC ${pct(c.eccOverhead_pct)} of bits (${pct(c.eccOverheadCells_pct)} of cells), IdxSync ${pct(c.idxSyncOverhead_pct)} of bits (${pct(c.idxSyncOverheadCells_pct)} of cells)`,
  );
  lines.push(`  sub-arrays: ${c.subArrays.map((a) => `${a.bitsPerCell} bit/cell ${grouped(a.cells)} cells ${mm2(a.area_mm2)} mm²`).join('; ')}`);
  lines.push(
    `  vs dense SLC (${grouped(c.denseSlc.cells)} cells, ${mm2(c.denseSlc.area_mm2)} mm²): cells ${ratio(c.cellsRatioToDenseSlc)} (${times(c.cellsRatioToDenseSlc)} fewer), area ${ratio(c.areaRatioToDenseSlc)} (${times(c.areaRatioToDenseSlc)} smaller)`,
  );
  if (c.budget !== undefined) lines.push(`  budget: ${c.budget.fits ? 'fits' : `DOES NOT FIT: ${c.budget.reasons.join('; ')}`}`);
  // The CTT caveat is said once at the end of the report, not under every CTT choice.
  for (const n of c.notes) if (n !== CTT_CAVEAT) lines.push(`  note: ${n}`);
  return lines.join('\n');
}

function summaryTable(r: SizingReport): string {
  const rows = r.choices.map((c) => [
    c.label,
    c.technology,
    grouped(c.totalBits),
    grouped(c.totalCells),
    mm2(c.area_mm2),
    pct(c.eccOverhead_pct),
    pct(c.idxSyncOverhead_pct),
    ratio(c.cellsRatioToDenseSlc),
    ratio(c.areaRatioToDenseSlc),
    fitText(c),
  ]);
  return textTable(['choice', 'tech', 'bits', 'cells', 'area mm²', 'ECC', 'IdxSync', 'cells/SLC', 'area/SLC', 'fits'], rows);
}

export function sizingTable(r: SizingReport): string {
  const out: string[] = [];
  const t = r.trace;
  out.push(`${t.name}: ${grouped(t.weights)} weights (${grouped(t.nonZeros)} non-zero) in ${t.layersWithWeights} conv/fc layers; sparsity pattern seed ${r.seed}`);
  out.push(
    `eNVM: one sub-array per bits-per-cell level, each ${r.envm.banks} banks sized to what it stores; area from reference/envm-arrays.csv by the capacity rule`,
  );
  if (r.budget !== undefined) {
    const b = [r.budget.cells !== undefined ? `${grouped(r.budget.cells)} cells` : '', r.budget.area_mm2 !== undefined ? `${r.budget.area_mm2} mm²` : ''];
    out.push(`budget: ${b.filter((x) => x !== '').join(' and ')}`);
  }
  for (const c of r.choices) out.push('', choiceTable(c));
  out.push('', 'summary (ECC and IdxSync in % of bits; ratios to dense 8-bit weights at 1 bit per cell, same technology)', summaryTable(r));
  for (const n of r.notes) out.push(`note: ${n}`);
  return `${out.join('\n')}\n`;
}

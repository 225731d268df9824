import { toCsv, type CsvValue } from '../util/csv.js';
import { STREAM_ORDER } from '../storage/streams.js';
import type { LayerStorage, StreamName } from '../storage/types.js';
import type { SizingReport } from './size-choices.js';

/**
 * Machine-readable forms of a sizing report. Units are suffixes of the column names; counts (bits, cells) are named
 * plainly. Columns are the union over the choices, streams in canonical order, so a row per choice lines up.
 */

export function sizingCsv(r: SizingReport): string {
  const streams = STREAM_ORDER.filter((s) => r.choices.some((c) => c.streams.some((x) => x.stream === s)));
  const levels = [...new Set(r.choices.flatMap((c) => c.subArrays.map((a) => a.bitsPerCell)))].sort((a, b) => a - b);
  const columns = [
    'label', 'technology', 'encoding', 'bitmask_layout', 'csr_index_bits', 'clustered', 'default_bits_per_cell',
    'ecc_data_bits', 'ecc_streams', 'idxsync_interval_weights',
    'total_bits', 'cells', 'area_mm2', 'ecc_overhead_pct', 'idxsync_overhead_pct', 'ecc_overhead_cells_pct', 'idxsync_overhead_cells_pct',
    'dense_slc_cells', 'dense_slc_area_mm2', 'cells_ratio_to_dense_slc', 'area_ratio_to_dense_slc',
    'budget_cells', 'budget_area_mm2', 'fits', 'reason', 'notes',
    ...streams.flatMap((s) => [`bits_${s}`, `bits_per_cell_${s}`, `cells_${s}`, `area_${s}_mm2`]),
    ...levels.flatMap((b) => [`cells_${b}bpc`, `area_${b}bpc_mm2`]),
  ];
  const rows = r.choices.map((c) => {
    const ch = c.choice;
    const row: Record<string, CsvValue> = {
      label: c.label,
      technology: c.technology,
      encoding: ch.encoding,
      bitmask_layout: ch.encoding === 'bitmask' ? (ch.bitmaskLayout ?? 'nvdla') : undefined,
      csr_index_bits: ch.csrIndexBits,
      clustered: ch.clustered,
      default_bits_per_cell: ch.defaultBitsPerCell,
      ecc_data_bits: ch.ecc?.dataBits,
      ecc_streams: ch.ecc?.streams.join(' '),
      idxsync_interval_weights: ch.idxSync?.interval,
      total_bits: c.totalBits,
      cells: c.totalCells,
      area_mm2: c.area_mm2,
      ecc_overhead_pct: c.eccOverhead_pct,
      idxsync_overhead_pct: c.idxSyncOverhead_pct,
      ecc_overhead_cells_pct: c.eccOverheadCells_pct,
      idxsync_overhead_cells_pct: c.idxSyncOverheadCells_pct,
      dense_slc_cells: c.denseSlc.cells,
      dense_slc_area_mm2: c.denseSlc.area_mm2,
      cells_ratio_to_dense_slc: c.cellsRatioToDenseSlc,
      area_ratio_to_dense_slc: c.areaRatioToDenseSlc,
      budget_cells: r.budget?.cells,
      budget_area_mm2: r.budget?.area_mm2,
      fits: c.budget?.fits,
      reason: c.budget?.reasons.join('; '),
      notes: c.notes.join('; '),
    };
    for (const s of c.streams) {
      row[`bits_${s.stream}`] = s.bits;
      row[`bits_per_cell_${s.stream}`] = s.bitsPerCell;
      row[`cells_${s.stream}`] = s.cells;
      row[`area_${s.stream}_mm2`] = s.area_mm2;
    }
    for (const a of c.subArrays) {
      row[`cells_${a.bitsPerCell}bpc`] = a.cells;
      row[`area_${a.bitsPerCell}bpc_mm2`] = a.area_mm2;
    }
    return row;
  });
  return toCsv(columns, rows);
}

/** One row per choice, layer and stream: where the bits are. */
export function sizingLayersCsv(r: SizingReport, layers: readonly LayerStorage[][]): string {
  const rows: Record<string, CsvValue>[] = [];
  r.choices.forEach((c, i) => {
    for (const l of layers[i] ?? []) {
      for (const s of l.streams) {
        rows.push({ label: c.label, layer: l.layer, weights: l.weights, non_zeros: l.nonZeros, stream: s.stream as StreamName, bits: s.bits, bits_per_cell: s.bitsPerCell, cells: s.cells });
      }
    }
  });
  return toCsv(['label', 'layer', 'weights', 'non_zeros', 'stream', 'bits', 'bits_per_cell', 'cells'], rows);
}

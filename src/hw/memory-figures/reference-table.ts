/**
 * The eNVM and SRAM array figures of `reference/envm-arrays.csv`, as data.
 * A test checks this table against the CSV row by row, so the two cannot drift.
 *
 * Capacity counts cells: the data an array holds is cells × bits per cell.
 * `capacity_cells_KiB` follows the CSV (KiB-worth of cells: 1024 KiB = 8,388,608 cells,
 * i.e. 1 MB of data at 1 bit per cell, the size at which NVMExplorer published RRAM).
 * The NVSim-fork series run from 128 to 16384 KiB of cells (128, 256, 512, 1024, 4096, 16384).
 */

export const TECHNOLOGIES = ['SRAM', 'RRAM', 'STT', 'PCM', 'CTT'] as const;
export type Technology = (typeof TECHNOLOGIES)[number];

/** Which tool produced a row; curves never mix tools (see figure-curves.ts). */
export type ReferenceTool = 'nvmexplorer' | 'nvsim-fork';

export interface ReferenceRow {
  technology: Technology;
  bitsPerCell: number;
  capacity_cells_KiB: number;
  readLatency_ns: number;
  readEnergy_pJ_per_access: number;
  leakage_mW: number;
  area_mm2: number;
  tool: ReferenceTool;
}

/** Cells in one KiB-worth of cells (1024 × 8 one-bit cells). */
export const CELLS_PER_KIB = 8192;

/** Cells per access of every reference row (`data_bits_per_access` / bits per cell = 64). */
export const REFERENCE_ACCESS_WIDTH_CELLS = 64;

const SOURCE_NVMEXPLORER =
  'reference/envm-arrays.csv: NVMExplorer artifact results (lpentecost/NVMExplorer AE_dnn_output), 2 MB, 22 nm, 64-bit word, ReadEDP';
const SOURCE_NVSIM_FORK =
  'reference/envm-arrays.csv: NVSim fork with MLC sensing (lpentecost/nvsim-merged @282038a), 22 nm, LOP, H-tree, 64 cells per access, ReadEDP';

/** The CTT rows are a rough indication: that NVSim fork counts no bitline or cell read energy for CTT. */
export const CTT_CAVEAT =
  'CTT figures are a rough indication: the NVSim fork behind reference/envm-arrays.csv counts no bitline or cell read energy for CTT';

type RowTuple = [Technology, number, number, number, number, number, number, ReferenceTool];

// technology, bits per cell, capacity (KiB of cells), read latency ns, read energy pJ per access, leakage mW, area mm², tool
const ROWS: RowTuple[] = [
  ['SRAM', 1, 2048, 4.684, 1.128, 56.35, 1.309, 'nvmexplorer'],
  ['RRAM', 1, 2048, 0.793, 6.178, 11.98, 0.526, 'nvmexplorer'],
  ['STT', 1, 2048, 0.591, 4.371, 22.02, 0.22, 'nvmexplorer'],
  ['PCM', 1, 2048, 0.721, 5.515, 43.47, 0.417, 'nvmexplorer'],
  ['CTT', 1, 1024, 1.703, 5.12, 164.231, 0.318984, 'nvsim-fork'],
  ['CTT', 1, 4096, 3.216, 5.861, 164.213, 0.427568, 'nvsim-fork'],
  ['CTT', 1, 16384, 3.801, 11.608, 658.822, 1.71, 'nvsim-fork'],
  ['CTT', 2, 1024, 11.121, 2.294, 20.384, 0.095012, 'nvsim-fork'],
  ['CTT', 2, 4096, 9.891, 5.577, 81.741, 0.392901, 'nvsim-fork'],
  ['CTT', 2, 16384, 9.834, 11.683, 328.441, 1.666, 'nvsim-fork'],
  ['CTT', 3, 1024, 17.565, 2.208, 10.208, 0.093627, 'nvsim-fork'],
  ['CTT', 3, 4096, 23.216, 3.333, 40.756, 0.268478, 'nvsim-fork'],
  ['CTT', 3, 16384, 16.884, 11.016, 164.022, 1.56, 'nvsim-fork'],
  ['RRAM', 1, 1024, 0.7749, 4.028, 3.432, 0.246715, 'nvsim-fork'],
  ['RRAM', 1, 4096, 1.141, 8.329, 13.729, 0.986859, 'nvsim-fork'],
  ['RRAM', 1, 16384, 2.606, 17.142, 54.914, 3.947, 'nvsim-fork'],
  ['RRAM', 2, 1024, 0.8647, 4.607, 3.432, 0.288099, 'nvsim-fork'],
  ['RRAM', 2, 4096, 1.402, 9.594, 13.729, 1.152, 'nvsim-fork'],
  ['RRAM', 2, 16384, 2.979, 20.34, 33.668, 3.889, 'nvsim-fork'],
  ['RRAM', 3, 1024, 0.9293, 4.783, 3.432, 0.346273, 'nvsim-fork'],
  ['RRAM', 3, 4096, 1.464, 10.224, 13.738, 1.182, 'nvsim-fork'],
  ['RRAM', 3, 16384, 3.06, 21.897, 33.78, 3.904, 'nvsim-fork'],
  ['RRAM', 1, 128, 0.6669, 1.289, 0.4288, 0.030947, 'nvsim-fork'],
  ['RRAM', 1, 256, 0.6833, 1.93, 0.858, 0.061679, 'nvsim-fork'],
  ['RRAM', 1, 512, 0.6086, 3.098, 2.995, 0.131457, 'nvsim-fork'],
  ['RRAM', 2, 128, 0.7028, 1.311, 0.4288, 0.041464, 'nvsim-fork'],
  ['RRAM', 2, 256, 0.731, 2.145, 0.8577, 0.082927, 'nvsim-fork'],
  ['RRAM', 2, 512, 0.7519, 2.897, 1.716, 0.144049, 'nvsim-fork'],
  ['RRAM', 3, 128, 0.7638, 1.35, 0.4467, 0.056195, 'nvsim-fork'],
  ['RRAM', 3, 256, 0.792, 2.184, 0.8935, 0.11239, 'nvsim-fork'],
  ['RRAM', 3, 512, 0.8165, 3.072, 1.716, 0.173137, 'nvsim-fork'],
  ['CTT', 1, 128, 2.213, 1.54, 10.236, 0.021175, 'nvsim-fork'],
  ['CTT', 1, 256, 1.594, 2.753, 41.058, 0.079746, 'nvsim-fork'],
  ['CTT', 1, 512, 2.084, 2.935, 41.043, 0.092416, 'nvsim-fork'],
  ['CTT', 2, 128, 8.454, 1.116, 2.554, 0.017821, 'nvsim-fork'],
  ['CTT', 2, 256, 11.093, 1.177, 5.096, 0.023753, 'nvsim-fork'],
  ['CTT', 2, 512, 11.099, 1.546, 10.192, 0.047506, 'nvsim-fork'],
  ['CTT', 3, 128, 14.217, 1.081, 2.548, 0.01902, 'nvsim-fork'],
  ['CTT', 3, 256, 14.22, 1.372, 5.096, 0.038041, 'nvsim-fork'],
  ['CTT', 3, 512, 17.544, 1.477, 5.104, 0.046813, 'nvsim-fork'],
];

export const REFERENCE_ROWS: readonly ReferenceRow[] = ROWS.map(
  ([technology, bitsPerCell, capacity_cells_KiB, readLatency_ns, readEnergy_pJ_per_access, leakage_mW, area_mm2, tool]) => ({
    technology,
    bitsPerCell,
    capacity_cells_KiB,
    readLatency_ns,
    readEnergy_pJ_per_access,
    leakage_mW,
    area_mm2,
    tool,
  }),
);

/**
 * Whether a tool's rows already include MLC sensing (reference/README.md): the NVSim fork's
 * RRAM and CTT rows at 1, 2 and 3 bits per cell do (current-sense mode: one fixed 0.1 ns and
 * 8 fJ sensing whatever the number of levels, sense-amplifier area for levels − 1 comparators);
 * NVMExplorer's 2 MB rows are single-level cells and model no MLC sensing.
 */
export function includesMlcSensing(tool: ReferenceTool): boolean {
  return tool === 'nvsim-fork';
}

export function sourceOf(tool: ReferenceTool): string {
  return tool === 'nvmexplorer' ? SOURCE_NVMEXPLORER : SOURCE_NVSIM_FORK;
}

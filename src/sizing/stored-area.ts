import { withDefaults } from '../engine/spec.js';
import { EnvmArray } from '../hw/envm/envm-array.js';
import type { Technology } from '../hw/memory-figures/reference-table.js';
import { envmSpec, type EnvmParams } from '../hw/envm/spec.js';

/**
 * Area of the cells a storage choice occupies, from the eNVM model (src/hw/envm): an array sized to what it stores
 * (capacity 'stored'), with every other parameter at its declared default (8 word-interleaved banks, 64-cell
 * accesses; `maxnvm describe envm`). Each bits-per-cell level is its own sub-array (MLC levels need their own sense
 * references), so 1 Mi cells at 1 bit per cell plus 1 Mi cells at 3 bits per cell are two arrays, each with the area
 * the capacity rule of reference/envm-arrays.csv gives it, not one array of 2 Mi cells.
 */

export interface SubArrayArea {
  bitsPerCell: number;
  cells: number;
  area_mm2: number;
}

export interface StoredArea {
  area_mm2: number;
  /** One per bits-per-cell level that holds cells, ascending. */
  subArrays: SubArrayArea[];
  /** What the eNVM model says about these figures: the CTT caveat, capacities outside the reference points. */
  notes: string[];
}

/**
 * eNVM parameters for sizing: the declared defaults, capacity as stored, `banks` if given; SRAM is volatile, so it
 * is not gated. Banks matter for area: each bank is its own array with its own periphery.
 */
export function sizingEnvmParams(technology: Technology, banks?: number): EnvmParams {
  const section: Record<string, unknown> = { technology, capacity_cells: 'stored', ...(technology === 'SRAM' ? { powerDomain: 'always-on' } : {}) };
  if (banks !== undefined) section.banks = banks;
  return withDefaults<EnvmParams>(envmSpec, section);
}

/** Area of `cellsByBitsPerCell` (bits per cell → cells) built in `technology`, `banks` banks per sub-array. */
export function storedArea(technology: Technology, cellsByBitsPerCell: ReadonlyMap<number, number>, banks?: number): StoredArea {
  const used = new Map([...cellsByBitsPerCell].filter(([, cells]) => cells > 0));
  const array = new EnvmArray(sizingEnvmParams(technology, banks), used);
  const subArrays = array.subArrays
    .filter((s) => s.cells > 0)
    .map((s) => ({ bitsPerCell: s.bitsPerCell, cells: s.cells, area_mm2: s.area_mm2 }));
  return { area_mm2: array.area_mm2(), subArrays, notes: [...array.notes] };
}

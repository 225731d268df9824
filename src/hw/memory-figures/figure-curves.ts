import { UserError } from '../../errors.js';
import {
  checkedCurve,
  FIGURE_KEYS,
  FIGURE_KIND,
  figureAt,
  type ArrayFigures,
  type CapacityRule,
  type CurvePoint,
  type FigureKey,
} from './capacity-scaling.js';
import {
  CELLS_PER_KIB,
  REFERENCE_ROWS,
  sourceOf,
  type ReferenceRow,
  type ReferenceTool,
  type Technology,
} from './reference-table.js';

/**
 * The capacity curves of one technology at one number of bits per cell: from the
 * reference table, or from the user's own NVSim runs given as overrides.
 *
 * Which points make a curve:
 * - Reference rows from one tool only: where a technology has rows from both tools
 *   (RRAM at 1 bit per cell: one NVMExplorer point at 2048 KiB, three NVSim-fork points),
 *   the tool with more points wins (ties: the NVSim fork). Mixing tools would put a kink
 *   made of methodology, not physics, into the curve; the fork's series is also the one
 *   that has 2 and 3 bits per cell, so SLC and MLC are compared like for like.
 * - Overrides: for each figure, if any override point at this bits per cell gives that
 *   figure, the curve of that figure is made of the override points alone (again, no mixing
 *   of sources); figures no override gives keep the reference curve.
 */

/** One array the user characterized (e.g. with their own NVSim run); any subset of the figures. */
export interface FigureOverridePoint {
  bitsPerCell: number;
  /** Capacity of the simulated array in cells (data bits = cells × bits per cell). */
  capacity_cells: number;
  readLatency_ns?: number;
  readEnergy_pJ_per_access?: number;
  leakage_mW?: number;
  area_mm2?: number;
}

export interface FigureCurves {
  readonly technology: Technology;
  readonly bitsPerCell: number;
  readonly curves: Readonly<Record<FigureKey, readonly CurvePoint[]>>;
  /** Where each figure's curve comes from. */
  readonly sources: Readonly<Record<FigureKey, string>>;
  /** The tool behind each figure's curve, or 'override' (decides whether MLC sensing is included). */
  readonly origins: Readonly<Record<FigureKey, ReferenceTool | 'override'>>;
}

function referenceRowsFor(technology: Technology, bitsPerCell: number): ReferenceRow[] {
  const rows = REFERENCE_ROWS.filter((r) => r.technology === technology && r.bitsPerCell === bitsPerCell);
  const fork = rows.filter((r) => r.tool === 'nvsim-fork');
  const explorer = rows.filter((r) => r.tool === 'nvmexplorer');
  return fork.length >= explorer.length ? fork : explorer;
}

/** Bits per cell the reference table has for a technology. */
export function referenceBitsPerCell(technology: Technology): number[] {
  return [...new Set(REFERENCE_ROWS.filter((r) => r.technology === technology).map((r) => r.bitsPerCell))].sort();
}

export function curvesFor(
  technology: Technology,
  bitsPerCell: number,
  overrides: readonly FigureOverridePoint[] = [],
  configPath = '/envm/overrides',
): FigureCurves {
  const rows = referenceRowsFor(technology, bitsPerCell);
  const mine = overrides.filter((o) => o.bitsPerCell === bitsPerCell);
  const curves = {} as Record<FigureKey, CurvePoint[]>;
  const sources = {} as Record<FigureKey, string>;
  const origins = {} as Record<FigureKey, ReferenceTool | 'override'>;
  for (const key of FIGURE_KEYS) {
    const given = mine.filter((o) => o[key] !== undefined);
    if (given.length > 0) {
      const seen = new Set<number>();
      for (const o of given) {
        if (seen.has(o.capacity_cells)) {
          throw new UserError(`two ${key} overrides for ${bitsPerCell} bit(s) per cell at ${o.capacity_cells} cells`, {
            jsonPath: configPath,
            expected: 'at most one value of each figure per bits per cell and capacity',
            suggestion: 'remove the duplicate point',
          });
        }
        seen.add(o.capacity_cells);
      }
      curves[key] = checkedCurve(
        given.map((o) => ({ capacity_cells: o.capacity_cells, value: o[key]! })),
        `${technology} ${key} override`,
      );
      sources[key] = `user override (${configPath})`;
      origins[key] = 'override';
    } else if (rows.length > 0) {
      curves[key] = checkedCurve(
        rows.map((r) => ({ capacity_cells: r.capacity_cells_KiB * CELLS_PER_KIB, value: r[key] })),
        `${technology} ${key}`,
      );
      sources[key] = sourceOf(rows[0]!.tool);
      origins[key] = rows[0]!.tool;
    } else {
      const have = referenceBitsPerCell(technology);
      throw new UserError(`no ${key} figure for ${technology} at ${bitsPerCell} bit(s) per cell`, {
        jsonPath: configPath,
        expected: `reference figures exist for ${technology} at ${have.join(', ')} bit(s) per cell only`,
        suggestion: `add override points with "bitsPerCell": ${bitsPerCell} giving ${FIGURE_KEYS.join(', ')} (e.g. from your own NVSim run), or store the streams at ${have.join(' or ')} bit(s) per cell`,
      });
    }
  }
  return { technology, bitsPerCell, curves, sources, origins };
}

/** All four figures of one array of `capacity_cells` cells, by the capacity rule. */
export function figuresAt(curves: FigureCurves, capacity_cells: number, rule: CapacityRule): ArrayFigures {
  const out = {} as ArrayFigures;
  for (const key of FIGURE_KEYS) out[key] = figureAt(curves.curves[key], capacity_cells, FIGURE_KIND[key], rule);
  return out;
}

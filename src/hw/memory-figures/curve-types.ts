/** The shapes the capacity rule works on (capacity-scaling.ts, periphery-model.ts, tiling.ts). */

/**
 * 'latency' and 'perAccess' belong to one access of one array (a tiled bank is timed by its
 * slowest tile, charged by the tile an access hits); 'perCell' figures add up over tiles.
 */
export type FigureKind = 'latency' | 'perAccess' | 'perCell';
/** Parameters of the rule that are assumptions rather than data (see the eNVM spec). */
export interface CapacityRule {
  /** Least periphery a bank keeps below the smallest point, as a fraction of that point's figure. */
  peripheryFloor_fraction: number;
}

export interface CurvePoint {
  capacity_cells: number;
  value: number;
}

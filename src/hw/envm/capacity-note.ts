import type { CapacityRule, CurvePoint } from '../memory-figures/capacity-scaling.js';
import { belowSmallest } from '../memory-figures/periphery-model.js';

/**
 * What a report should say when a bank lies outside the characterized capacities, and what
 * the capacity rule does there (README.md); undefined inside them.
 */
export function capacityNote(bitsPerCell: number, cellsPerBank: number, area: readonly CurvePoint[], rule: CapacityRule): string | undefined {
  const smallest = area[0]!.capacity_cells;
  const largest = area[area.length - 1]!.capacity_cells;
  const at = `${bitsPerCell} bit(s) per cell: ${cellsPerBank} cells per bank is`;
  if (cellsPerBank < smallest) {
    const { periphery, fitted } = belowSmallest(area, cellsPerBank, rule);
    return `${at} below the smallest characterized array (${smallest} cells): latency and energy per access held, leakage and area as periphery + cells (area periphery ${periphery.toPrecision(4)} mm² per bank, ${fitted ? 'fitted' : 'the floor'})`;
  }
  if (cellsPerBank > largest) {
    const tiles = Math.floor(cellsPerBank / largest);
    return `${at} beyond the largest characterized array (${largest} cells): ${tiles} whole tile(s) of it plus a remainder tile of ${cellsPerBank - tiles * largest} cells, each with its own leakage and area`;
  }
  return undefined;
}

import { UserError } from '../errors.js';
import { CTT_CAVEAT, type Technology } from '../hw/memory-figures/reference-table.js';
import { DEFAULT_ATOMIC_K } from '../storage/encoded-layer.js';
import type { PatternCache } from '../storage/pattern-stats.js';
import { checkLayerNames } from '../storage/layer-choice.js';
import { STREAM_ORDER } from '../storage/streams.js';
import { networkStorage } from '../storage/stream-sizes.js';
import { DEFAULT_PATTERN_SEED } from '../storage/synthetic-weights.js';
import type { LayerStorage, StorageChoice, StreamName } from '../storage/types.js';
import type { Trace } from '../workload/layer.js';
import { hasWeights, layerWeightCount } from '../workload/layer.js';
import { type BudgetFit, type SizingBudget, budgetFit } from './budget.js';
import { describeChoice } from './choice-label.js';
import type { SizingEntry } from './sizing-entry.js';
import { type SubArrayArea, sizingEnvmParams, storedArea } from './stored-area.js';

/**
 * `maxnvm size`: each storage choice → bits per stream (src/storage/stream-sizes.ts) → cells at each stream's bits per
 * cell → eNVM area per bits-per-cell sub-array (stored-area.ts) → overheads, budget fit and the ratios to dense
 * single-level-cell storage of the same weights (8 bits per weight, 1 bit per cell, same technology).
 */

export interface SizeOptions {
  /** Seed of the synthetic sparsity patterns (default 1, as `maxnvm simulate`). */
  seed?: number;
  /** Kernels per NVDLA kernel group, for the bitmask layout (default 32, nv_full). */
  atomicK?: number;
  budget?: SizingBudget;
  /** Banks per eNVM sub-array (default: envmSpec's, 8). */
  banks?: number;
  patterns?: PatternCache;
}

interface StreamSizing {
  stream: StreamName;
  bits: number;
  bitsPerCell: number;
  cells: number;
  /** The stream's share of its sub-array's area, in proportion to its cells there. */
  area_mm2: number;
}

export interface ChoiceSizing {
  label: string;
  technology: Technology;
  /** The choice in words, for tables. */
  description: string;
  choice: StorageChoice;
  streams: StreamSizing[];
  /** One sub-array per bits-per-cell level in use. */
  subArrays: SubArrayArea[];
  totalBits: number;
  totalCells: number;
  area_mm2: number;
  /** Check bits as a share of all stored bits [%]. */
  eccOverhead_pct: number;
  /** Sync bits (without their check bits) as a share of all stored bits [%]. */
  idxSyncOverhead_pct: number;
  /** The same shares counted in cells, which differ when the streams sit at different bits per cell [%]. */
  eccOverheadCells_pct: number;
  idxSyncOverheadCells_pct: number;
  /** The reference: the same weights dense, 8 bits each, 1 bit per cell, in the same technology. */
  denseSlc: { cells: number; area_mm2: number };
  cellsRatioToDenseSlc: number;
  areaRatioToDenseSlc: number;
  /** Present when a budget was given. */
  budget?: BudgetFit;
  notes: string[];
}

export interface SizingReport {
  trace: { name: string; layersWithWeights: number; weights: number; nonZeros: number };
  seed: number;
  atomicK: number;
  /** The eNVM organization the areas assume (src/hw/envm defaults). */
  envm: { banks: number; accessWidth_cells: number; capacity_cells: 'stored'; subArrays: 'one per bits-per-cell level' };
  budget?: SizingBudget;
  choices: ChoiceSizing[];
  /** Notes about the whole report: the CTT caveat when any choice is CTT. */
  notes: string[];
}

export interface SizingRun {
  report: SizingReport;
  /** Per-layer stream sizes of each choice, in the order of report.choices (for layers.csv). */
  layers: LayerStorage[][];
}

/** Bits per weight of the dense reference: int8, as the dense traces store them. */
const DENSE_SLC_BITS_PER_WEIGHT = 8;

const pct = (part: number, whole: number): number => (whole === 0 ? 0 : (100 * part) / whole);

/** Dense SLC reference area per technology: the same for every choice of a technology, so computed once. */
class DenseSlcReference {
  private readonly areas = new Map<Technology, number>();
  constructor(
    readonly cells: number,
    private readonly banks: number | undefined,
  ) {}
  area_mm2(technology: Technology): number {
    let a = this.areas.get(technology);
    if (a === undefined) {
      a = storedArea(technology, new Map([[1, this.cells]]), this.banks).area_mm2;
      this.areas.set(technology, a);
    }
    return a;
  }
}

function sizeOne(trace: Trace, entry: SizingEntry, opts: SizeOptions, slc: DenseSlcReference): { sizing: ChoiceSizing; layers: LayerStorage[] } {
  const { choice, technology } = entry;
  checkLayerNames(choice, trace.layers.filter(hasWeights).map((l) => l.name), { ...entry.origin, network: `trace ${trace.name}` });
  const net = networkStorage(trace, choice, { seed: opts.seed ?? DEFAULT_PATTERN_SEED, atomicK: opts.atomicK ?? DEFAULT_ATOMIC_K, patterns: opts.patterns });
  // Cells by stream and bits per cell, over the layers: a layer may store a stream at its own bits per cell.
  const cellsAt = new Map<number, number>();
  const byStream = new Map<string, { stream: StreamName; bitsPerCell: number; bits: number; cells: number }>();
  for (const l of net.layers) {
    for (const s of l.streams) {
      cellsAt.set(s.bitsPerCell, (cellsAt.get(s.bitsPerCell) ?? 0) + s.cells);
      const key = `${STREAM_ORDER.indexOf(s.stream)}:${s.bitsPerCell}`;
      const t = byStream.get(key) ?? { stream: s.stream, bitsPerCell: s.bitsPerCell, bits: 0, cells: 0 };
      t.bits += s.bits;
      t.cells += s.cells;
      byStream.set(key, t);
    }
  }
  const area = storedArea(technology, cellsAt, opts.banks);
  const subArea = new Map(area.subArrays.map((a) => [a.bitsPerCell, a]));
  // One row per stream and bits per cell, in stream order (a stream shows twice when layers store it differently).
  const rows = [...byStream.values()].sort((a, b) => STREAM_ORDER.indexOf(a.stream) - STREAM_ORDER.indexOf(b.stream) || a.bitsPerCell - b.bitsPerCell);
  const streams: StreamSizing[] = rows.map((t) => {
    const sub = subArea.get(t.bitsPerCell);
    const share = sub === undefined || sub.cells === 0 ? 0 : (sub.area_mm2 * t.cells) / sub.cells;
    return { stream: t.stream, bits: t.bits, bitsPerCell: t.bitsPerCell, cells: t.cells, area_mm2: share };
  });
  const slcArea = slc.area_mm2(technology);
  const sizing: ChoiceSizing = {
    label: choice.label,
    technology,
    description: describeChoice(choice),
    choice,
    streams,
    subArrays: area.subArrays,
    totalBits: net.totalBits,
    totalCells: net.totalCells,
    area_mm2: area.area_mm2,
    eccOverhead_pct: net.eccOverhead_pct,
    idxSyncOverhead_pct: net.idxSyncOverhead_pct,
    eccOverheadCells_pct: pct(net.totals.check?.cells ?? 0, net.totalCells),
    idxSyncOverheadCells_pct: pct(net.totals.sync?.cells ?? 0, net.totalCells),
    denseSlc: { cells: slc.cells, area_mm2: slcArea },
    cellsRatioToDenseSlc: net.totalCells / slc.cells,
    areaRatioToDenseSlc: area.area_mm2 / slcArea,
    notes: area.notes,
  };
  const fit = budgetFit(net.totalCells, area.area_mm2, opts.budget);
  if (fit !== undefined) sizing.budget = fit;
  return { sizing, layers: net.layers };
}

/** Size every entry for the trace. Deterministic: the same trace, entries and options give the same report. */
export function sizeChoices(trace: Trace, entries: readonly SizingEntry[], opts: SizeOptions = {}): SizingRun {
  const weightLayers = trace.layers.filter(hasWeights);
  if (weightLayers.length === 0) {
    throw new UserError(`trace ${trace.name} has no convolution or fully connected layer: no weights to size`, {
      expected: 'a trace with at least one conv or fc layer',
      suggestion: 'use a network trace, e.g. traces/resnet50-v1.5-str81.json',
    });
  }
  if (entries.length === 0) {
    throw new UserError('no storage choices to size', {
      expected: 'at least one storage choice',
      suggestion: 'give --choices FILE or --encoding ...',
    });
  }
  // Dense SLC: every weight as 8 bits at 1 bit per cell, whatever the choice (networkStorage's denseSlcCells).
  const weights = weightLayers.reduce((a, l) => a + layerWeightCount(l), 0);
  const slc = new DenseSlcReference(weights * DENSE_SLC_BITS_PER_WEIGHT, opts.banks);
  const runs = entries.map((e) => sizeOne(trace, e, opts, slc));
  // Choice-specific notes (array sizes outside the reference points) stay with their choice; the CTT caveat
  // concerns every CTT figure, so it is also said once for the whole report.
  const notes = runs.some((r) => r.sizing.technology === 'CTT') ? [CTT_CAVEAT] : [];
  const envm = sizingEnvmParams('RRAM', opts.banks);
  const report: SizingReport = {
    trace: { name: trace.name, layersWithWeights: weightLayers.length, weights, nonZeros: runs[0]!.layers.reduce((a, l) => a + l.nonZeros, 0) },
    seed: opts.seed ?? DEFAULT_PATTERN_SEED,
    atomicK: opts.atomicK ?? DEFAULT_ATOMIC_K,
    envm: { banks: envm.banks, accessWidth_cells: envm.accessWidth_cells, capacity_cells: 'stored', subArrays: 'one per bits-per-cell level' },
    choices: runs.map((r) => r.sizing),
    notes,
  };
  if (opts.budget !== undefined && (opts.budget.cells !== undefined || opts.budget.area_mm2 !== undefined)) report.budget = opts.budget;
  return { report, layers: runs.map((r) => r.layers) };
}

import type { Layer } from '../../workload/layer.js';
import { allocateCbuf, kernelGroups, type CbufAllocation, type CbufWeights, type KernelGroup } from './cbuf-allocation.js';
import { inputRowsFor, mapConvolution, type ConvMapping } from './conv-mapping.js';
import { retainsOverlapRows } from './software-profile.js';
import type { NvdlaParams } from './spec.js';

/**
 * The tiling plan of one convolution: its steps (one kernel group over a range
 * of output rows, the unit the core schedules one event for) and the CDMA
 * fetches they wait on. A fetch is issued at layer start (issueAfterStep −1) or
 * when the step that frees its CBUF space has finished computing.
 */
interface InputFetch {
  /** Input rows [row0, row1). */
  row0: number;
  row1: number;
  issueAfterStep: number;
}

interface WeightFetch {
  k0: number;
  k1: number;
  issueAfterStep: number;
}

export interface ConvStep {
  k0: number;
  k1: number;
  /** Output rows [outRow0, outRow1) whose outputs this step completes. */
  outRow0: number;
  outRow1: number;
  /**
   * Output rows [scopeRow0, scopeRow1) its stripes are cut over: the row chunk in row-split mode (each chunk is a
   * hardware layer of its own); the whole output when the input is resident.
   */
  scopeRow0: number;
  scopeRow1: number;
  /** Index of the input fetch (and all before it) this step needs. */
  input: number;
  /** Index of the weight fetch this step needs. */
  weight: number;
}

/** A row chunk: in split-H a hardware operation of its own (a conv op and its SDP op); else the whole output. */
interface RowChunk {
  outRow0: number;
  outRow1: number;
  /** Steps [firstStep, lastStep] compute this chunk. */
  firstStep: number;
  lastStep: number;
}

export interface ConvPlan {
  mapping: ConvMapping;
  allocation: CbufAllocation;
  steps: ConvStep[];
  chunks: RowChunk[];
  inputFetches: InputFetch[];
  weightFetches: WeightFetch[];
}

/**
 * Within a row chunk, the first kernel group computes on rows as they arrive: its input is cut into this many
 * pieces. Simulation granularity, not hardware: CDMA and CSC exchange CBUF status continuously; 8 pieces bound
 * the error to an eighth of the chunk's input transfer.
 */
export const STREAM_CHUNKS = 8;

/** Cut output rows [y0, y1) into `n` near-equal pieces whose sizes are multiples of `align` (the last may be short). */
function evenRowChunks(y0: number, y1: number, n: number, align: number): [number, number][] {
  const units = Math.ceil((y1 - y0) / align);
  const count = Math.max(1, Math.min(n, units));
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const a = Math.min(y1, y0 + Math.round((i * units) / count) * align);
    const b = Math.min(y1, y0 + Math.round(((i + 1) * units) / count) * align);
    if (b > a) out.push([a, b]);
  }
  return out;
}

/** Row chunks whose input rows fit in `entries` CBUF entries (greedy, `align` output rows at a time). */
function capacityRowChunks(l: Layer, m: ConvMapping, entries: number): [number, number][] {
  const out: [number, number][] = [];
  const fits = (y0: number, y1: number): boolean => {
    const r = inputRowsFor(l, y0, y1);
    return (r.end - r.first) * m.cbufEntriesPerInputRow <= entries;
  };
  for (let y0 = 0; y0 < l.outputHeight; ) {
    let y1 = Math.min(l.outputHeight, y0 + m.outputRowAlign);
    while (y1 < l.outputHeight && fits(y0, Math.min(l.outputHeight, y1 + m.outputRowAlign))) {
      y1 = Math.min(l.outputHeight, y1 + m.outputRowAlign);
    }
    out.push([y0, y1]);
    y0 = y1;
  }
  return out;
}

/**
 * Steps, row chunks and fetches of a convolution. Every chunk streams: its first kernel group computes on the
 * chunk's rows as they arrive, the later groups on the whole chunk. In split-H, rows two chunks share are kept in
 * CBUF (fetched once) when `retainsOverlapRows`, else fetched again with the next chunk; the weights stay for all
 * chunks only when every kernel group fits in the weight banks, else each chunk fetches them again.
 */
export function planConvolution(l: Layer, p: NvdlaParams, weights: CbufWeights): ConvPlan {
  const mapping = mapConvolution(l, p);
  const groups = kernelGroups(l, p.macAtomicK);
  const allocation = allocateCbuf(l, mapping, p, groups, weights);
  const rowSplit = allocation.mode === 'row-split';
  const rowChunks = rowSplit ? capacityRowChunks(l, mapping, allocation.dataEntries) : [[0, l.outputHeight] as [number, number]];
  const retain = !rowSplit || retainsOverlapRows(p);

  const steps: ConvStep[] = [];
  const chunks: RowChunk[] = [];
  const inputFetches: InputFetch[] = [];
  // One "weight use" per kernel group per pass over the CBUF weights; each use needs one resident slot.
  const uses: { group: KernelGroup; lastStep: number }[] = [];
  const weightsOnce = allocation.weightSlots >= groups.length;
  const addStep = (g: number, y0: number, y1: number, scope: [number, number], input: number, newUse: boolean): void => {
    const group = groups[g]!;
    let use: number;
    if (weightsOnce) {
      uses[g] ??= { group, lastStep: -1 };
      use = g;
    } else {
      use = newUse ? uses.push({ group, lastStep: -1 }) - 1 : uses.length - 1;
    }
    uses[use]!.lastStep = steps.length;
    steps.push({ k0: group.k0, k1: group.k1, outRow0: y0, outRow1: y1, scopeRow0: scope[0], scopeRow1: scope[1], input, weight: use });
  };

  let fetched = 0; // input rows [0, fetched) have been fetched (with retention: are resident)
  for (const [c0, c1] of rowChunks) {
    const issueAfterStep = steps.length - 1; // a chunk's fetches wait for the previous chunk's last step
    const firstStep = steps.length;
    const chunkRows = inputRowsFor(l, c0, c1);
    let from = retain ? Math.max(fetched, chunkRows.first) : chunkRows.first;
    const pieces = evenRowChunks(c0, c1, STREAM_CHUNKS, mapping.outputRowAlign);
    pieces.forEach(([y0, y1], i) => {
      const r = inputRowsFor(l, y0, y1);
      // The last piece takes every remaining row of the chunk (a resident input is fetched whole).
      const end = i === pieces.length - 1 ? (rowSplit ? chunkRows.end : l.inputHeight) : Math.max(from, r.end);
      if (end > from || inputFetches.length === 0) inputFetches.push({ row0: from, row1: Math.max(from, end), issueAfterStep });
      from = Math.max(from, end);
      addStep(0, y0, y1, [c0, c1], inputFetches.length - 1, i === 0);
    });
    fetched = Math.max(fetched, from);
    for (let g = 1; g < groups.length; g++) addStep(g, c0, c1, [c0, c1], inputFetches.length - 1, true);
    chunks.push({ outRow0: c0, outRow1: c1, firstStep, lastStep: steps.length - 1 });
  }

  // A use's weights are fetched when a slot frees: at start for the first `slots` uses, else after use − slots ends.
  const slots = allocation.weightSlots;
  const weightFetches: WeightFetch[] = uses.map((u, i) => ({
    k0: u.group.k0,
    k1: u.group.k1,
    issueAfterStep: weightsOnce || i < slots ? -1 : uses[i - slots]!.lastStep,
  }));
  return { mapping, allocation, steps, chunks, inputFetches, weightFetches };
}

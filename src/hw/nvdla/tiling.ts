import type { Layer } from '../../workload/layer.js';
import { allocateCbuf, kernelGroups, type CbufAllocation, type CbufWeights, type KernelGroup } from './cbuf-allocation.js';
import { inputRowsFor, mapConvolution, type ConvMapping } from './conv-mapping.js';
import type { NvdlaParams } from './spec.js';

/**
 * The tiling plan of one convolution: its steps (one kernel group over a range
 * of output rows, the unit the core schedules one event for) and the CDMA
 * fetches they wait on. A fetch is issued at layer start (issueAfterStep −1) or
 * when the step that frees its CBUF space has finished computing.
 */
export interface InputFetch {
  /** Input rows [row0, row1). */
  row0: number;
  row1: number;
  issueAfterStep: number;
}

export interface WeightFetch {
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

export interface ConvPlan {
  mapping: ConvMapping;
  allocation: CbufAllocation;
  steps: ConvStep[];
  inputFetches: InputFetch[];
  weightFetches: WeightFetch[];
}

/**
 * With the whole input resident, the first kernel group is cut into this many row chunks so that it computes on
 * rows as they arrive instead of waiting for the whole input. Simulation granularity, not hardware: CDMA and CSC
 * exchange CBUF status continuously; 8 chunks bound the error to an eighth of the input transfer.
 */
export const STREAM_CHUNKS = 8;

/** Cut output rows [0, H) into `n` near-equal chunks whose sizes are multiples of `align` (the last may be short). */
function evenRowChunks(H: number, n: number, align: number): [number, number][] {
  const units = Math.ceil(H / align);
  const count = Math.max(1, Math.min(n, units));
  const out: [number, number][] = [];
  for (let i = 0; i < count; i++) {
    const y0 = Math.min(H, Math.round((i * units) / count) * align);
    const y1 = Math.min(H, Math.round(((i + 1) * units) / count) * align);
    if (y1 > y0) out.push([y0, y1]);
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

export function planConvolution(l: Layer, p: NvdlaParams, weights: CbufWeights): ConvPlan {
  const mapping = mapConvolution(l, p);
  const groups = kernelGroups(l, p.macAtomicK);
  const allocation = allocateCbuf(l, mapping, p, groups, weights);
  const rowSplit = allocation.mode === 'row-split';
  const chunks = rowSplit
    ? capacityRowChunks(l, mapping, allocation.dataEntries)
    : evenRowChunks(l.outputHeight, STREAM_CHUNKS, mapping.outputRowAlign);

  const steps: ConvStep[] = [];
  const inputFetches: InputFetch[] = [];
  // One "weight use" per kernel group per pass over the CBUF weights; each use needs one resident slot.
  const uses: { group: KernelGroup; lastStep: number }[] = [];
  const weightsOnce = allocation.weightSlots >= groups.length;
  const addStep = (g: number, y0: number, y1: number, input: number): void => {
    const [scopeRow0, scopeRow1] = rowSplit ? [y0, y1] : [0, l.outputHeight];
    const group = groups[g]!;
    const prev = steps[steps.length - 1];
    let use: number;
    if (weightsOnce) {
      uses[g] ??= { group, lastStep: -1 };
      use = g;
    } else if (!rowSplit && prev !== undefined && prev.k0 === group.k0) {
      use = uses.length - 1; // the row chunks of the first group share its weights
    } else {
      use = uses.push({ group, lastStep: -1 }) - 1;
    }
    uses[use]!.lastStep = steps.length;
    steps.push({ k0: group.k0, k1: group.k1, outRow0: y0, outRow1: y1, scopeRow0, scopeRow1, input, weight: use });
  };

  if (rowSplit) {
    let lastStepOfChunk = -1;
    for (const [y0, y1] of chunks) {
      const r = inputRowsFor(l, y0, y1);
      inputFetches.push({ row0: r.first, row1: r.end, issueAfterStep: lastStepOfChunk });
      for (let g = 0; g < groups.length; g++) addStep(g, y0, y1, inputFetches.length - 1);
      lastStepOfChunk = steps.length - 1;
    }
  } else {
    let fetched = 0;
    for (const [y0, y1] of chunks) {
      const r = inputRowsFor(l, y0, y1);
      // Rows the next chunk shares with this one are fetched once (the whole input stays resident).
      const end = y1 === l.outputHeight ? l.inputHeight : Math.max(fetched, r.end);
      if (end > fetched || inputFetches.length === 0) inputFetches.push({ row0: fetched, row1: end, issueAfterStep: -1 });
      fetched = end;
      addStep(0, y0, y1, inputFetches.length - 1);
    }
    for (let g = 1; g < groups.length; g++) addStep(g, 0, l.outputHeight, inputFetches.length - 1);
  }

  // A use's weights are fetched when a slot frees: at start for the first `slots` uses, else after use − slots ends.
  const slots = allocation.weightSlots;
  const weightFetches: WeightFetch[] = uses.map((u, i) => ({
    k0: u.group.k0,
    k1: u.group.k1,
    issueAfterStep: weightsOnce || i < slots ? -1 : uses[i - slots]!.lastStep,
  }));
  return { mapping, allocation, steps, inputFetches, weightFetches };
}

import type { ConvMapping } from './conv-mapping.js';
import type { NvdlaParams } from './spec.js';
import { atomicCount, balancedStripes, fixedStripes, sliceStripes, stripeCount, stripesEndingBy, type StripeRun } from './stripes.js';

/**
 * Closed-form timing of convolution work, in core cycles.
 *
 * A channel operation of stripe length L computes for stripesPerChannelOp × max(L, weightLoad) cycles (a stripe
 * shorter than the weight load waits for the next weights) and then drains kernels × L × positionsPerAtomic
 * results from CACC to SDP at min(CACC, SDP) elements per cycle.
 *
 * CACC has an assembly buffer (accumulating) and a separate delivery buffer (draining to SDP)
 * (unit_description.rst, Convolution Accumulator), so the drain of channel op i overlaps the compute of op i+1.
 * Op i's results move to the delivery buffer when its compute is done and the drain of op i−1 has finished; only
 * then is the assembly buffer free for op i+1 (CACC back-pressures CSC). With T_i that hand-over time:
 *   T_i = T_{i−1} + max(c_i, d_{i−1}),   the work ends at T_last + d_last.
 */

/** The channel operations of one tiling step: `runs` repeated `repeat` times (once per output row in image mode). */
export interface StepWork {
  runs: StripeRun[];
  repeat: number;
  kernels: number;
}

/** The rows a step computes, and the rows its stripes are cut over (see ConvStep in tiling.ts). */
export interface StepRows {
  outRow0: number;
  outRow1: number;
  scopeRow0: number;
  scopeRow1: number;
}

/**
 * The channel ops of a step. Stripes are cut over the step's scope: per output row in image mode; otherwise
 * across rows, balanced over the whole scope, and the step takes the stripes that end within its own rows
 * (so cutting a resident input into row chunks for streaming does not change the stripes).
 */
export function stepWork(m: ConvMapping, s: StepRows, kernels: number): StepWork {
  if (m.stripesPerRow) return { runs: fixedStripes(m.computeWidth, m.stripeMax), repeat: s.outRow1 - s.outRow0, kernels };
  const scope = balancedStripes(rowUnits(m, s.scopeRow1 - s.scopeRow0), m.stripeMax);
  const from = stripesEndingBy(scope, rowUnits(m, s.outRow0 - s.scopeRow0));
  const to = stripesEndingBy(scope, rowUnits(m, s.outRow1 - s.scopeRow0));
  return { runs: sliceStripes(scope, from, to), repeat: 1, kernels };
}

/** Atomic ops of `rows` output rows: rows are computed in whole multiples of the row alignment (Winograd pads the last rows to 4). */
function rowUnits(m: ConvMapping, rows: number): number {
  return Math.ceil((Math.ceil(rows / m.outputRowAlign) * m.outputRowAlign * m.computeWidth) / m.positionsPerAtomic);
}

export interface ChannelOpCosts {
  compute(length: number): number;
  drain(length: number): number;
}

/** `drainRate`: elements per cycle from CACC into the output path (the slowest of CACC, SDP and, fused, PDP). */
export function channelOpCosts(m: ConvMapping, p: NvdlaParams, kernels: number, drainRate: number): ChannelOpCosts {
  return new StepCosts(m.stripesPerChannelOp, p.weightLoad_cycles, kernels, m.positionsPerAtomic, drainRate);
}

/** The costs as plain numbers (one object a step, no closures). */
class StepCosts implements ChannelOpCosts {
  constructor(
    private readonly stripesPerChannelOp: number,
    private readonly weightLoad_cycles: number,
    private readonly kernels: number,
    private readonly positionsPerAtomic: number,
    private readonly drainRate: number,
  ) {}
  compute(L: number): number {
    return this.stripesPerChannelOp * Math.max(L, this.weightLoad_cycles);
  }
  drain(L: number): number {
    return Math.ceil((this.kernels * L * this.positionsPerAtomic) / this.drainRate);
  }
}

/** Where the CACC pipeline stands: the last hand-over time and the drain still owed after it (cycles). */
export interface CaccState {
  computeEnd: number;
  drain: number;
}

export const IDLE_CACC: CaccState = { computeEnd: 0, drain: 0 };

/** Σ max(c_i, d_{i−1}) over the work's channel ops, starting with a previous drain of dPrev; and the last drain. */
export function pipelineCycles(work: StepWork, costs: ChannelOpCosts, dPrev: number): { cycles: number; lastDrain: number } {
  const first = pass(work, costs, dPrev);
  if (work.repeat <= 1) return first;
  // Every later repetition starts after the same last op, so it costs the same.
  const rest = pass(work, costs, first.lastDrain);
  return { cycles: first.cycles + (work.repeat - 1) * rest.cycles, lastDrain: rest.lastDrain };
}

/** One pass over the work's channel ops, after a previous drain of d0. */
function pass(work: StepWork, costs: ChannelOpCosts, d0: number): { cycles: number; lastDrain: number } {
  let cycles = 0;
  let d = d0;
  for (const r of work.runs) {
    const c = costs.compute(r.length);
    const dd = costs.drain(r.length);
    cycles += Math.max(c, d) + (r.count - 1) * Math.max(c, dd);
    d = dd;
  }
  return { cycles, lastDrain: d };
}

/**
 * Run one step on the pipeline. It can start when the previous step has handed over, its input rows are in CBUF
 * and its first stripe's weights are loaded into the MAC cells (weightLoad cycles after they are in CBUF; a load
 * that can start while the previous stripe runs is hidden).
 */
export function runStep(
  state: CaccState,
  inputReady: number,
  weightsReady: number,
  work: StepWork,
  costs: ChannelOpCosts,
  weightLoad_cycles: number,
): CaccState {
  const start = Math.max(state.computeEnd, inputReady, weightsReady + weightLoad_cycles);
  const owed = Math.max(0, state.computeEnd + state.drain - start);
  const { cycles, lastDrain } = pipelineCycles(work, costs, owed);
  return { computeEnd: start + cycles, drain: lastDrain };
}

/** Atomic ops and stripe (weight) loads of a step, for CBUF read energy. */
export function stepCounts(m: ConvMapping, work: StepWork): { atomics: number; stripes: number } {
  return {
    atomics: atomicCount(work.runs) * m.stripesPerChannelOp * work.repeat,
    stripes: stripeCount(work.runs) * m.stripesPerChannelOp * work.repeat,
  };
}

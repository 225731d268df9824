import { Priority } from '../../engine/event-queue.js';
import type { Picoseconds } from '../../engine/time.js';
import { layerMacs, layerWeightCount, sliceOffsetElements, type Layer } from '../../workload/layer.js';
import { ConvOutputPath, type ConvFusion } from './conv-output.js';
import { ChunkLedger } from './hardware-op.js';
import { channelOpCosts, IDLE_CACC, runStep, stepCounts, stepWork, type CaccState } from './conv-timing.js';
import type { LayerResult } from './layer-result.js';
import { completeLayer, cyclesSince, memoryFloorCycles, type RunContext } from './layer-run.js';
import type { LayerIo } from './memory-interface.js';
import { planConvolution, type ConvPlan } from './tiling.js';
import { cbufWeightBytes, cbufWeightsOf } from './weight-source.js';
import { fetchWeightOperand } from './weight-operand.js';

/**
 * One convolution (or fully connected) layer on the core. CDMA fetches follow
 * the tiling plan; each step is timed in closed form when it is scheduled (its
 * output write requested then) and gets one event at its compute end, where
 * the fetches waiting for its CBUF space are issued and the next step is
 * scheduled. The results go through SDP (and PDP) to memory (conv-output.ts),
 * with any layers fused into this hardware layer. The layer ends when the last
 * drain and the last transfer of the output path are done.
 * Times inside the layer are core cycles since the layer's start.
 */
export class ConvLayerRun {
  private readonly plan: ConvPlan;
  private readonly t0: Picoseconds;
  private readonly inputReady: number[] = [];
  private readonly weightReady: number[] = [];
  private readonly inputByStep = new Map<number, number[]>();
  private readonly weightByStep = new Map<number, number[]>();
  private cacc: CaccState = IDLE_CACC;
  /** Stall breakdown (cycles): see LayerTally. */
  private launch = 0;
  private prologue = 0;
  private inputWait = 0;
  private weightWait = 0;
  /** Row chunk of each step; per chunk, its operations' bytes and times. */
  private readonly chunkOfStep: number[] = [];
  private readonly inputChunk: number[] = [];
  private readonly weightChunk: number[] = [];
  /** The first step that uses each input and weight fetch: the order fetches are issued in. */
  private readonly inputFirstUse: number[] = [];
  private readonly weightFirstUse: number[] = [];
  private readonly chunks: ChunkLedger;
  /** The same pipeline with every fetch done at cycle 0: the layer's pure compute time. */
  private pure: CaccState = IDLE_CACC;
  private readonly output: ConvOutputPath;
  private featureRead_B = 0;
  /** Bytes of input rows fetched for the first time (rows are fetched in increasing order; rowsSeenEnd is the highest so far). */
  private uniqueFeature_B = 0;
  private rowsSeenEnd = 0;
  private weightFetched_B = 0;
  private cbufWrite_B = 0;
  private atomics = 0;
  private weightAtoms = 0;

  constructor(
    private readonly ctx: RunContext,
    private readonly layer: Layer,
    private readonly layerIndex: number,
    private readonly io: LayerIo,
    private readonly onDone: (r: LayerResult) => void,
    private readonly fusion: ConvFusion = {},
  ) {
    this.t0 = ctx.sim.now;
    this.output = new ConvOutputPath(ctx, layer, fusion, io);
    this.plan = planConvolution(layer, ctx.p, cbufWeightsOf(ctx.p, io.weights, layer, layerIndex));
    this.plan.inputFetches.forEach((f, i) => push(this.inputByStep, f.issueAfterStep, i));
    this.plan.weightFetches.forEach((f, i) => push(this.weightByStep, f.issueAfterStep, i));
    this.plan.chunks.forEach((c, i) => {
      for (let s = c.firstStep; s <= c.lastStep; s++) this.chunkOfStep[s] = i;
    });
    // A fetch belongs to the chunk whose steps use it first (a later chunk's weights may be fetched early).
    this.plan.steps.forEach((s, i) => {
      this.inputChunk[s.input] ??= this.chunkOfStep[i]!;
      this.weightChunk[s.weight] ??= this.chunkOfStep[i]!;
      this.inputFirstUse[s.input] ??= i;
      this.weightFirstUse[s.weight] ??= i;
    });
    this.chunks = new ChunkLedger(this.plan.chunks.length);
  }

  /** Start the layer's work now: the driver has launched it (the launch counts from the layer's request, t0). */
  start(): void {
    this.launch = cyclesSince(this.ctx.clock, this.t0, this.ctx.sim.now);
    this.issueFetches(-1);
    this.computeStep(0);
  }

  /** Weights as held in CBUF: the store's figure with weight compression, dense int8 without. */
  private cbufWeightBytes(k0: number, k1: number): number {
    return cbufWeightBytes(this.ctx.p, this.io.weights, this.layer, this.layerIndex, k0, k1);
  }

  /**
   * Issue the fetches that wait for step `afterStep` (−1: layer start). CDMA's data and weight channels run side by
   * side and share one memory; requests go out in the order the computation needs them (by the first step that
   * uses each, input before weights on a tie), so data wanted now never queues behind weights wanted later.
   */
  private issueFetches(afterStep: number): void {
    const wanted: { firstUse: number; input: boolean; index: number }[] = [];
    for (const i of this.inputByStep.get(afterStep) ?? []) wanted.push({ firstUse: this.inputFirstUse[i]!, input: true, index: i });
    for (const j of this.weightByStep.get(afterStep) ?? []) wanted.push({ firstUse: this.weightFirstUse[j]!, input: false, index: j });
    wanted.sort((a, b) => a.firstUse - b.firstUse || Number(b.input) - Number(a.input));
    // A chunk's operation starts with its first fetch.
    const now = this.ctx.sim.now;
    for (const w of wanted) {
      if (w.input) this.chunkRead(this.inputChunk[w.index]!, now, this.fetchInput(w.index));
      else this.chunkRead(this.weightChunk[w.index]!, now, this.fetchWeights(w.index));
    }
  }

  private chunkRead(chunk: number, t: Picoseconds, bytes: number): void {
    this.chunks.started(chunk, t);
    this.chunks.convRead_B[chunk]! += bytes;
  }

  private fetchInput(i: number): number {
    const { memif, sim, clock } = this.ctx;
    const f = this.plan.inputFetches[i]!;
    const rowBytes = this.plan.mapping.inputRowBytes;
    const bytes = (f.row1 - f.row0) * rowBytes;
    const base = this.io.addressOf(this.layer.inputs[0] ?? 'input') + sliceOffsetElements(this.layer, 0);
    const done = memif.read(this.io, base + f.row0 * rowBytes, bytes, sim.now, 'features');
    this.inputReady[i] = cyclesSince(clock, this.t0, done);
    this.featureRead_B += bytes;
    this.uniqueFeature_B += Math.max(0, f.row1 - Math.max(f.row0, this.rowsSeenEnd)) * rowBytes;
    this.rowsSeenEnd = Math.max(this.rowsSeenEnd, f.row1);
    this.cbufWrite_B += bytes;
    return bytes;
  }

  private fetchWeights(i: number): number {
    const { memif, sim, clock } = this.ctx;
    const f = this.plan.weightFetches[i]!;
    const { done, bytes } = fetchWeightOperand(memif, this.io, this.layer, this.layerIndex, f.k0, f.k1, sim.now);
    this.weightReady[i] = cyclesSince(clock, this.t0, done);
    // A matmul's B operand is feature data read from the feature memory, not weights (weight-operand.ts).
    if (this.layer.op === 'matmul') {
      this.featureRead_B += bytes;
      this.uniqueFeature_B += bytes;
    }
    else this.weightFetched_B += bytes;
    this.cbufWrite_B += this.cbufWeightBytes(f.k0, f.k1);
    return bytes;
  }

  private computeStep(i: number): void {
    const { p, sim, clock } = this.ctx;
    const step = this.plan.steps[i]!;
    const m = this.plan.mapping;
    const kernels = step.k1 - step.k0;
    const work = stepWork(m, step, kernels);
    const costs = channelOpCosts(m, p, kernels, this.output.drainRate());
    const inputReady = this.inputReady[step.input]!;
    const weightsLoaded = this.weightReady[step.weight]! + p.weightLoad_cycles;
    // A wait is counted against what the step would have waited with every fetch done (the pure schedule).
    const base = i === 0 ? this.launch + p.weightLoad_cycles : this.cacc.computeEnd;
    const wait = Math.max(0, Math.max(inputReady, weightsLoaded) - base);
    if (i === 0) this.prologue = wait;
    else if (inputReady >= weightsLoaded) this.inputWait += wait;
    else this.weightWait += wait;
    this.cacc = runStep(this.cacc, inputReady, this.weightReady[step.weight]!, work, costs, p.weightLoad_cycles);
    this.pure = runStep(this.pure, 0, 0, work, costs, p.weightLoad_cycles);
    const counts = stepCounts(m, work);
    this.atomics += counts.atomics;
    this.weightAtoms += counts.stripes * kernels;
    // The step's last channel operation drains after its compute: those results are written last (conv-output.ts).
    const lastRun = work.runs[work.runs.length - 1];
    const tail = lastRun === undefined ? 0 : kernels * lastRun.length * m.positionsPerAtomic;
    const moved = this.output.step(step, tail);
    const chunk = this.chunkOfStep[i]!;
    this.chunks.started(chunk, sim.now); // a chunk with nothing to fetch (retained rows, resident weights)
    this.chunks.sdpRead_B[chunk]! += moved.operand_B;
    this.chunks.written_B[chunk]! += moved.written_B;
    sim.at(this.t0 + clock.cycles(this.cacc.computeEnd), Priority.COMPUTE_DONE, () => this.stepDone(i));
  }

  private stepDone(i: number): void {
    const { clock } = this.ctx;
    this.output.flushTail();
    const chunk = this.chunkOfStep[i]!;
    this.chunks.ended(chunk, Math.max(this.t0 + clock.cycles(this.cacc.computeEnd + this.cacc.drain), this.output.done));
    this.issueFetches(i);
    if (i + 1 < this.plan.steps.length) this.computeStep(i + 1);
    else this.finish();
  }

  private finish(): void {
    const { p, clock } = this.ctx;
    const l = this.layer;
    const m = this.plan.mapping;
    const drained = this.cacc.computeEnd + this.cacc.drain;
    const cycles = Math.max(drained, cyclesSince(clock, this.t0, this.output.done));
    const macs = layerMacs(l);
    // CBUF holds compressed weights when compression is on: CSC reads them at the same ratio.
    const denseWeights = layerWeightCount(l);
    const weightRatio = denseWeights > 0 ? this.cbufWeightBytes(0, l.outputChannels) / denseWeights : 1;
    completeLayer(
      this.ctx,
      l,
      this.layerIndex,
      this.t0,
      cycles,
      {
        computeCycles: this.pure.computeEnd + this.pure.drain,
        launchCycles: this.launch,
        prologueCycles: this.prologue,
        inputWaitCycles: this.inputWait,
        weightWaitCycles: this.weightWait,
        writebackCycles: cycles - drained,
        memoryFloorCycles: memoryFloorCycles(this.ctx, this.io, {
          featureRead_B: this.featureRead_B + this.output.operandRead_B,
          written_B: this.output.written_B,
          weight_B: this.weightFetched_B,
        }),
        hardwareOps: this.chunks.ops(l.name, this.fusion.eltwise?.name ?? l.name, this.fusion.pool?.name, (a, b) => cyclesSince(clock, a, b)),
        featureRead_B: this.featureRead_B + this.output.operandRead_B,
        refetchedFeature_B: this.featureRead_B - this.uniqueFeature_B,
        outputWritten_B: this.output.written_B,
        weightFetched_B: this.weightFetched_B,
        activity: {
          multiplies: macs * m.multipliesPerMac,
          cbufRead_B: (this.atomics + this.weightAtoms * weightRatio) * p.macAtomicC,
          cbufWrite_B: this.cbufWrite_B,
          sdpElements: this.output.sdpElements(),
          pdpElements: this.output.pdpElements(),
        },
        cbufMode: this.plan.allocation.mode,
        convMode: m.mode,
        steps: this.plan.steps.length,
        fusedLayers: this.output.fusedLayers(),
      },
      this.onDone,
    );
  }
}

function push(map: Map<number, number[]>, key: number, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

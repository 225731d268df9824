import { Priority, type Simulator } from '../../engine/event-queue.js';
import type { ClockDomain, Picoseconds } from '../../engine/time.js';
import { layerMacs, type Layer } from '../../workload/layer.js';
import type { CbufMode } from './cbuf-allocation.js';
import type { ConvMode } from './conv-mapping.js';
import { dynamicEnergy_J, leakageEnergy_J, totalEnergy_J, type CoreActivity } from './energy.js';
import type { HardwareOp } from './hardware-op.js';
import type { LayerResult } from './layer-result.js';
import type { LayerIo, MemoryInterface } from './memory-interface.js';
import type { NvdlaParams } from './spec.js';

/** What a layer run needs from the core. */
export interface RunContext {
  p: NvdlaParams;
  sim: Simulator;
  clock: ClockDomain;
  memif: MemoryInterface;
}

/** What a layer run counted, handed to completeLayer. */
export interface LayerTally {
  computeCycles: number;
  /** Cycles from the layer's request to its first operation's start: the driver's launch (opLaunch_ns). */
  launchCycles: number;
  /** Cycles after the launch until the first step's data was in CBUF: a wait no memory avoids (0 for streaming post-ops). */
  prologueCycles: number;
  /** Cycles later steps waited for their input rows. */
  inputWaitCycles: number;
  /** Cycles later steps waited for their weights. */
  weightWaitCycles: number;
  /** Cycles from the last drain to the last output byte written. */
  writebackCycles: number;
  /** The least cycles the layer's bytes need at the memories' peak bandwidths (memoryFloorCycles). */
  memoryFloorCycles: number;
  hardwareOps: HardwareOp[];
  featureRead_B: number;
  refetchedFeature_B: number;
  outputWritten_B: number;
  weightFetched_B: number;
  activity: CoreActivity;
  cbufMode: CbufMode | 'none';
  convMode: ConvMode | 'none';
  steps: number;
  /** Layers run inside this hardware layer (fusion.ts); empty when none. */
  fusedLayers: string[];
}

/** Whole core cycles from t0 until t (memory completions fall between clock edges). */
export function cyclesSince(clock: ClockDomain, t0: Picoseconds, t: Picoseconds): number {
  return Math.max(0, Math.ceil((t - t0) / clock.period_ps));
}

/** Build the layer's result and deliver it at the layer's end time. */
export function completeLayer(
  ctx: RunContext,
  layer: Layer,
  layerIndex: number,
  t0: Picoseconds,
  cycles: number,
  tally: LayerTally,
  onDone: (r: LayerResult) => void,
): LayerResult {
  const { p, clock } = ctx;
  const end_ps = t0 + clock.cycles(cycles);
  const macs = layerMacs(layer);
  const arrayMacs = p.macAtomicC * p.macAtomicK;
  const energy_J = { ...dynamicEnergy_J(p, tally.activity), leakage: leakageEnergy_J(p, end_ps - t0) };
  const result: LayerResult = {
    name: layer.name,
    layerIndex,
    op: layer.op,
    start_ps: t0,
    end_ps,
    cycles,
    computeCycles: tally.computeCycles,
    stallCycles: cycles - tally.computeCycles,
    launchCycles: tally.launchCycles,
    prologueCycles: tally.prologueCycles,
    inputWaitCycles: tally.inputWaitCycles,
    weightWaitCycles: tally.weightWaitCycles,
    writebackCycles: tally.writebackCycles,
    memoryFloorCycles: tally.memoryFloorCycles,
    // The roofline criterion: the layer's bytes at peak bandwidth take longer than its computation.
    bound: tally.memoryFloorCycles > tally.computeCycles ? 'memory' : 'compute',
    macs,
    // The array's own figure counts the multiplies it performed (Winograd: 2.25× fewer than the network's MACs).
    macUtilization: cycles > 0 ? tally.activity.multiplies / (cycles * arrayMacs) : 0,
    effectiveMacUtilization: cycles > 0 ? macs / (cycles * arrayMacs) : 0,
    cbufMode: tally.cbufMode,
    convMode: tally.convMode,
    steps: tally.steps,
    fusedLayers: tally.fusedLayers,
    featureRead_B: tally.featureRead_B,
    refetchedFeature_B: tally.refetchedFeature_B,
    outputWritten_B: tally.outputWritten_B,
    weightFetched_B: tally.weightFetched_B,
    hardwareOps: tally.hardwareOps,
    energy_J,
    totalEnergy_J: totalEnergy_J(energy_J),
  };
  ctx.sim.at(end_ps, Priority.COMPUTE_DONE, () => onDone(result));
  return result;
}

/**
 * The roofline's memory floor of a layer, in core cycles: its bytes at the peak bandwidths that carry them. The
 * feature memory carries feature reads and writes (and the weights too when they live there); a separate weight
 * store carries the weights in parallel; the memory interface's read and write channels (memifWidth_B per cycle
 * each) bound reads and writes separately.
 */
export function memoryFloorCycles(ctx: RunContext, io: LayerIo, bytes: { featureRead_B: number; written_B: number; weight_B: number }): number {
  const { p, clock } = ctx;
  const seconds = (b: number, bps: number): number => (b > 0 ? b / bps : 0);
  const shared = io.weights.sharesMemoryWith?.(io.features) === true;
  const featureBytes = bytes.featureRead_B + bytes.written_B + (shared ? bytes.weight_B : 0);
  const weightBps = io.weights.peakBandwidth_Bps?.() ?? Number.POSITIVE_INFINITY;
  const memif_Bps = p.memifWidth_B * p.clock_GHz * 1e9;
  const floor_s = Math.max(
    seconds(featureBytes, io.features.peakBandwidth_Bps()),
    shared ? 0 : seconds(bytes.weight_B, weightBps),
    seconds(bytes.featureRead_B + bytes.weight_B, memif_Bps),
    seconds(bytes.written_B, memif_Bps),
  );
  return floor_s / (clock.period_ps * 1e-12);
}

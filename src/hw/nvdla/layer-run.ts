import { Priority, type Simulator } from '../../engine/event-queue.js';
import type { ClockDomain, Picoseconds } from '../../engine/time.js';
import { layerMacs, type Layer } from '../../workload/layer.js';
import type { CbufMode } from './cbuf-allocation.js';
import type { ConvMode } from './conv-mapping.js';
import { dynamicEnergy_J, leakageEnergy_J, totalEnergy_J, type CoreActivity } from './energy.js';
import type { LayerResult } from './layer-result.js';
import type { MemoryInterface } from './memory-interface.js';
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
  /** Cycles until the first step's data was in CBUF: a wait no memory avoids (0 for streaming post-ops). */
  prologueCycles: number;
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
    prologueCycles: tally.prologueCycles,
    // Memory-bound: memory held the layer up after its first data had arrived.
    bound: cycles - tally.computeCycles > tally.prologueCycles ? 'memory' : 'compute',
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
    energy_J,
    totalEnergy_J: totalEnergy_J(energy_J),
  };
  ctx.sim.at(end_ps, Priority.COMPUTE_DONE, () => onDone(result));
  return result;
}

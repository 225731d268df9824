import { Priority } from '../engine/event-queue.js';
import { psToSeconds, type Picoseconds } from '../engine/time.js';
import { groupIndices } from '../hw/nvdla/fusion.js';
import type { HardwareOp } from '../hw/nvdla/hardware-op.js';
import { checkLayerResult, type LayerResult } from '../hw/nvdla/layer-result.js';
import { hasWeights, layerMacs, type Layer } from '../workload/layer.js';
import { componentTotals, diffNested, sumNested, type Nested as ComponentEnergy } from '../engine/stats.js';
import type { System } from './system.js';

type MemoryBytes = Record<string, { read_B: number; written_B: number }>;

/** One layer as reported: the core's result plus bytes per memory and the whole system's energy during it. */
export interface LayerReport {
  name: string;
  op: string;
  start_s: number;
  cycles: number;
  time_s: number;
  bound: 'compute' | 'memory';
  macs: number;
  mac_utilization: number;
  effective_mac_utilization: number;
  cbufMode: string;
  /** Cycles with every fetch done at once (the pipeline alone). */
  compute_cycles: number;
  /** The roofline's memory floor: the layer's bytes at peak bandwidth, cycles (fractional). */
  memory_floor_cycles: number;
  /** Where the cycles beyond compute_cycles went (a wait the pipeline hides behind a drain is still counted). */
  stall_cycles: { launch: number; prologue: number; input_wait: number; weight_wait: number; writeback: number };
  /** Bytes the core moved: weights read, features read (incl. element-wise operands), features written. */
  weight_read_B: number;
  feature_read_B: number;
  feature_written_B: number;
  /** Hardware operations launched for the layer (a convolution chunk counts a conv and an SDP operation). */
  hardware_ops: number;
  bytes: MemoryBytes;
  energy_J: number;
  energyByComponent_J: Record<string, number>;
  /**
   * Set on a layer that ran inside another layer's hardware layer (an element-wise add in the convolution's SDP,
   * a pooling in PDP on the fly): the name of that convolution, whose report carries the time, traffic and
   * energy of both. The fused layer reports zero cycles, bytes and energy.
   */
  fusedInto?: string;
}

export interface InferenceRun {
  start: Picoseconds;
  end: Picoseconds;
  layers: LayerReport[];
  /** Every hardware operation in launch order. */
  hardwareOps: HardwareOp[];
}

/** The report of a layer fused into `head`'s hardware layer: zero time, traffic and energy, same keys. */
function fusedReport(layer: Layer, head: LayerReport): LayerReport {
  const bytes: MemoryBytes = {};
  for (const name of Object.keys(head.bytes)) bytes[name] = { read_B: 0, written_B: 0 };
  const energyByComponent_J: Record<string, number> = {};
  for (const name of Object.keys(head.energyByComponent_J)) energyByComponent_J[name] = 0;
  return {
    name: layer.name,
    op: layer.op,
    start_s: head.start_s,
    cycles: 0,
    time_s: 0,
    bound: head.bound, // it ran under the head's bound
    macs: layerMacs(layer),
    mac_utilization: 0,
    effective_mac_utilization: 0,
    cbufMode: 'none',
    compute_cycles: 0,
    memory_floor_cycles: 0,
    stall_cycles: { launch: 0, prologue: 0, input_wait: 0, weight_wait: 0, writeback: 0 },
    weight_read_B: 0,
    feature_read_B: 0,
    feature_written_B: 0,
    hardware_ops: 0,
    bytes,
    energy_J: 0,
    energyByComponent_J,
    fusedInto: head.name,
  };
}

/**
 * Run the trace's layers on the NVDLA core, starting now. NVDLA processes one
 * hardware layer at a time, the next starting when the previous one's last
 * output is written; a hardware layer is one trace layer, or a convolution
 * with the layers the core fuses into it (NvdlaCore.planGroups).
 */
export function runInference(sys: System, onDone: (run: InferenceRun) => void): void {
  const { sim, trace, core, stats } = sys;
  const start = sim.now;
  const layers: LayerReport[] = [];
  const hardwareOps: HardwareOp[] = [];
  const groups = core.planGroups(trace.layers, sys.io);
  const memBytes = (): MemoryBytes => {
    const out: MemoryBytes = {};
    for (const m of sys.memories) out[m.name] = { read_B: m.device.bytesRead, written_B: m.device.bytesWritten };
    return out;
  };
  let index = 0;
  const runNext = (): void => {
    const group = groups[index];
    if (group === undefined) {
      onDone({ start, end: sim.now, layers, hardwareOps });
      return;
    }
    const head = trace.layers[group.head]!;
    // Optionally the eNVM sleeps through a layer that reads no weights; the next weight read wakes it.
    if (sys.envm?.params.gateBetweenLayers === true && !hasWeights(head)) sys.envm.sleep(sim.now);
    const before = stats.snapshot(sim.now);
    const bytesBefore = memBytes();
    const run = (done: (r: LayerResult) => void): void => {
      // Layers NVDLA cannot run go to the host CPU (op "host"); everything else is a hardware layer of the core.
      if (head.op !== 'host') return core.runGroup(trace.layers, group, sys.io, done);
      if (sys.host === undefined) throw new Error(`runInference: host layer ${head.name} but the system has no host`);
      sys.host.run(head, group.head, sys.io, done);
    };
    run((r: LayerResult) => {
      checkLayerResult(r);
      const after = stats.snapshot(sim.now);
      const bytesAfter = memBytes();
      const bytes: MemoryBytes = {};
      for (const [name, b] of Object.entries(bytesAfter)) {
        const a = bytesBefore[name] ?? { read_B: 0, written_B: 0 };
        bytes[name] = { read_B: b.read_B - a.read_B, written_B: b.written_B - a.written_B };
      }
      const energy = diffNested(before.energy_J, after.energy_J);
      const report: LayerReport = {
        name: head.name,
        op: head.op,
        start_s: psToSeconds(r.start_ps),
        cycles: r.cycles,
        time_s: psToSeconds(r.end_ps - r.start_ps),
        bound: r.bound,
        macs: layerMacs(head),
        mac_utilization: r.macUtilization,
        effective_mac_utilization: r.effectiveMacUtilization,
        cbufMode: r.cbufMode,
        compute_cycles: r.computeCycles,
        memory_floor_cycles: r.memoryFloorCycles,
        stall_cycles: { launch: r.launchCycles, prologue: r.prologueCycles, input_wait: r.inputWaitCycles, weight_wait: r.weightWaitCycles, writeback: r.writebackCycles },
        weight_read_B: r.weightFetched_B,
        feature_read_B: r.featureRead_B,
        feature_written_B: r.outputWritten_B,
        hardware_ops: r.hardwareOps.length,
        bytes,
        energy_J: sumNested(energy),
        energyByComponent_J: componentTotals(energy),
      };
      layers.push(report);
      hardwareOps.push(...r.hardwareOps);
      for (const i of groupIndices(group).slice(1)) layers.push(fusedReport(trace.layers[i]!, report));
      index++;
      // Start the next hardware layer from a fresh event so deep traces never grow the call stack.
      sim.after(0, Priority.CONTROL, runNext);
    });
  };
  runNext();
}

/** One inference from a cold start: the frame-rate-independent part of every frame (simulate and sweep). */
export interface ColdInference {
  latency_ps: Picoseconds;
  /** Energy of the inference by component and term, J. */
  energy_J: ComponentEnergy;
  /** Time in each power state during the inference, s. */
  residency_s: Record<string, Record<string, number>>;
  /** Background energy in each power state during the inference, J (same keys as residency_s). */
  stateEnergy_J: Record<string, Record<string, number>>;
  /** Events the inference took. */
  events: number;
}

/** Run one inference on a freshly built system whose devices are all awake at t = 0. */
export function coldInference(sys: System): ColdInference & { run: InferenceRun } {
  const before = sys.stats.snapshot(0);
  const eventsBefore = sys.sim.eventsProcessed;
  let run: InferenceRun | undefined;
  runInference(sys, (r) => (run = r));
  sys.sim.run();
  if (run === undefined) throw new Error('inference did not complete: an event chain stopped early');
  const after = sys.stats.snapshot(run.end);
  return {
    run,
    latency_ps: run.end - run.start,
    energy_J: diffNested(before.energy_J, after.energy_J),
    residency_s: diffNested(before.residency_s, after.residency_s),
    stateEnergy_J: diffNested(before.stateEnergy_J, after.stateEnergy_J),
    events: sys.sim.eventsProcessed - eventsBefore,
  };
}

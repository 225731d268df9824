import { Priority } from '../engine/event-queue.js';
import { psToSeconds, type Picoseconds } from '../engine/time.js';
import { groupIndices } from '../hw/nvdla/fusion.js';
import type { HardwareOp } from '../hw/nvdla/hardware-op.js';
import { checkLayerResult, type LayerResult } from '../hw/nvdla/layer-result.js';
import { hasWeights, layerMacs, type Layer } from '../workload/layer.js';
import type { Nested } from '../engine/stats.js';
import { measurement, partsBetween, type Measurement, type Parts } from './measurement.js';
import type { System } from './system.js';

/** The core's per-layer statistics as outputs carry them: LayerResult's fields, the hardware operations counted. */
export type CoreLayerStats = Omit<LayerResult, 'name' | 'layerIndex' | 'op' | 'start_ps' | 'end_ps' | 'hardwareOps' | 'fusedLayers' | 'energy_J' | 'totalEnergy_J'> & {
  /** Hardware operations launched for the layer (a convolution chunk counts a conv and an SDP operation). */
  hardwareOps: number;
};

/** What names a layer's measurement, and what only a layer has: the core's statistics and bytes per memory. */
export type LayerContext = {
  name: string;
  op: string;
  start_s: number;
  /**
   * Set on a layer that ran inside another layer's hardware layer (an element-wise add in the convolution's SDP,
   * a pooling in PDP on the fly): the name of that convolution, whose measurement carries the time, traffic and
   * energy of both. The fused layer measures zero.
   */
  fusedInto?: string;
  /** Bytes read from and written to each memory, B. */
  bytesRead_B: Record<string, number>;
  bytesWritten_B: Record<string, number>;
} & CoreLayerStats;

/** One layer as reported: the core's statistics and the whole system's measurement during it. */
export type LayerMeasurement = LayerContext & Measurement;

export interface InferenceRun {
  start: Picoseconds;
  end: Picoseconds;
  layers: LayerMeasurement[];
  /** Every hardware operation in launch order. */
  hardwareOps: HardwareOp[];
}

/**
 * The core's per-layer statistics (nvdlaSpec, kind `interval`) that outputs carry elsewhere, and where. Every other
 * one is a field of the layer's measurement under its declared key; `hardwareOps` as a count.
 */
export const CORE_STATS_ELSEWHERE: Readonly<Record<string, string>> = {
  fusedLayers: 'each fused layer has its own row, naming its head in fusedInto',
  energy_J: 'energyByTerm_J.nvdla of the layer',
  totalEnergy_J: 'energyByComponent_J.nvdla of the layer',
};

/** The core's statistics of a layer result, as declared in nvdlaSpec (lists are counted or dropped). */
function coreStats(r: LayerResult, macs: number): CoreLayerStats {
  const { name: _n, layerIndex: _i, op: _o, start_ps: _s, end_ps: _e, hardwareOps, fusedLayers: _f, energy_J: _j, totalEnergy_J: _t, ...rest } = r;
  return { ...rest, macs, hardwareOps: hardwareOps.length };
}

const ZERO_CORE: Omit<CoreLayerStats, 'bound' | 'macs'> = {
  cycles: 0,
  computeCycles: 0,
  stallCycles: 0,
  launchCycles: 0,
  prologueCycles: 0,
  inputWaitCycles: 0,
  weightWaitCycles: 0,
  writebackCycles: 0,
  memoryFloorCycles: 0,
  macUtilization: 0,
  effectiveMacUtilization: 0,
  cbufMode: 'none',
  convMode: 'none',
  steps: 0,
  featureRead_B: 0,
  refetchedFeature_B: 0,
  outputWritten_B: 0,
  weightFetched_B: 0,
  hardwareOps: 0,
};

const zeroed = (m: Record<string, number>): Record<string, number> => Object.fromEntries(Object.keys(m).map((k) => [k, 0]));
const zeroedNested = (m: Nested): Nested => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, zeroed(v)]));

/** The measurement of a layer fused into `head`'s hardware layer: zero time, traffic and energy, same keys. */
function fusedReport(layer: Layer, head: LayerMeasurement): LayerMeasurement {
  return {
    name: layer.name,
    op: layer.op,
    start_s: head.start_s,
    fusedInto: head.name,
    ...ZERO_CORE,
    bound: head.bound, // it ran under the head's bound
    macs: layerMacs(layer),
    bytesRead_B: zeroed(head.bytesRead_B),
    bytesWritten_B: zeroed(head.bytesWritten_B),
    ...measurement({ energyByTerm_J: zeroedNested(head.energyByTerm_J), residency_s: zeroedNested(head.residency_s), stateEnergy_J: zeroedNested(head.stateEnergy_J), stats: zeroedNested(head.stats) }, 0),
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
  const layers: LayerMeasurement[] = [];
  const hardwareOps: HardwareOp[] = [];
  const groups = core.planGroups(trace.layers, sys.io);
  const memBytes = (): { read: Record<string, number>; written: Record<string, number> } => ({
    read: Object.fromEntries(sys.memories.map((m) => [m.name, m.device.bytesRead])),
    written: Object.fromEntries(sys.memories.map((m) => [m.name, m.device.bytesWritten])),
  });
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
      const delta = (after: Record<string, number>, before: Record<string, number>): Record<string, number> =>
        Object.fromEntries(Object.entries(after).map(([name, b]) => [name, b - (before[name] ?? 0)]));
      const report: LayerMeasurement = {
        name: head.name,
        op: head.op,
        start_s: psToSeconds(r.start_ps),
        ...coreStats(r, layerMacs(head)),
        bytesRead_B: delta(bytesAfter.read, bytesBefore.read),
        bytesWritten_B: delta(bytesAfter.written, bytesBefore.written),
        ...measurement(partsBetween(before, after), psToSeconds(r.end_ps - r.start_ps)),
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

/** What names an inference's measurement: its cycles, hardware operations and the highest rate it allows. */
export interface InferenceContext {
  /** NVDLA core cycles of one inference. */
  cycles: number;
  /** Simulator events the inference took. */
  events: number;
  /** Hardware operations the driver launched, counted as NVIDIA's compiler counts them (hardware-op.ts). */
  hardwareOps: number;
  /** The highest frame rate at which one inference fits its period (devices never idle), 1/s. */
  maxFps: number;
  /**
   * The layers run on the host CPU (trace op "host"), listed apart from NVDLA's: their time (part of time_s)
   * and the host's energy (part of energy_J, component "host"). Present only when the trace has host layers.
   */
  host?: { layers: number; time_s: number; energy_J: number };
}

export type InferenceMeasurement = InferenceContext & Measurement;

/**
 * Run one inference on a freshly built system whose devices are all awake at t = 0: the frame-rate-independent
 * part of every frame (simulate and sweep). `parts` and `latency_ps` are what composed periods build on.
 */
export function coldInference(sys: System): { run: InferenceRun; latency_ps: Picoseconds; parts: Parts; inference: InferenceMeasurement } {
  const before = sys.stats.snapshot(0);
  const eventsBefore = sys.sim.eventsProcessed;
  let run: InferenceRun | undefined;
  runInference(sys, (r) => (run = r));
  sys.sim.run();
  if (run === undefined) throw new Error('inference did not complete: an event chain stopped early');
  const after = sys.stats.snapshot(run.end);
  const latency_ps = run.end - run.start;
  const parts = partsBetween(before, after);
  const m = measurement(parts, psToSeconds(latency_ps));
  const inference: InferenceMeasurement = {
    cycles: sys.core.clock.cycleAt(latency_ps),
    events: sys.sim.eventsProcessed - eventsBefore,
    hardwareOps: run.hardwareOps.length,
    maxFps: 1 / m.time_s,
    ...(sys.host === undefined
      ? {}
      : { host: { layers: sys.trace.layers.filter((l) => l.op === 'host').length, time_s: psToSeconds(sys.host.busy_ps), energy_J: m.energyByComponent_J.host ?? 0 } }),
    ...m,
  };
  return { run, latency_ps, parts, inference };
}

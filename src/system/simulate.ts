import type { ArchConfig } from '../config/arch-config.js';
import { psToSeconds } from '../engine/time.js';
import type { DramCommandSink } from '../hw/dram/commands.js';
import { summarizeTrace } from '../workload/summary.js';
import type { Trace } from '../workload/layer.js';
import { buildSystem } from './build.js';
import { componentTotals, sumNested } from '../engine/stats.js';
import { coldInference, type InferenceRun, type LayerReport } from './inference.js';
import { replayFrames, type FramePoint } from './replay.js';
import type { System } from './system.js';

export interface SimulateOptions {
  fps: number[];
  /** Frames per rate; the first warms up, the rest are measured (all when 1). */
  frames: number;
  seed: number;
  /** DRAM command stream of the first rate's replay (or of the lone inference when no rate is given). */
  dramTrace?: DramCommandSink;
}

interface InferenceSummary {
  cycles: number;
  latency_s: number;
  energy_J: number;
  breakdown_J: Record<string, Record<string, number>>;
  byComponent_J: Record<string, number>;
  events: number;
  /** Hardware operations the driver launched, counted as NVIDIA's compiler counts them (hardware-op.ts). */
  hardwareOps: number;
  /** The highest frame rate at which one inference fits its period (devices never idle). */
  maxFps: number;
  /**
   * The layers run on the host CPU (trace op "host"), listed apart from NVDLA's: their time (part of latency_s)
   * and the host's energy (part of energy_J, component "host"). Present only when the trace has host layers.
   */
  host?: { layers: number; time_s: number; energy_J: number };
}

export type SimulationResult = {
  arch: { name: string; file: string; description: string; placement: ArchConfig['placement'] };
  trace: { name: string; macs: number; weights: number; nonZeroWeights: number; layers: number };
  seed: number;
  area_mm2: { total: number; breakdown: Record<string, number> };
  notes: string[];
} & (
  | { feasible: true; inference: InferenceSummary; layers: LayerReport[]; points: FramePoint[] }
  | { feasible: false; reason: string }
);

/**
 * Simulate a trace on a system: one inference from a cold start with every
 * device awake (per-layer figures, latency, the highest sustainable rate),
 * then a frame replay at each requested rate on a freshly built system.
 */
export function simulate(config: ArchConfig, trace: Trace, opts: SimulateOptions): SimulationResult {
  const summary = summarizeTrace(trace);
  const first = buildSystem(config, trace, { seed: opts.seed, dramTrace: opts.fps.length === 0 ? opts.dramTrace : undefined });
  const base = {
    arch: { name: config.name, file: config.file, description: config.description, placement: config.placement },
    trace: {
      name: trace.name,
      macs: summary.macs,
      weights: summary.weights,
      nonZeroWeights: summary.nonZeroWeights,
      layers: trace.layers.length,
    },
    seed: opts.seed,
    area_mm2: { total: Object.values(first.area_mm2).reduce((a, b) => a + b, 0), breakdown: first.area_mm2 },
    notes: first.notes,
  };
  if (first.infeasible !== undefined) return { ...base, feasible: false, reason: first.infeasible };

  const { run, inference } = singleInference(first);
  if (opts.fps.length === 0) first.dram?.endTrace(first.sim.now);
  const points = opts.fps.map((fps, i) => {
    const sys = buildSystem(config, trace, { seed: opts.seed, dramTrace: i === 0 ? opts.dramTrace : undefined });
    const point = replayFrames(sys, fps, opts.frames);
    if (i === 0) sys.dram?.endTrace(sys.sim.now);
    return point;
  });
  return { ...base, feasible: true, inference, layers: run.layers, points };
}

function singleInference(sys: System): { run: InferenceRun; inference: InferenceSummary } {
  const cold = coldInference(sys);
  const latency_s = psToSeconds(cold.latency_ps);
  return {
    run: cold.run,
    inference: {
      cycles: sys.core.clock.cycleAt(cold.latency_ps),
      latency_s,
      energy_J: sumNested(cold.energy_J),
      breakdown_J: cold.energy_J,
      byComponent_J: componentTotals(cold.energy_J),
      events: cold.events,
      hardwareOps: cold.run.hardwareOps.length,
      maxFps: 1 / latency_s,
      ...(sys.host === undefined
        ? {}
        : {
            host: {
              layers: sys.trace.layers.filter((l) => l.op === 'host').length,
              time_s: psToSeconds(sys.host.busy_ps),
              energy_J: componentTotals(cold.energy_J).host ?? 0,
            },
          }),
    },
  };
}

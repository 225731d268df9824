import type { ArchConfig } from '../config/arch-config.js';
import type { DramCommandSink } from '../hw/dram/commands.js';
import { summarizeTrace } from '../workload/summary.js';
import type { Trace } from '../workload/layer.js';
import { buildSystem } from './build.js';
import type { Infeasible } from '../errors.js';
import { coldInference, type InferenceMeasurement, type LayerMeasurement } from './inference.js';
import { infeasible } from './measurement.js';
import { replayFrames, type PointMeasurement } from './replay.js';

export interface SimulateOptions {
  fps: number[];
  /** Frames per rate; the first warms up, the rest are measured (all when 1). */
  frames: number;
  seed: number;
  /** DRAM command stream of the first rate's replay (or of the lone inference when no rate is given). */
  dramTrace?: DramCommandSink;
}

/** What names the run: the system, the trace, the seed; the system's area and notes. */
export interface RunContext {
  arch: { name: string; file: string; description: string; placement: ArchConfig['placement'] };
  trace: { name: string; macs: number; weights: number; nonZeroWeights: number; layers: number };
  seed: number;
  /** On-chip area, mm², total and by component. */
  area_mm2: number;
  areaByComponent_mm2: Record<string, number>;
  /** Constants of the built components by component (statistics of kind `figure`: leakage power, peak bandwidth, ...). */
  figures: Record<string, Record<string, number>>;
  notes: string[];
}

/** A simulation: the cold inference, its layers and a frame period per rate; or why the system cannot run the trace. */
export type SimulationResult = RunContext &
  ({ feasible: true; inference: InferenceMeasurement; layers: LayerMeasurement[]; points: PointMeasurement[] } | Infeasible);

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
    area_mm2: Object.values(first.area_mm2).reduce((a, b) => a + b, 0),
    areaByComponent_mm2: first.area_mm2,
    figures: first.stats.figures(),
    notes: first.notes,
  };
  if (first.infeasible !== undefined) return { ...base, ...infeasible(first.infeasible) };

  const { run, inference } = coldInference(first);
  if (opts.fps.length === 0) first.dram?.endTrace(first.sim.now);
  const points = opts.fps.map((fps, i) => {
    const sys = buildSystem(config, trace, { seed: opts.seed, dramTrace: i === 0 ? opts.dramTrace : undefined });
    const point = replayFrames(sys, fps, opts.frames);
    if (i === 0) sys.dram?.endTrace(sys.sim.now);
    return point;
  });
  return { ...base, feasible: true, inference, layers: run.layers, points };
}

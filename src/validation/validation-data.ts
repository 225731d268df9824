import type { ArchConfig } from '../config/arch-config.js';
import type { LayerMeasurement } from '../system/inference.js';
import { simulate } from '../system/simulate.js';
import type { Trace } from '../workload/layer.js';
import { layerFloors, type LayerFloor } from './lower-bound.js';
import { ALL_CORRECTED, AS_PUBLISHED } from './perf-estimator/corrections.js';
import { estimateNetwork, type EstimatorPoint, type NetworkEstimate } from './perf-estimator/estimator.js';
import { PRIMER_CLOCK_MHz } from './perf-estimator/primer-points.js';
import { sheetLayers, type SheetLayer } from './perf-estimator/sheet-layers.js';
import { hasSoftwareProfile, PRIMER_BUILDS, primerConfig, SOFTWARE_PROFILES, type PrimerBuild, type SoftwareProfile } from './primer-configs.js';

/** One simulator run of a primer point under one software profile. */
export interface SimRun {
  config: ArchConfig;
  cycles: number;
  fps: number;
  layers: LayerMeasurement[];
  floors: LayerFloor[];
}

export interface PointValidation {
  build: PrimerBuild;
  estimatorPoint: EstimatorPoint;
  published: NetworkEstimate;
  corrected: NetworkEstimate;
  /** Absent when this simulator has no software profile key (nvdla.software). */
  sim?: Record<SoftwareProfile, SimRun>;
}

export interface Validation {
  trace: Trace;
  rows: SheetLayer[];
  points: PointValidation[];
}

/** The estimator's view of a config: its MACs, CBUF, bandwidth and the corrections' atomic-K and Winograd. */
function estimatorPoint(b: PrimerBuild): EstimatorPoint {
  const { nvdla } = primerConfig(b, 'hardware-limit');
  return {
    macs: b.point.macs,
    cbuf_KiB: b.point.cbuf_KiB,
    bandwidth_GBps: b.point.bandwidth_GBps,
    clock_MHz: PRIMER_CLOCK_MHz,
    atomicK: nvdla.macAtomicK,
    winograd: nvdla.winograd,
  };
}

function run(config: ArchConfig, trace: Trace): SimRun {
  const r = simulate(config, trace, { fps: [], frames: 1, seed: 1 });
  if (!r.feasible) throw new Error(`${config.name}: infeasible: ${r.reason}`);
  return { config, cycles: r.inference.cycles, fps: 1 / r.inference.time_s, layers: r.layers, floors: layerFloors(config, r.layers) };
}

/** Everything the validation report shows, for one trace (ResNet-50 v1). */
export function validate(trace: Trace): Validation {
  const rows = sheetLayers(trace);
  const points = PRIMER_BUILDS.map((build): PointValidation => {
    const pt = estimatorPoint(build);
    const out: PointValidation = {
      build,
      estimatorPoint: pt,
      published: estimateNetwork(rows, pt, AS_PUBLISHED),
      corrected: estimateNetwork(rows, pt, ALL_CORRECTED),
    };
    if (hasSoftwareProfile()) {
      const sims = SOFTWARE_PROFILES.map((p) => [p, run(primerConfig(build, p), trace)] as const);
      out.sim = Object.fromEntries(sims) as Record<SoftwareProfile, SimRun>;
    }
    return out;
  });
  return { trace, rows, points };
}

/**
 * maxnvm as a library: load configs and traces, build and simulate systems,
 * size storage, sweep frame rates, render plots and reports.
 */
export { loadArchConfig, resolveArchConfig, withDramIdlePolicy, type ArchConfig } from './config/arch-config.js';
export { componentSpecs } from './config/registry.js';
export { UserError } from './errors.js';
export type { ComponentSpec, ParamSpec, StatSpec } from './engine/spec.js';
export { Simulator, Priority } from './engine/event-queue.js';
export { loadTrace } from './workload/load-trace.js';
export { buildResNet50 } from './workload/resnet50.js';
export { applyPruning, PRUNING_PROFILES } from './workload/pruning-profiles.js';
export { applyClustering } from './workload/clustering.js';
export type { Layer, Trace } from './workload/layer.js';
export { buildSystem } from './system/build.js';
export { simulate, type SimulationResult, type SimulateOptions } from './system/simulate.js';
export { replayFrames, type PointMeasurement } from './system/replay.js';
export type { Measurement, Measured } from './system/measurement.js';
export { runSweep, runSweepUnits } from './system/sweep/run-sweep.js';
export type { SweepRow } from './system/sweep/sweep-row.js';
export { networkStorage, layerStorage } from './storage/stream-sizes.js';
export { encodeLayer, decodeLayer } from './storage/codec.js';
export type { StorageChoice } from './storage/types.js';
export { sizeChoices } from './sizing/size-choices.js';
export { writePlots } from './report/plots/write-plots.js';
export { writeReport } from './report/html/write-report.js';

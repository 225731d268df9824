import { psToSeconds } from '../../engine/time.js';
import { buildSystem } from '../build.js';
import { replayFrames, type PointMeasurement } from '../replay.js';
import type { System } from '../system.js';
import { coldInference, composePeriod, composer, infeasible, periodOf, type ColdStart, type Composer } from './compose.js';
import { infeasible as infeasibleBecause } from '../measurement.js';
import type { InferenceMeasurement } from '../inference.js';
import type { Infeasible } from '../../errors.js';
import { unitDesign, unitTrace, type SweepUnit } from './grid.js';
import { reasonOf } from './design/designs.js';
import { planEveryConvolution } from './preflight.js';
import { UserError } from '../../errors.js';
import type { ArchConfig } from '../../config/arch-config.js';
import type { RowContext, SweepRow } from './sweep-row.js';
import { inSystemContext } from './unit-error.js';

/**
 * One work unit of a sweep: build the system, run one cold inference, then
 * every frame rate of the grid, composed from that inference (O(1) each) or,
 * with `exact`, replayed frame by frame.
 */

/** Frames per replayed point with `exact`: one warm-up and two measured, as `simulate` does by default. */
const EXACT_FRAMES = 3;

/** What names a unit's system, whatever the rate. */
interface SystemNames {
  system: string;
  archFile: string;
  trace: string;
  traceFile: string;
  dramPolicy: string;
  /** On-chip area, mm² (null when the design's config is rejected: nothing was built). */
  area_mm2: number | null;
  notes: string[];
}

/**
 * The unit's system: its cold inference (the one measurement type), or why it cannot run the trace at all
 * (weights or activations do not fit, a rejected design), with no maximum rate.
 */
type UnitSystem = SystemNames & (InferenceMeasurement | (Infeasible & { maxFps: 0 }));

/** Deterministic counts of the work done (no timings: unit files must not depend on the machine). */
interface UnitWork {
  /** Rates actually computed (infeasible ones are rejected before any work). */
  pointsComputed: number;
  /** Idle gaps measured on fresh systems (composed points). */
  gapsMeasured: number;
  /** Frames replayed (exact points). */
  framesReplayed: number;
}

export interface UnitResult {
  unit: SweepUnit;
  /** The resolved config the unit ran, every default filled in (null when the design's config is rejected). */
  config: ArchConfig | null;
  system: UnitSystem;
  work: UnitWork;
  rows: SweepRow[];
}

export interface UnitOptions {
  seed: number;
  exact: boolean;
  /** Told after each rate, for progress bars. */
  onPoint?: () => void;
}

/** Run every rate of one unit. Bad input found on the way is a UserError naming the unit's config and trace. */
export function runUnit(unit: SweepUnit, fps: readonly number[], opts: UnitOptions): UnitResult {
  try {
    return runRates(unit, fps, opts);
  } catch (e) {
    throw inSystemContext(e, unit.archFile, unit.traceFile);
  }
}

function runRates(unit: SweepUnit, fps: readonly number[], opts: UnitOptions): UnitResult {
  const design = unitDesign(unit);
  const trace = unitTrace(unit);
  if (!design.feasible) return rejected(unit, design.name, trace.name, design.reason, fps, opts);
  const config = design.config;
  const fresh = (): System => buildSystem(config, trace, { seed: opts.seed });
  let first: System;
  try {
    first = fresh();
    // What preflight checks for a plain config (a CBUF too small for a layer), checked here for a grid's design.
    if (unit.set !== undefined && first.infeasible === undefined) planEveryConvolution(first);
  } catch (e) {
    // A grid's design the models cannot build is its reason; a plain config was built before any unit ran.
    if (unit.set === undefined || !(e instanceof UserError)) throw e;
    return rejected(unit, config.name, trace.name, reasonOf(e), fps, opts, config);
  }
  const area = first.area_mm2;
  const base = {
    system: config.name,
    archFile: unit.archFile,
    trace: trace.name,
    traceFile: unit.traceFile,
    dramPolicy: unit.policy,
    ...setOf(unit),
    area_mm2: Object.values(area).reduce((a, b) => a + b, 0),
    areaByComponent_mm2: { ...area },
  };
  const work: UnitWork = { pointsComputed: 0, gapsMeasured: 0, framesReplayed: 0 };
  if (first.infeasible !== undefined) {
    const reason = first.infeasible;
    const rows = fps.map((f) => {
      opts.onPoint?.();
      return rowOf(base, 0, unrunnable(f, reason));
    });
    const system: UnitSystem = { ...systemOf(base, first.notes), maxFps: 0, ...infeasibleBecause(reason) };
    return { unit, config, system, work, rows };
  }
  const { latency_ps, parts, inference } = coldInference(first);
  const cold: ColdStart = { latency_ps, parts };
  const maxFps = inference.maxFps;
  const counted = (): System => {
    work.gapsMeasured++;
    return fresh();
  };
  // The long-gap wake-up is the composer's first guess; with `exact` nothing is composed.
  const comp = opts.exact ? undefined : composer(counted, cold);
  const rows = fps.map((f) => {
    const point = pointAt(f, cold, comp, fresh, work);
    opts.onPoint?.();
    return rowOf(base, maxFps, point);
  });
  const system: UnitSystem = { ...systemOf(base, first.notes), ...inference };
  return { unit, config, system, work, rows };
}

function pointAt(fps: number, cold: ColdStart, comp: Composer | undefined, fresh: () => System, work: UnitWork): PointMeasurement {
  const period = periodOf(fps);
  // Shorter than one inference: infeasible whatever the idle policy; nothing to simulate.
  if (cold.latency_ps > period) return infeasible(fps, period, cold.latency_ps, 0);
  work.pointsComputed++;
  if (comp !== undefined) return composePeriod(comp, fps);
  const r = replayFrames(fresh(), fps, EXACT_FRAMES);
  work.framesReplayed += EXACT_FRAMES;
  return r;
}

type RowBase = Omit<RowContext, 'maxFps'>;

/** A rate of a system that cannot run the trace at all: no latency, no figures. */
function unrunnable(fps: number, reason: string): PointMeasurement {
  return { fps, period_s: psToSeconds(periodOf(fps)), latency_s: null, ...infeasibleBecause(reason) };
}

/** The design's keys for its rows: present only in grids with `set`, so plain sweeps' rows are unchanged. */
function setOf(unit: SweepUnit): Pick<SweepRow, 'set'> {
  return unit.set === undefined ? {} : { set: { ...unit.set } };
}

/**
 * A design whose config is rejected, or that the models cannot build: every
 * rate is a row with the reason and no numbers, not even area.
 */
function rejected(unit: SweepUnit, name: string, trace: string, reason: string, fps: readonly number[], opts: UnitOptions, config: ArchConfig | null = null): UnitResult {
  const base: RowBase = { system: name, archFile: unit.archFile, trace, traceFile: unit.traceFile, dramPolicy: unit.policy, ...setOf(unit), area_mm2: null, areaByComponent_mm2: {} };
  const rows = fps.map((f) => {
    opts.onPoint?.();
    return rowOf(base, 0, unrunnable(f, reason));
  });
  const system: UnitSystem = { ...systemOf(base, []), maxFps: 0, ...infeasibleBecause(reason) };
  return { unit, config, system, work: { pointsComputed: 0, gapsMeasured: 0, framesReplayed: 0 }, rows };
}

function systemOf(base: RowBase, notes: readonly string[]): SystemNames {
  return { system: base.system, archFile: base.archFile, trace: base.trace, traceFile: base.traceFile, dramPolicy: base.dramPolicy, area_mm2: base.area_mm2, notes: [...notes] };
}

/** A period as a row: the unit's context beside the period's measurement. */
function rowOf(base: RowBase, maxFps: number, p: PointMeasurement): SweepRow {
  const { area_mm2, areaByComponent_mm2, ...names } = base;
  return { ...names, maxFps, area_mm2, areaByComponent_mm2, ...p };
}

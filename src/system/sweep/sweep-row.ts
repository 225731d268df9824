import type { PointMeasurement } from '../replay.js';

/** What names a sweep point beside its frame period: the system, the trace, the DRAM idle policy, the design. */
export interface RowContext {
  /** Config name (arch config "name"). */
  system: string;
  /** Config file as given on the command line. */
  archFile: string;
  /** Trace name. */
  trace: string;
  traceFile: string;
  /** DRAM idle policy used for this point; "-" when the system has no DRAM. */
  dramPolicy: string;
  /** The design's config keys and values (sweeps over a grid of keys only). */
  set?: Record<string, number | string | boolean>;
  /** Highest sustainable frame rate of this system and trace, 1/s (0 when it cannot run the trace). */
  maxFps: number;
  /** On-chip area, mm², total and by component (null, and no components, when a grid's design is rejected: nothing was built). */
  area_mm2: number | null;
  areaByComponent_mm2: Record<string, number>;
}

/**
 * One point of a sweep: a system (arch config), a trace, a DRAM idle policy and
 * a frame rate, with the measurement of its frame period (src/system/measurement.ts).
 * The sweep writes these to sweep.json and, flattened, to sweep.csv; the plots
 * and the HTML report read them back.
 */
export type SweepRow = RowContext & PointMeasurement;

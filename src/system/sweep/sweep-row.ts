/**
 * One point of a sweep: a system (arch config), a trace, a DRAM idle policy and
 * a frame rate. The sweep writes these to sweep.json and, flattened, to
 * sweep.csv; the plots and the HTML report read them back.
 */
export interface SweepRow {
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
  fps: number;
  feasible: boolean;
  /** Why the point is infeasible ("" when feasible). Infeasible points carry no power or energy. */
  reason: string;
  /** Highest sustainable frame rate of this system and trace, 1/s. */
  maxFps: number;
  period_s: number;
  /** Wake-up to last output, s. */
  latency_s: number | null;
  /** Average power over whole frame periods, W (null when infeasible). */
  power_W: number | null;
  /** Energy per frame period, J (null when infeasible). */
  energy_per_inference_J: number | null;
  /** Energy per frame period by component, J. */
  energyByComponent_J: Record<string, number>;
  /** On-chip area, mm², total and by component (null, and no components, when a grid's design is rejected: nothing was built). */
  area_mm2: number | null;
  areaByComponent_mm2: Record<string, number>;
  /** Time per frame period in each power state, s, keyed "device.state". */
  residency_s: Record<string, number>;
  /**
   * Background (standby, leakage, retention) energy per frame period in each
   * power state, J, keyed "device.state" as residency_s; part of
   * energyByComponent_J. Empty when infeasible.
   */
  stateEnergy_J: Record<string, number>;
}

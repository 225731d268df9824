/**
 * Simulated time is an integer number of picoseconds held in a JS number.
 * Integers are exact up to 2^53 ps (about 9007 s of simulated time); the
 * frame replay never simulates more than a few frame periods in one run, and
 * the event queue refuses a time that is not a safe integer instead of rounding it silently
 * (`maxnvm simulate` checks the rates and frames up front: src/cli/simulate-limits.ts).
 */
export type Picoseconds = number;

const PS_PER_NS = 1_000;
export const PS_PER_S = 1e12;

export function nsToPs(ns: number): Picoseconds {
  return Math.round(ns * PS_PER_NS);
}

export function psToSeconds(ps: Picoseconds): number {
  return ps / PS_PER_S;
}

/** A clock domain: converts between cycles and picoseconds. The period must be a whole number of ps. */
export class ClockDomain {
  readonly period_ps: Picoseconds;
  constructor(readonly name: string, period_ps: number) {
    if (!Number.isInteger(period_ps) || period_ps <= 0) {
      throw new RangeError(`clock ${name}: period ${period_ps} ps must be a positive integer number of ps`);
    }
    this.period_ps = period_ps;
  }
  static fromFrequencyGHz(name: string, f_GHz: number): ClockDomain {
    return new ClockDomain(name, Math.round(1000 / f_GHz));
  }
  /** Duration of n cycles in ps. */
  cycles(n: number): Picoseconds {
    return n * this.period_ps;
  }
  /** Number of whole cycles elapsed by time t (floor). */
  cycleAt(t: Picoseconds): number {
    return Math.floor(t / this.period_ps);
  }
  /** The first clock edge at or after t. */
  nextEdge(t: Picoseconds): Picoseconds {
    return Math.ceil(t / this.period_ps) * this.period_ps;
  }
}

import type { ClockDomain, Picoseconds } from '../../engine/time.js';

/**
 * Timing of one streaming stage (ECC decode, sparse decode) fed by an upstream stage.
 *
 * The stage processes `items` at `itemsPerCycle` and adds `latency_cycles` of pipeline.
 * Its input arrives between `first` and `last`. The stage cannot finish before its input
 * has all arrived, nor before it has had the cycles to process everything from the moment
 * the first input arrived, so its last output is at
 *   max(last, first + ceil(items / itemsPerCycle) cycles) + latency,
 * and its first output at first + latency. Exact when the input arrives at a steady rate;
 * when it arrives in bursts the stage may idle in between, which this bound ignores (it is
 * a lower bound on the finish time, tight when either side is clearly the bottleneck).
 * With no items the stage is bypassed.
 */
export interface StreamTiming {
  first: Picoseconds;
  last: Picoseconds;
}

export function stageTiming(
  input: StreamTiming,
  items: number,
  itemsPerCycle: number,
  latency_cycles: number,
  clock: ClockDomain,
): StreamTiming {
  if (items <= 0) return input;
  const busy = clock.cycles(Math.ceil(items / itemsPerCycle));
  const latency = clock.cycles(latency_cycles);
  return { first: input.first + latency, last: Math.max(input.last, input.first + busy) + latency };
}

/** Two streams merging into one consumer: the first of either, the last of both. */
export function mergeTimings(a: StreamTiming | undefined, b: StreamTiming | undefined): StreamTiming | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return { first: Math.min(a.first, b.first), last: Math.max(a.last, b.last) };
}

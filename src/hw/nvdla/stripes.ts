/**
 * Cutting the atomic ops of one kernel group's output positions into stripes.
 * Each stripe ends in its own channel operation (the accumulator holds one
 * stripe of results), so a list of stripe lengths is a list of channel ops.
 */

/** `count` consecutive stripes of `length` atomic ops each. */
export interface StripeRun {
  length: number;
  count: number;
}

/**
 * Balanced stripes: the fewest stripes of at most `max` atomic ops, lengths differing by at most one, longer ones
 * first. Assumption (the NVDLA documents give the 16–32 limits, not the cutting rule): balancing keeps every
 * stripe at or above the 16-op minimum whenever there are at least 16 ops, which a greedy 32 + remainder does not.
 */
export function balancedStripes(units: number, max: number): StripeRun[] {
  if (units <= 0) return [];
  const n = Math.ceil(units / max);
  const long = Math.ceil(units / n);
  const longCount = units - n * (long - 1);
  const runs: StripeRun[] = [{ length: long, count: longCount }];
  if (longCount < n) runs.push({ length: long - 1, count: n - longCount });
  return runs;
}

/** Fixed stripes: as many stripes of exactly `max` as fit, then the remainder (image-input mode: "fixed to 64"). */
export function fixedStripes(units: number, max: number): StripeRun[] {
  const runs: StripeRun[] = [];
  const full = Math.floor(units / max);
  if (full > 0) runs.push({ length: max, count: full });
  const rest = units - full * max;
  if (rest > 0) runs.push({ length: rest, count: 1 });
  return runs;
}

export function stripeCount(runs: readonly StripeRun[]): number {
  return runs.reduce((s, r) => s + r.count, 0);
}

export function atomicCount(runs: readonly StripeRun[]): number {
  return runs.reduce((s, r) => s + r.length * r.count, 0);
}

/** Stripes (in order) that end at or before `units` atomic ops from the start. */
export function stripesEndingBy(runs: readonly StripeRun[], units: number): number {
  let ops = 0;
  let left = units;
  for (const r of runs) {
    const whole = Math.min(r.count, Math.floor(left / r.length));
    ops += whole;
    if (whole < r.count) break;
    left -= r.count * r.length;
  }
  return ops;
}

/** Stripes [from, to) of the sequence, as runs. */
export function sliceStripes(runs: readonly StripeRun[], from: number, to: number): StripeRun[] {
  const out: StripeRun[] = [];
  let index = 0;
  for (const r of runs) {
    const lo = Math.max(from, index);
    const hi = Math.min(to, index + r.count);
    if (hi > lo) out.push({ length: r.length, count: hi - lo });
    index += r.count;
  }
  return out;
}

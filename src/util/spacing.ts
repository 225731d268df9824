/** `count` values from `min` to `max` (both > 0), evenly spaced in log scale, each rounded to 6 significant digits. */
export function logSpaced(min: number, max: number, count: number): number[] {
  if (count === 1) return [min];
  const ratio = Math.log(max / min);
  return Array.from({ length: count }, (_, i) => Number((min * Math.exp((ratio * i) / (count - 1))).toPrecision(6)));
}

/** `count` >= 2 values from `min` to `max`, evenly spaced, each rounded to 12 significant digits (0.1:0.3:3 gives 0.2, not 0.20000000000000004). */
export function linearSpaced(min: number, max: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => Number((min + ((max - min) * i) / (count - 1)).toPrecision(12)));
}

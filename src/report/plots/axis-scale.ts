/**
 * Axis ranges from the data: a plot's axis covers exactly what it shows
 * (plus a small margin), never a fixed or decade-rounded range that squeezes
 * the lines into a corner. An axis whose values span a factor of 10 or more
 * is logarithmic; a narrower one is linear, so a ratio from 2.7 to 3.9 fills
 * the plot instead of a tenth of a log decade.
 */

export interface AutoScale {
  type: 'log' | 'linear';
  domain: [number, number];
}

/** Values spanning at least this factor get a log axis. */
export const LOG_SPAN = 10;
/** Margin at each end, as a fraction of the axis (in log space on a log axis). */
const MARGIN = 0.04;

/**
 * The scale of an axis showing `values` (finite and positive; others are
 * ignored) and the values of `include` (e.g. 1 for the ratio plot's
 * break-even line). `log: false` forbids a log axis. No values: 1 to 10.
 */
export function autoScale(values: readonly number[], opts: { include?: readonly number[]; log?: boolean; margin?: boolean } = {}): AutoScale {
  const all = [...values, ...(opts.include ?? [])].filter((v) => Number.isFinite(v) && v > 0);
  if (all.length === 0) return { type: 'log', domain: [1, 10] };
  let lo = Math.min(...all);
  let hi = Math.max(...all);
  const margin = opts.margin === false ? 0 : MARGIN;
  if (opts.log !== false && hi / lo >= LOG_SPAN) {
    const pad = Math.pow(hi / lo, margin);
    return { type: 'log', domain: [lo / pad, hi * pad] };
  }
  if (hi === lo) {
    // One value: ±10 % around it, so the point sits mid-axis.
    lo *= 0.9;
    hi *= 1.1;
  }
  const pad = (hi - lo) * margin;
  return { type: 'linear', domain: [Math.max(0, lo - pad), hi + pad] };
}

/** The vega-lite scale object of an AutoScale: the domain as computed, no rounding to "nice" values. */
export function scaleSpec(s: AutoScale): { type: 'log' | 'linear'; domain: [number, number]; nice: false; zero?: false } {
  // "zero" only means something on a linear scale (vega-lite warns about it on a log one).
  return s.type === 'log' ? { type: 'log', domain: s.domain, nice: false } : { type: 'linear', domain: s.domain, nice: false, zero: false };
}

/** Pixel offset of `v` from the low end of an axis of `length_px` (the y axis grows upwards: subtract from the height). */
export function toPixel(s: AutoScale, v: number, length_px: number): number {
  const [lo, hi] = s.domain;
  const t = s.type === 'log' ? Math.log(v / lo) / Math.log(hi / lo) : (v - lo) / (hi - lo);
  return t * length_px;
}

/** The value at pixel offset `px` from the low end: the inverse of toPixel. */
export function fromPixel(s: AutoScale, px: number, length_px: number): number {
  const [lo, hi] = s.domain;
  const t = px / length_px;
  return s.type === 'log' ? lo * Math.pow(hi / lo, t) : lo + t * (hi - lo);
}

/**
 * The same scale with its high end moved out so that the data keeps to the
 * first `length_px − room_px` of the axis, leaving `room_px` free at the end
 * (for labels written after the lines' ends).
 */
export function withRoomAtEnd(s: AutoScale, room_px: number, length_px: number): AutoScale {
  const [lo, hi] = s.domain;
  const stretch = length_px / Math.max(1, length_px - room_px);
  return { type: s.type, domain: [lo, s.type === 'log' ? lo * Math.pow(hi / lo, stretch) : lo + (hi - lo) * stretch] };
}

/**
 * Tick values of a log axis from `lo` to `hi`: 1, 2 and 5 times each power
 * of ten (only the powers of ten when the axis spans more than five decades),
 * so labels are round numbers and none is drawn past the data.
 */
export function logTicks(lo: number, hi: number): number[] {
  const steps = Math.log10(hi / lo) > 5 ? [1] : [1, 2, 5];
  const out: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of steps) {
      // Rounded to 12 significant digits so 0.1 × 3 style float noise never reaches a label.
      const v = Number((m * Math.pow(10, e)).toPrecision(12));
      if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9)) out.push(v);
    }
  }
  return out;
}

/** Axis properties of a scale: round log ticks up to `dataHi` (the end of the data, before any room for labels). */
export function tickSpec(s: AutoScale, dataHi = s.domain[1]): { values?: number[] } {
  return s.type === 'log' ? { values: logTicks(s.domain[0], Math.min(dataHi, s.domain[1])) } : {};
}

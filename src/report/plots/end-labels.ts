import { fromPixel, toPixel, type AutoScale } from './axis-scale.js';
import type { LinePoint } from './series.js';

/** A system's name written at the right end of its line(s). */
export interface EndLabel {
  text: string;
  fps: number;
  /** Where the label's middle sits, in the y axis's units: the line end, moved apart from its neighbours. */
  value: number;
  color: string;
}

/** Vertical room of one label line, as a multiple of the font size. */
const LINE_SPACING = 1.2;

/**
 * One label per system (its lines under every DRAM policy end together) at
 * the highest rate it reaches, at the mean height of its line ends there.
 * Labels closer than a line of text are pushed apart, within the plot's
 * height, so two systems whose lines run on top of each other are still both
 * named. `yScale` and `height_px` must be those the plot is drawn with.
 */
export function endLabels(points: readonly LinePoint[], yScale: AutoScale, height_px: number, fontSize_px: number, colorOf: (label: string) => string): EndLabel[] {
  const ends = new Map<string, LinePoint[]>();
  for (const p of points) {
    const at = ends.get(p.systemLabel);
    if (at === undefined || p.fps > (at[0] as LinePoint).fps) ends.set(p.systemLabel, [p]);
    else if (p.fps === (at[0] as LinePoint).fps) at.push(p);
  }
  const labels = [...ends].map(([text, at]) => {
    const px = at.reduce((s, p) => s + toPixel(yScale, p.value, height_px), 0) / at.length;
    return { text, fps: (at[0] as LinePoint).fps, px, color: colorOf(text) };
  });
  const placed = spreadApart(labels.map((l) => l.px), LINE_SPACING * fontSize_px, height_px);
  return labels.map((l, i) => ({ text: l.text, fps: l.fps, value: fromPixel(yScale, placed[i] as number, height_px), color: l.color }));
}

/**
 * Positions (px from the bottom) at least `gap` apart, each as near its wish
 * as the others allow, kept within 0..height when they fit: a pass upwards
 * pushes crowded labels up, a pass downwards pulls any past the top back.
 */
export function spreadApart(wish: readonly number[], gap: number, height: number): number[] {
  const order = wish.map((w, i) => ({ w, i })).sort((a, b) => a.w - b.w || a.i - b.i);
  const pos = order.map((o) => o.w);
  for (let k = 1; k < pos.length; k++) pos[k] = Math.max(pos[k] as number, (pos[k - 1] as number) + gap);
  for (let k = pos.length - 1; k >= 0; k--) {
    const ceiling = k === pos.length - 1 ? height : (pos[k + 1] as number) - gap;
    pos[k] = Math.min(pos[k] as number, ceiling);
  }
  const out = new Array<number>(wish.length);
  order.forEach((o, k) => (out[o.i] = pos[k] as number));
  return out;
}

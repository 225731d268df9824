import { compile, resetIdCounter } from 'vega-lite';
import * as vega from 'vega';
import { View, Warn, logger, parse, resetSVGDefIds, type LoggerInterface } from 'vega';
import type { PlotSpec } from './theme.js';

/**
 * Render a vega-lite spec to an SVG string in Node, without a browser.
 * Byte-identical across runs and machines: the id counters of vega-lite
 * (dataset and signal names) and of vega's SVG writer (clip paths,
 * gradients) restart at every call, and text widths are estimated from the
 * font size instead of measured with a canvas (whose fonts vary by machine).
 * Ids therefore repeat between plots: prefix them (prefixSvgIds) before
 * putting two SVGs into one HTML page (render-svg.ts).
 */
export async function renderWithVega(spec: PlotSpec): Promise<string> {
  const warnings: string[] = [];
  resetIdCounter();
  resetSVGDefIds();
  estimateTextWidths();
  const vg = compile(spec, { logger: collectingLogger(warnings) }).spec;
  // A warning means vega-lite ignored or changed part of the spec: a bug in a plot builder.
  if (warnings.length > 0) throw new Error(`vega-lite warnings for plot "${titleOf(spec)}": ${warnings.join('; ')}`);
  const view = new View(parse(vg), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    return `${svg}\n`;
  } finally {
    view.finalize();
  }
}

function titleOf(spec: PlotSpec): string {
  const t = spec.title;
  if (typeof t === 'string') return t;
  if (t !== undefined && typeof t === 'object' && 'text' in t) return String(t.text);
  return '(untitled)';
}

/** vega's text metrics (not in its type declarations): estimate widths from the font size, never measure. */
function estimateTextWidths(): void {
  (vega as unknown as { textMetrics: { canvas(use: boolean): void } }).textMetrics.canvas(false);
}

/** A vega logger that keeps warnings and errors instead of printing them. */
function collectingLogger(sink: string[]): LoggerInterface {
  return logger(Warn, 'warn', (_method, _level, args) => sink.push(Array.from(args, String).join(' ')));
}

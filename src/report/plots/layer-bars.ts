import type { LayerMeasurement } from '../../system/inference.js';
import { OKABE_ITO } from './palette.js';
import type { PlotLook } from './look.js';
import { distinct } from './series.js';
import { stackedBarsSpec, type BarSegment } from './stacked-bars.js';
import type { PlotSpec } from './theme.js';
import { byteUnit } from './units.js';

/**
 * Per-layer bars of one simulation (`maxnvm simulate --out DIR`, then
 * `maxnvm report DIR`): one bar per layer in execution order, for latency,
 * energy by component and bytes by memory. A layer that ran inside another
 * one's hardware layer (fusedInto) reports zeros and is left out; its time,
 * energy and bytes are in the layer it ran inside.
 */
export interface LayerPlotInput {
  system: string;
  trace: string;
  layers: readonly LayerMeasurement[];
}

/** Bound of a layer's latency: the core's pipeline (compute) or the memory it waits for. */
const BOUND_COLORS = new Map([
  ['compute-bound', OKABE_ITO.blue],
  ['memory-bound', OKABE_ITO.orange],
]);

/** Bar height from the font, so 70-odd layer names stay legible and the plot no taller than it must be. */
const barStep_px = (look: PlotLook): number => Math.round(1.3 * look.style.fontSize_px);

function shown(input: LayerPlotInput): LayerMeasurement[] {
  return input.layers.filter((l) => l.fusedInto === undefined);
}

function subtitle(input: LayerPlotInput, what: string): string[] {
  const fused = input.layers.length - shown(input).length;
  const lines = [`${input.system} × ${input.trace}, one inference with every device awake; ${what}`];
  if (fused > 0) lines.push(`${fused} layer(s) fused into another one's hardware layer are counted in that layer`);
  return lines;
}

/** A light tint of a colour (mixed with white), for the written half of a memory's bytes. */
export function tint(hex: string, white = 0.55): string {
  const mix = (i: number): string => Math.round(parseInt(hex.slice(i, i + 2), 16) * (1 - white) + 255 * white).toString(16).padStart(2, '0');
  return `#${mix(1)}${mix(3)}${mix(5)}`;
}

export function layerLatencySpec(input: LayerPlotInput, look: PlotLook): PlotSpec {
  const layers = shown(input);
  const segments: BarSegment[] = layers.map((l) => ({ bar: l.name, part: `${l.bound}-bound`, value: l.time_s }));
  return stackedBarsSpec(segments, [], {
    title: 'Latency per layer',
    subtitle: subtitle(input, 'colour: what bounds the layer'),
    xQuantity: 'latency',
    xUnit: 's',
    siPrefix: true,
    bars: layers.map((l) => l.name),
    parts: [...BOUND_COLORS.keys()],
    partColors: BOUND_COLORS,
    partTitle: 'layer is',
    style: look.style,
    barStep_px: barStep_px(look),
  });
}

export function layerEnergySpec(input: LayerPlotInput, look: PlotLook): PlotSpec {
  const layers = shown(input);
  const segments: BarSegment[] = layers.flatMap((l) => Object.entries(l.energyByComponent_J).map(([part, value]) => ({ bar: l.name, part, value })));
  return stackedBarsSpec(segments, [], {
    title: 'Energy per layer by component',
    subtitle: subtitle(input, 'the whole system\'s energy while the layer runs'),
    xQuantity: 'energy',
    xUnit: 'J',
    siPrefix: true,
    bars: layers.map((l) => l.name),
    parts: distinct(segments.map((s) => s.part)),
    partColors: look.components,
    partTitle: 'component',
    style: look.style,
    barStep_px: barStep_px(look),
  });
}

export function layerBytesSpec(input: LayerPlotInput, look: PlotLook): PlotSpec {
  const layers = shown(input);
  const segments: BarSegment[] = layers.flatMap((l) =>
    Object.keys(l.bytesRead_B).flatMap((memory) => [
      { bar: l.name, part: `${memory} read`, value: l.bytesRead_B[memory] ?? 0 },
      { bar: l.name, part: `${memory} written`, value: l.bytesWritten_B[memory] ?? 0 },
    ]),
  );
  const memories = distinct(layers.flatMap((l) => Object.keys(l.bytesRead_B)));
  const colors = new Map(memories.flatMap((m) => [[`${m} read`, look.components.get(m) ?? '#888888'], [`${m} written`, tint(look.components.get(m) ?? '#888888')]]));
  return stackedBarsSpec(segments, [], {
    title: 'Bytes per layer by memory',
    subtitle: subtitle(input, 'read in the memory\'s colour, written in its light tint'),
    xQuantity: 'bytes moved',
    xUnit: 'B',
    siPrefix: false,
    unit: byteUnit(segments.map((s) => s.value)),
    bars: layers.map((l) => l.name),
    parts: memories.flatMap((m) => [`${m} read`, `${m} written`]),
    partColors: colors,
    partTitle: 'memory',
    style: look.style,
    barStep_px: barStep_px(look),
  });
}

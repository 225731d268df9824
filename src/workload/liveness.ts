import type { Trace } from './layer.js';
import { inputElements, outputElements } from './layer.js';
import { NETWORK_INPUT } from './trace-consistency.js';

/**
 * Activation liveness when the layers run one after another in trace order. A tensor is live from the step
 * that produces it to the step of its last consumer; while a layer runs, its inputs and its output are live
 * together. The largest total over all steps is the on-chip activation SRAM a layer-by-layer schedule needs
 * (no tiling across layers, no recomputation).
 */

interface LayerLiveness {
  /** The layer running at this step. */
  layer: string;
  /** Total size of the live tensors while it runs [bytes]. */
  live_bytes: number;
  /** Producers of the live tensors ("input" for the network input), in trace order. */
  liveTensors: string[];
}

export interface ActivationLiveness {
  /** Largest live_bytes over all steps [bytes]. */
  peak_bytes: number;
  /** The first layer at which the peak occurs. */
  peakLayer: string;
  perLayer: LayerLiveness[];
}

/** Bytes of a tensor of `elements` values at `bits` each, rounded up to whole bytes. */
export function tensorBytes(elements: number, bits: number): number {
  return Math.ceil((elements * bits) / 8);
}

interface Interval {
  tensor: string;
  bytes: number;
  /** Step that produces it (0 for the network input: it must be in memory when the first layer starts). */
  first: number;
  /** Step of its last consumer, or its own step when nothing reads it. */
  last: number;
}

/**
 * Layers that run as one hardware layer (a convolution with the add and/or
 * pool NVDLA fuses into it), head first. Their intermediate outputs are never
 * written to memory and take no space; the last one is written while the head
 * runs, so it is live from the head's step.
 */
export type FusedChain = readonly string[];

function intervals(trace: Trace, chains: readonly FusedChain[]): Interval[] {
  const notMaterialized = new Set(chains.flatMap((c) => c.slice(0, -1)));
  const writtenWith = new Map(chains.filter((c) => c.length > 1).map((c) => [c[c.length - 1]!, c[0]!]));
  const stepOf = new Map(trace.layers.map((l, i) => [l.name, i]));
  const out: Interval[] = [];
  const byName = new Map<string, Interval>();
  // A concat's producers write into its surface (no copy): reading the concat keeps its parts live instead.
  const partsOf = new Map<string, string[]>();
  const expand = (name: string): string[] => partsOf.get(name)?.flatMap(expand) ?? [name];
  trace.layers.forEach((l, i) => {
    if (l.op === 'concat') partsOf.set(l.name, l.inputs);
    for (const name of l.inputs.flatMap(expand)) {
      let t = byName.get(name);
      if (t === undefined && name === NETWORK_INPUT) {
        t = { tensor: NETWORK_INPUT, bytes: tensorBytes(inputElements(l), trace.activationBits), first: 0, last: i };
        byName.set(name, t);
        out.push(t);
      }
      if (t === undefined) throw new Error(`liveness: layer ${l.name} reads ${name}, which no earlier layer produces`);
      t.last = i;
    }
    const bytes = notMaterialized.has(l.name) || l.op === 'concat' ? 0 : tensorBytes(outputElements(l), trace.activationBits);
    const head = writtenWith.get(l.name);
    const first = head === undefined ? i : (stepOf.get(head) ?? i);
    const own: Interval = { tensor: l.name, bytes, first, last: i };
    byName.set(l.name, own);
    out.push(own);
  });
  return out;
}

export function activationLiveness(trace: Trace, chains: readonly FusedChain[] = []): ActivationLiveness {
  const all = intervals(trace, chains);
  const perLayer = trace.layers.map((l, i): LayerLiveness => {
    const live = all.filter((t) => t.first <= i && i <= t.last);
    return { layer: l.name, live_bytes: live.reduce((s, t) => s + t.bytes, 0), liveTensors: live.map((t) => t.tensor) };
  });
  let peak = perLayer[0];
  for (const p of perLayer) if (peak === undefined || p.live_bytes > peak.live_bytes) peak = p;
  if (peak === undefined) throw new Error('liveness: trace has no layers');
  return { peak_bytes: peak.live_bytes, peakLayer: peak.layer, perLayer };
}

/** Largest total of activations held at once, in bytes at trace.activationBits. */
export function peakLiveActivationBytes(trace: Trace, chains: readonly FusedChain[] = []): number {
  return activationLiveness(trace, chains).peak_bytes;
}

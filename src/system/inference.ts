import { Priority } from '../engine/event-queue.js';
import { psToSeconds, type Picoseconds } from '../engine/time.js';
import type { LayerResult } from '../hw/nvdla/layer-result.js';
import { layerMacs } from '../workload/layer.js';
import { componentTotals, diffNested, sumNested } from './energy-ledger.js';
import type { System } from './system.js';

/** One layer as reported: the core's result plus bytes per memory and the whole system's energy during it. */
export interface LayerReport {
  name: string;
  op: string;
  start_s: number;
  cycles: number;
  time_s: number;
  bound: 'compute' | 'memory';
  macs: number;
  mac_utilization: number;
  cbufMode: string;
  bytes: Record<string, { read_B: number; written_B: number }>;
  energy_J: number;
  energyByComponent_J: Record<string, number>;
}

export interface InferenceRun {
  start: Picoseconds;
  end: Picoseconds;
  layers: LayerReport[];
}

/**
 * Run the trace's layers one after another on the NVDLA core, starting now.
 * NVDLA processes one hardware layer at a time; the next starts when the
 * previous one's last output is written.
 */
export function runInference(sys: System, onDone: (run: InferenceRun) => void): void {
  const { sim, trace, core, ledger } = sys;
  const start = sim.now;
  const layers: LayerReport[] = [];
  const memBytes = (): Record<string, { read_B: number; written_B: number }> => {
    const out: Record<string, { read_B: number; written_B: number }> = {};
    for (const m of sys.memories) out[m.name] = { read_B: m.device.bytesRead, written_B: m.device.bytesWritten };
    return out;
  };
  let index = 0;
  const runNext = (): void => {
    const layer = trace.layers[index];
    if (layer === undefined) {
      onDone({ start, end: sim.now, layers });
      return;
    }
    const before = ledger.snapshot(sim.now);
    const bytesBefore = memBytes();
    core.runLayer(layer, index, sys.io, (r: LayerResult) => {
      const after = ledger.snapshot(sim.now);
      const bytesAfter = memBytes();
      const bytes: Record<string, { read_B: number; written_B: number }> = {};
      for (const [name, b] of Object.entries(bytesAfter)) {
        const a = bytesBefore[name] ?? { read_B: 0, written_B: 0 };
        bytes[name] = { read_B: b.read_B - a.read_B, written_B: b.written_B - a.written_B };
      }
      const energy = diffNested(before.energy_J, after.energy_J);
      layers.push({
        name: layer.name,
        op: layer.op,
        start_s: psToSeconds(r.start_ps),
        cycles: r.cycles,
        time_s: psToSeconds(r.end_ps - r.start_ps),
        bound: r.bound,
        macs: layerMacs(layer),
        mac_utilization: r.macUtilization,
        cbufMode: r.cbufMode,
        bytes,
        energy_J: sumNested(energy),
        energyByComponent_J: componentTotals(energy),
      });
      index++;
      // Start the next layer from a fresh event so deep traces never grow the call stack.
      sim.after(0, Priority.CONTROL, runNext);
    });
  };
  runNext();
}

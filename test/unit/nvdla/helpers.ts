import { Simulator } from '../../../src/engine/event-queue.js';
import type { Picoseconds } from '../../../src/engine/time.js';
import type { EnergyBreakdown, MemoryDevice, MemoryOp, TrafficClass } from '../../../src/hw/memory.js';
import { NvdlaCore } from '../../../src/hw/nvdla/core.js';
import type { LayerResult } from '../../../src/hw/nvdla/layer-result.js';
import { nvdlaBuildDefaults, type NvdlaBuild, type NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import { MemoryWeightSource } from '../../../src/hw/nvdla/weight-source.js';
import { FixedMemory } from '../../../src/hw/port.js';
import type { Layer, LayerOp } from '../../../src/workload/layer.js';

/**
 * Parameters whose memory interface never limits (Infinity bytes per cycle), so that with an ideal memory the
 * cycle counts are the closed-form compute cycles and can be checked by hand.
 */
export function idealParams(build: NvdlaBuild = 'nv_full', overrides: Partial<NvdlaParams> = {}): NvdlaParams {
  return { ...nvdlaBuildDefaults(build), memifWidth_B: Infinity, ...overrides };
}

/** Every transfer done the instant it is requested. */
export const idealMemory = (): FixedMemory => new FixedMemory('ideal', Infinity, 0);

export interface Transfer {
  op: MemoryOp;
  address: number;
  bytes: number;
  t: Picoseconds;
  traffic: TrafficClass;
}

/** A FixedMemory that also records every request. */
export class RecordingMemory implements MemoryDevice {
  readonly log: Transfer[] = [];
  private readonly inner: FixedMemory;
  constructor(
    readonly name: string,
    bandwidth_GBps: number,
    latency_ps: Picoseconds,
  ) {
    this.inner = new FixedMemory(name, bandwidth_GBps, latency_ps);
  }
  get bytesRead(): number {
    return this.inner.bytesRead;
  }
  get bytesWritten(): number {
    return this.inner.bytesWritten;
  }
  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, traffic: TrafficClass): Picoseconds {
    this.log.push({ op, address, bytes, t, traffic });
    return this.inner.transfer(op, address, bytes, t);
  }
  peakBandwidth_Bps(): number {
    return this.inner.peakBandwidth_Bps();
  }
  area_mm2(): number {
    return 0;
  }
  advanceTo(): void {}
  energy_J(): EnergyBreakdown {
    return {};
  }
}

interface Shape {
  name?: string;
  op?: LayerOp;
  inputs?: string[];
  H: number;
  W: number;
  C: number;
  K: number;
  R?: number;
  stride?: number;
  pad?: number;
  groups?: number;
}

/** A conv (or fc) layer with its output shape computed (floor rounding). */
export function conv(s: Shape): Layer {
  const R = s.R ?? 1;
  const stride = s.stride ?? 1;
  const pad = s.pad ?? 0;
  const out = (x: number): number => Math.floor((x + 2 * pad - R) / stride) + 1;
  return {
    name: s.name ?? 'conv',
    op: s.op ?? 'conv',
    inputs: s.inputs ?? ['prev'],
    inputHeight: s.H,
    inputWidth: s.W,
    inputChannels: s.C,
    outputChannels: s.K,
    kernelHeight: R,
    kernelWidth: R,
    stride,
    padding: pad,
    groups: s.groups ?? 1,
    outputHeight: out(s.H),
    outputWidth: out(s.W),
    weights: { density: 1, valueBits: 8 },
  };
}

/** Run one layer alone on a fresh simulator; features and weights in `memory` (ideal by default). */
export function runLayer(
  params: NvdlaParams,
  layer: Layer,
  memory: MemoryDevice = idealMemory(),
  weightMemory: MemoryDevice = memory,
): { result: LayerResult; sim: Simulator; core: NvdlaCore } {
  const sim = new Simulator();
  const core = new NvdlaCore(params, sim);
  const weights = new MemoryWeightSource(weightMemory, [layer], 1 << 30);
  const addresses = new Map<string, number>();
  const addressOf = (t: string): number => {
    if (!addresses.has(t)) addresses.set(t, addresses.size << 24);
    return addresses.get(t)!;
  };
  let result: LayerResult | undefined;
  core.runLayer(layer, 0, { weights, features: memory, addressOf }, (r) => {
    result = r;
  });
  sim.run();
  if (result === undefined) throw new Error('layer did not finish');
  return { result, sim, core };
}

import { Priority, Simulator } from '../../../src/engine/event-queue.js';
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
  return { ...nvdlaBuildDefaults(build, 'hardware-limit'), memifWidth_B: Infinity, ...overrides };
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

/**
 * Run `layers` one hardware layer after another on one core and one memory (features and weights), as the
 * system runner does: the core's fused groups, or every layer alone when `fuse` is false.
 */
export function runLayers(
  params: NvdlaParams,
  layers: Layer[],
  memory: MemoryDevice = idealMemory(),
  fuse = true,
): { results: LayerResult[]; sim: Simulator; core: NvdlaCore; addressOf: (t: string) => number } {
  const sim = new Simulator();
  const core = new NvdlaCore(params, sim);
  const weights = new MemoryWeightSource(memory, layers, 1 << 30);
  const addresses = new Map<string, number>();
  const addressOf = (t: string): number => {
    if (!addresses.has(t)) addresses.set(t, addresses.size << 24);
    return addresses.get(t)!;
  };
  const io = { weights, features: memory, addressOf };
  const groups = fuse ? core.planGroups(layers, io) : layers.map((_, head) => ({ head }));
  const results: LayerResult[] = [];
  const next = (g: number): void => {
    const group = groups[g];
    if (group === undefined) return;
    core.runGroup(layers, group, io, (r) => {
      results.push(r);
      sim.after(0, Priority.CONTROL, () => next(g + 1));
    });
  };
  next(0);
  sim.run();
  if (results.length !== groups.length) throw new Error('a hardware layer did not finish');
  return { results, sim, core, addressOf };
}

/** An element-wise add of `inputs`, shaped like `like`'s output. */
export function add(name: string, inputs: string[], like: Layer): Layer {
  const { outputHeight: H, outputWidth: W, outputChannels: C } = like;
  return {
    name,
    op: 'eltwise',
    inputs,
    inputHeight: H,
    inputWidth: W,
    inputChannels: C,
    outputChannels: C,
    kernelHeight: 1,
    kernelWidth: 1,
    stride: 1,
    padding: 0,
    groups: 1,
    outputHeight: H,
    outputWidth: W,
  };
}

/** A max pooling of `input`'s output (floor rounding, as the traces). */
export function pooling(name: string, input: Layer, k: number, stride: number, pad = 0): Layer {
  const { outputHeight: H, outputWidth: W, outputChannels: C } = input;
  const out = (x: number): number => Math.floor((x + 2 * pad - k) / stride) + 1;
  return {
    name,
    op: 'pool',
    pool: 'max',
    inputs: [input.name],
    inputHeight: H,
    inputWidth: W,
    inputChannels: C,
    outputChannels: C,
    kernelHeight: k,
    kernelWidth: k,
    stride,
    padding: pad,
    groups: 1,
    outputHeight: out(H),
    outputWidth: out(W),
  };
}

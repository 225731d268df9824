import type { Simulator } from '../../engine/event-queue.js';
import { ClockDomain, type Picoseconds } from '../../engine/time.js';
import type { Layer } from '../../workload/layer.js';
import type { EnergyAccount, EnergyBreakdown } from '../memory.js';
import { nvdlaArea, type NvdlaArea } from './area.js';
import { ConvLayerRun } from './conv-run.js';
import { addEnergy, dynamicEnergy_J, leakageEnergy_J, NO_ACTIVITY } from './energy.js';
import type { LayerResult } from './layer-result.js';
import type { RunContext } from './layer-run.js';
import { MemoryInterface, type LayerIo } from './memory-interface.js';
import { runPostOp } from './post-op-run.js';
import type { NvdlaParams } from './spec.js';

/**
 * The NVDLA core: runs one hardware layer at a time on the simulator
 * (convolutions and fully connected layers on the convolution pipeline,
 * pooling on PDP, element-wise adds on SDP) and accounts its energy.
 */
export class NvdlaCore implements EnergyAccount {
  readonly name = 'nvdla';
  readonly clock: ClockDomain;
  private readonly ctx: RunContext;
  private readonly dynamic: EnergyBreakdown;
  private leakage_J = 0;
  private accountedTo: Picoseconds = 0;
  private running = false;

  constructor(
    readonly params: NvdlaParams,
    readonly sim: Simulator,
  ) {
    this.clock = ClockDomain.fromFrequencyGHz('nvdla', params.clock_GHz);
    this.ctx = { p: params, sim, clock: this.clock, memif: new MemoryInterface(params) };
    this.dynamic = dynamicEnergy_J(params, NO_ACTIVITY); // every term present from the start
  }

  /**
   * Run `layer` starting now. Events go on the simulator; `onDone` is called at the layer's end time.
   * `layerIndex` is the layer's index in the trace (it keys the weight source).
   */
  runLayer(layer: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void): void {
    if (this.running) throw new Error(`NvdlaCore: layer ${layer.name} started while another layer runs (NVDLA runs one hardware layer at a time)`);
    this.running = true;
    const done = (r: LayerResult): void => {
      this.running = false;
      const { leakage: _leakage, ...dynamic } = r.energy_J;
      addEnergy(this.dynamic, dynamic); // leakage is accounted over all time by advanceTo
      onDone(r);
    };
    if (layer.op === 'conv' || layer.op === 'fc') new ConvLayerRun(this.ctx, layer, layerIndex, io, done).start();
    else runPostOp(this.ctx, layer, layerIndex, io, done);
  }

  /** Leakage up to t (the core stays powered; power gating between frames is the system's policy). */
  advanceTo(t: Picoseconds): void {
    if (t <= this.accountedTo) return;
    this.leakage_J += leakageEnergy_J(this.params, t - this.accountedTo);
    this.accountedTo = t;
  }

  /** Cumulative energy by term: dynamic energy of finished layers and leakage up to the last advanceTo. */
  energy_J(): EnergyBreakdown {
    return { ...this.dynamic, leakage: this.leakage_J };
  }

  area(): NvdlaArea {
    return nvdlaArea(this.params);
  }

  area_mm2(): number {
    return this.area().total_mm2;
  }
}

import { Priority, type Simulator } from '../../engine/event-queue.js';
import { ClockDomain, nsToPs, type Picoseconds } from '../../engine/time.js';
import type { Layer } from '../../workload/layer.js';
import type { EnergyAccount, EnergyBreakdown, PowerManaged } from '../memory.js';
import { GatedDevice, PowerGate, powerGateConfig } from '../power-gate.js';
import { nvdlaArea, type NvdlaArea } from './area.js';
import { ConvLayerRun } from './conv-run.js';
import { addEnergy, dynamicEnergy_J, NO_ACTIVITY } from './energy.js';
import { fusedGroups, type FusedGroup } from './fusion.js';
import type { LayerResult } from './layer-result.js';
import type { RunContext } from './layer-run.js';
import { MemoryInterface, type LayerIo } from './memory-interface.js';
import { runConcat, runPostOp } from './post-op-run.js';
import type { NvdlaParams } from './spec.js';
import { cbufWeightsOf } from './weight-source.js';

/**
 * The NVDLA core: runs one hardware layer at a time on the simulator
 * (convolutions, fully connected layers and products of two activations on the
 * convolution pipeline, pooling on PDP, element-wise layers on SDP, LRN on CDP,
 * concatenations as no operation at all; or a convolution with an add and a
 * pooling fused into it, see fusion.ts) and accounts its energy.
 */
export class NvdlaCore extends GatedDevice implements EnergyAccount, PowerManaged {
  readonly name = 'nvdla';
  readonly clock: ClockDomain;
  private readonly ctx: RunContext;
  private readonly dynamic: EnergyBreakdown;
  /** Leakage of the core's own domain (its control leaks in the always-on domain, control-domain.ts). */
  protected readonly gate: PowerGate;
  /** End of the last layer: the core may be gated only after it. */
  private lastEnd: Picoseconds = 0;
  private running = false;
  private readonly launch_ps: Picoseconds;

  constructor(
    readonly params: NvdlaParams,
    readonly sim: Simulator,
  ) {
    super();
    this.clock = ClockDomain.fromFrequencyGHz('nvdla', params.clock_GHz);
    this.ctx = { p: params, sim, clock: this.clock, memif: new MemoryInterface(params) };
    this.launch_ps = nsToPs(params.opLaunch_ns);
    this.dynamic = dynamicEnergy_J(params, NO_ACTIVITY); // every term present from the start
    this.gate = new PowerGate(powerGateConfig(params, (params.leakage_mW - params.controlLeakage_mW) * 1e-3, false));
  }

  /**
   * Run `layer` alone starting now. Events go on the simulator; `onDone` is called at the layer's end time.
   * `layerIndex` is the layer's index in the trace (it keys the weight source).
   */
  runLayer(layer: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void): void {
    this.begin(layer.name, onDone, (done) => {
      if (layer.op === 'conv' || layer.op === 'fc' || layer.op === 'matmul') this.launch(new ConvLayerRun(this.ctx, layer, layerIndex, io, done));
      else if (layer.op === 'concat') runConcat(this.ctx, layer, layerIndex, done);
      else if (layer.op === 'host') throw new Error(`NvdlaCore: layer ${layer.name} runs on the host, not on NVDLA`);
      else runPostOp(this.ctx, layer, layerIndex, io, done, this.launch_ps);
    });
  }

  /** The hardware layers this core runs `layers` as (fusion.ts), with CBUF weights as `io`'s weight source delivers them. */
  planGroups(layers: readonly Layer[], io: LayerIo): FusedGroup[] {
    return fusedGroups(layers, this.params, (i) => cbufWeightsOf(this.params, io.weights, layers[i]!, i));
  }

  /**
   * Run one hardware layer of planGroups starting now: its head alone, or a convolution with the layers fused into
   * it. The result is the head's, with the fused layers' work, traffic and time in it.
   */
  runGroup(layers: readonly Layer[], group: FusedGroup, io: LayerIo, onDone: (r: LayerResult) => void): void {
    const head = layers[group.head];
    if (head === undefined) throw new Error(`NvdlaCore: no layer ${group.head}`);
    if (group.eltwise === undefined && group.pool === undefined) return this.runLayer(head, group.head, io, onDone);
    if (head.op !== 'conv' && head.op !== 'fc') throw new Error(`NvdlaCore: layers fused into ${head.name}, a ${head.op}`);
    const fusion = {
      eltwise: group.eltwise === undefined ? undefined : layers[group.eltwise],
      pool: group.pool === undefined ? undefined : layers[group.pool],
    };
    this.begin(head.name, onDone, (done) => this.launch(new ConvLayerRun(this.ctx, head, group.head, io, done, fusion)));
  }

  /**
   * The driver launches each hardware layer from the previous one's completion interrupt (opLaunch_ns; nvdla/sw
   * kmd/firmware scheduler.c dla_op_completion → dla_update_consumers → dla_enable_operation). A split-H
   * convolution's later row chunks follow without it: they depend on the previous chunk by OP_PROGRAMMED and are
   * already programmed in the other register group (nvdla/sw engine-ast EngineNode.cpp resolveComputeDependencies).
   */
  private launch(run: ConvLayerRun): void {
    if (this.launch_ps === 0) run.start();
    else this.sim.after(this.launch_ps, Priority.CONTROL, () => run.start());
  }

  /** Start a hardware layer: one at a time; its dynamic energy is booked when it ends. */
  private begin(name: string, onDone: (r: LayerResult) => void, start: (done: (r: LayerResult) => void) => void): void {
    if (this.running) throw new Error(`NvdlaCore: layer ${name} started while another layer runs (NVDLA runs one hardware layer at a time)`);
    this.running = true;
    start((r: LayerResult): void => {
      this.running = false;
      this.lastEnd = r.end_ps;
      const { leakage: _leakage, ...dynamic } = r.energy_J;
      addEnergy(this.dynamic, dynamic); // leakage is accounted over all time by advanceTo
      onDone(r);
    });
  }

  /** Leakage up to t. */
  advanceTo(t: Picoseconds): void {
    this.gate.advanceTo(t);
  }

  sleep(t: Picoseconds, nextWake?: Picoseconds): void {
    if (this.running) throw new Error('NvdlaCore: sleep while a layer runs');
    this.gate.sleep(t, this.lastEnd, nextWake);
  }

  wake(t: Picoseconds): Picoseconds {
    return this.gate.wake(t);
  }

  /** Cumulative energy by term: dynamic energy of finished layers and leakage up to the last advanceTo. */
  energy_J(): EnergyBreakdown {
    return { ...this.dynamic, leakage: this.gate.leakageEnergy_J, wakeup: this.gate.wakeUpEnergy_J };
  }

  area(): NvdlaArea {
    return nvdlaArea(this.params);
  }

  area_mm2(): number {
    return this.area().total_mm2;
  }
}

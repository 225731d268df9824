import { Priority, type Simulator } from '../../engine/event-queue.js';
import { nsToPs, type ClockDomain, type Picoseconds } from '../../engine/time.js';
import { sliceOffsetElements, type Layer } from '../../workload/layer.js';
import type { EnergyAccount, EnergyBreakdown } from '../memory.js';
import type { LayerResult } from '../nvdla/layer-result.js';
import type { LayerIo } from '../nvdla/memory-interface.js';
import type { HostParams } from './spec.js';

/**
 * The host CPU running a host layer (hostOp softmax, layernorm or transpose) after NVDLA's previous operation completed:
 * it waits syncLatency_ns, reads the layer's input and writes its output through the feature memory (the DRAM
 * round trip: NVDLA's output goes to memory, the host reads it, writes its result back for NVDLA to read), and
 * computes at its stated rate; the layer ends when both the compute and the transfers are done.
 * Its result is reported in NVDLA core cycles (the NVDLA clock keeps running) with op "host".
 */
export class HostCpu implements EnergyAccount {
  readonly name = 'host';
  private compute_J = 0;
  /** Time spent in host layers so far, ps. */
  busy_ps: Picoseconds = 0;

  constructor(
    readonly params: HostParams,
    private readonly sim: Simulator,
    private readonly clock: ClockDomain,
  ) {}

  advanceTo(_t: Picoseconds): void {
    // Energy is booked per layer: the host's idle power is outside this model (it runs the rest of the system).
  }

  energy_J(): EnergyBreakdown {
    return { compute: this.compute_J };
  }

  /** Elements per second of the layer's operation. */
  rateOf(l: Layer): number {
    if (l.hostOp === 'softmax') return this.params.softmaxRate_elementsPerSecond;
    if (l.hostOp === 'layernorm') return this.params.layernormRate_elementsPerSecond;
    if (l.hostOp === 'transpose' || l.hostOp === 'copy') return this.params.transposeRate_elementsPerSecond;
    throw new Error(`host layer ${l.name} has no hostOp`);
  }

  run(l: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void): void {
    const t0 = this.sim.now;
    const start = t0 + nsToPs(this.params.syncLatency_ns);
    const inputElements = l.inputHeight * l.inputWidth * l.inputChannels;
    const outputElements = l.outputHeight * l.outputWidth * l.outputChannels;
    // A copy reads what it keeps and writes its whole output; the other operations keep the shape.
    const readElements = Math.min(inputElements, outputElements);
    const computeEnd = start + Math.round((outputElements / this.rateOf(l)) * 1e12);
    const read = io.features.transfer('read', io.addressOf(l.inputs[0] ?? 'input') + sliceOffsetElements(l, 0), readElements, start, 'features');
    const written = io.features.transfer('write', io.addressOf(l.name), outputElements, start, 'outputs');
    const end = Math.max(computeEnd, read, written);
    this.busy_ps += end - t0;
    this.compute_J += this.params.activePower_W * (end - start) * 1e-12;
    const cycles = Math.ceil((end - t0) / this.clock.period_ps);
    const computeCycles = Math.ceil((computeEnd - start) / this.clock.period_ps);
    const launchCycles = Math.ceil((start - t0) / this.clock.period_ps);
    const result: LayerResult = {
      name: l.name,
      layerIndex,
      op: l.op,
      start_ps: t0,
      end_ps: end,
      cycles,
      computeCycles,
      stallCycles: cycles - computeCycles,
      launchCycles,
      prologueCycles: 0,
      inputWaitCycles: Math.max(0, cycles - computeCycles - launchCycles),
      weightWaitCycles: 0,
      writebackCycles: 0,
      memoryFloorCycles: 0,
      bound: 'compute',
      macs: 0,
      macUtilization: 0,
      effectiveMacUtilization: 0,
      cbufMode: 'none',
      convMode: 'none',
      steps: 1,
      fusedLayers: [],
      featureRead_B: readElements,
      refetchedFeature_B: 0,
      outputWritten_B: outputElements,
      weightFetched_B: 0,
      hardwareOps: [],
      energy_J: {},
      totalEnergy_J: 0,
    };
    this.sim.at(end, Priority.COMPUTE_DONE, () => onDone(result));
  }
}

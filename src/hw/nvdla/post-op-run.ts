import type { Picoseconds } from '../../engine/time.js';
import type { Layer } from '../../workload/layer.js';
import { NO_ACTIVITY } from './energy.js';
import type { LayerResult } from './layer-result.js';
import { completeLayer, cyclesSince, memoryFloorCycles, type RunContext } from './layer-run.js';
import type { LayerIo } from './memory-interface.js';

/**
 * Layers outside the convolution pipeline, run from memory to memory
 * (unit_description.rst, SDP and PDP "off-flying" modes):
 * - pool: PDP reads the input and processes pdpThroughput input elements per cycle;
 * - eltwise: SDP reads every operand and produces sdpThroughput output elements per cycle.
 * Data streams through: the reads and the output write are requested when the driver has launched the operation
 * (`launch_ps` after the request) and the memory serializes them, so the layer takes the launch plus the longer of
 * its compute time and its transfers (one event per layer).
 */
export function runPostOp(ctx: RunContext, layer: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void, launch_ps: Picoseconds = 0): LayerResult {
  const { p, sim, clock, memif } = ctx;
  const t0: Picoseconds = sim.now;
  const start = t0 + launch_ps;
  const launchCycles = cyclesSince(clock, t0, start);
  const inputElements = layer.inputHeight * layer.inputWidth * layer.inputChannels;
  const outputElements = layer.outputHeight * layer.outputWidth * layer.outputChannels;
  const pool = layer.op === 'pool';
  if (!pool && layer.op !== 'eltwise') throw new Error(`runPostOp: layer ${layer.name} is a ${layer.op}`);
  const computeCycles = pool
    ? Math.ceil(inputElements / p.pdpThroughput_elementsPerCycle)
    : Math.ceil(outputElements / p.sdpThroughput_elementsPerCycle);
  let last = start;
  let featureRead_B = 0;
  layer.inputs.forEach((tensor, i) => {
    // The first operand is the layer's input; further ones are the element-wise operands.
    last = Math.max(last, memif.read(io, io.addressOf(tensor), inputElements, start, i === 0 ? 'features' : 'eltwise'));
    featureRead_B += inputElements;
  });
  last = Math.max(last, memif.write(io, io.addressOf(layer.name), outputElements, start));
  const busy = Math.max(computeCycles, cyclesSince(clock, start, last));
  const cycles = launchCycles + busy;
  return completeLayer(
    ctx,
    layer,
    layerIndex,
    t0,
    cycles,
    {
      computeCycles,
      launchCycles,
      prologueCycles: 0,
      // A streaming operation waits only for its input: the time its transfers took beyond the compute.
      inputWaitCycles: busy - computeCycles,
      weightWaitCycles: 0,
      writebackCycles: 0,
      memoryFloorCycles: memoryFloorCycles(ctx, io, { featureRead_B, written_B: outputElements, weight_B: 0 }),
      hardwareOps: [{ kind: pool ? 'pdp' : 'sdp', layer: layer.name, chunk: 0, start_ps: start, end_ps: t0 + clock.cycles(cycles), cycles: busy, read_B: featureRead_B, written_B: outputElements }],
      featureRead_B,
      refetchedFeature_B: 0,
      outputWritten_B: outputElements,
      weightFetched_B: 0,
      activity: { ...NO_ACTIVITY, sdpElements: pool ? 0 : outputElements, pdpElements: pool ? inputElements : 0 },
      cbufMode: 'none',
      convMode: 'none',
      steps: 1,
      fusedLayers: [],
    },
    onDone,
  );
}

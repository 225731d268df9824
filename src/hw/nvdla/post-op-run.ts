import type { Picoseconds } from '../../engine/time.js';
import type { Layer } from '../../workload/layer.js';
import { NO_ACTIVITY } from './energy.js';
import type { LayerResult } from './layer-result.js';
import { completeLayer, cyclesSince, type RunContext } from './layer-run.js';
import type { LayerIo } from './memory-interface.js';

/**
 * Layers outside the convolution pipeline, run from memory to memory
 * (unit_description.rst, SDP and PDP "off-flying" modes):
 * - pool: PDP reads the input and processes pdpThroughput input elements per cycle;
 * - eltwise: SDP reads every operand and produces sdpThroughput output elements per cycle.
 * Data streams through: the reads and the output write are requested at the layer's start and the memory
 * serializes them, so the layer takes the longer of its compute time and its transfers (one event per layer).
 */
export function runPostOp(ctx: RunContext, layer: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void): LayerResult {
  const { p, sim, clock, memif } = ctx;
  const t0: Picoseconds = sim.now;
  const inputElements = layer.inputHeight * layer.inputWidth * layer.inputChannels;
  const outputElements = layer.outputHeight * layer.outputWidth * layer.outputChannels;
  const pool = layer.op === 'pool';
  if (!pool && layer.op !== 'eltwise') throw new Error(`runPostOp: layer ${layer.name} is a ${layer.op}`);
  const computeCycles = pool
    ? Math.ceil(inputElements / p.pdpThroughput_elementsPerCycle)
    : Math.ceil(outputElements / p.sdpThroughput_elementsPerCycle);
  let last = t0;
  let featureRead_B = 0;
  layer.inputs.forEach((tensor, i) => {
    // The first operand is the layer's input; further ones are the element-wise operands.
    last = Math.max(last, memif.read(io, io.addressOf(tensor), inputElements, t0, i === 0 ? 'features' : 'eltwise'));
    featureRead_B += inputElements;
  });
  last = Math.max(last, memif.write(io, io.addressOf(layer.name), outputElements, t0));
  const cycles = Math.max(computeCycles, cyclesSince(clock, t0, last));
  return completeLayer(
    ctx,
    layer,
    layerIndex,
    t0,
    cycles,
    {
      computeCycles,
      prologueCycles: 0,
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

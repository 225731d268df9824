import type { Picoseconds } from '../../engine/time.js';
import { sliceOffsetElements, type Layer } from '../../workload/layer.js';
import { NO_ACTIVITY, type CoreActivity } from './energy.js';
import type { HardwareOpKind } from './hardware-op.js';
import type { LayerResult } from './layer-result.js';
import { completeLayer, cyclesSince, memoryFloorCycles, type RunContext } from './layer-run.js';
import type { LayerIo } from './memory-interface.js';
import type { NvdlaParams } from './spec.js';

/** The engine a memory-to-memory layer runs on, its compute cycles and what it counts for energy. */
interface PostOpEngine {
  kind: HardwareOpKind;
  computeCycles: number;
  activity: CoreActivity;
}

/**
 * - pool: PDP processes pdpThroughput input elements per cycle (global average pooling too: its window is the
 *   whole plane; nvdla/sw EngineAST.cpp transformCanPoolingOp makes every pooling a PDP node);
 * - eltwise (add, mul or a per-channel scale): SDP produces sdpThroughput output elements per cycle (SDPEltWiseOp.cpp);
 * - lrn: CDP processes cdpThroughput input elements per cycle (unit_description.rst, Channel Data Processor:
 *   the normalization over a window of channels; nvdla/sw EngineAST.cpp transformCanLRNOp makes LRN a CDP node).
 */
function engineOf(layer: Layer, p: NvdlaParams): PostOpEngine {
  const inputs = layer.inputHeight * layer.inputWidth * layer.inputChannels;
  const outputs = layer.outputHeight * layer.outputWidth * layer.outputChannels;
  switch (layer.op) {
    case 'pool':
      return { kind: 'pdp', computeCycles: Math.ceil(inputs / p.pdpThroughput_elementsPerCycle), activity: { ...NO_ACTIVITY, pdpElements: inputs } };
    case 'eltwise':
      return { kind: 'sdp', computeCycles: Math.ceil(outputs / p.sdpThroughput_elementsPerCycle), activity: { ...NO_ACTIVITY, sdpElements: outputs } };
    case 'lrn':
      return {
        kind: 'cdp',
        computeCycles: Math.ceil(inputs / p.cdpThroughput_elementsPerCycle),
        activity: { ...NO_ACTIVITY, cdp: { elements: inputs, window: layer.lrnSize ?? 1 } },
      };
    default:
      throw new Error(`runPostOp: layer ${layer.name} is a ${layer.op}`);
  }
}

/**
 * Layers outside the convolution pipeline, run from memory to memory (unit_description.rst, SDP, PDP and CDP
 * "off-flying" modes). Data streams through: the reads and the output write are requested when the driver has
 * launched the operation (`launch_ps` after the request) and the memory serializes them, so the layer takes the
 * launch plus the longer of its compute time and its transfers (one event per layer).
 */
export function runPostOp(ctx: RunContext, layer: Layer, layerIndex: number, io: LayerIo, onDone: (r: LayerResult) => void, launch_ps: Picoseconds = 0): LayerResult {
  const { p, sim, clock, memif } = ctx;
  const t0: Picoseconds = sim.now;
  const start = t0 + launch_ps;
  const launchCycles = cyclesSince(clock, t0, start);
  const inputElements = layer.inputHeight * layer.inputWidth * layer.inputChannels;
  const outputElements = layer.outputHeight * layer.outputWidth * layer.outputChannels;
  const engine = engineOf(layer, p);
  let last = start;
  let featureRead_B = 0;
  layer.inputs.forEach((tensor, i) => {
    // The first operand is the layer's input; further ones are the element-wise operands, per channel (1×1×C,
    // squeeze-excite) or whole. A scale's per-channel factors are not read from here (SOFTWARE.md).
    const elements = i === 0 ? inputElements : Math.min(inputElements, io.elementsOf?.(tensor) ?? inputElements);
    last = Math.max(last, memif.read(io, io.addressOf(tensor) + sliceOffsetElements(layer, i), elements, start, i === 0 ? 'features' : 'eltwise'));
    featureRead_B += elements;
  });
  last = Math.max(last, memif.write(io, io.addressOf(layer.name), outputElements, start));
  const computeCycles = engine.computeCycles;
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
      hardwareOps: [{ kind: engine.kind, layer: layer.name, chunk: 0, start_ps: start, end_ps: t0 + clock.cycles(cycles), cycles: busy, read_B: featureRead_B, written_B: outputElements }],
      featureRead_B,
      refetchedFeature_B: 0,
      outputWritten_B: outputElements,
      weightFetched_B: 0,
      activity: engine.activity,
      cbufMode: 'none',
      convMode: 'none',
      steps: 1,
      fusedLayers: [],
    },
    onDone,
  );
}

/**
 * A concatenation along channels costs nothing: the compiler places its producers' outputs side by side in one
 * surface, each at its channel offset (nvdla/sw ConcatOp.cpp: the concat node's input tensors get surface offsets
 * inside the output buffer, and the node emits no hardware operation), so the concat reads and writes nothing and
 * launches nothing. It completes the moment it is reached.
 */
export function runConcat(ctx: RunContext, layer: Layer, layerIndex: number, onDone: (r: LayerResult) => void): LayerResult {
  return completeLayer(
    ctx,
    layer,
    layerIndex,
    ctx.sim.now,
    0,
    {
      computeCycles: 0,
      launchCycles: 0,
      prologueCycles: 0,
      inputWaitCycles: 0,
      weightWaitCycles: 0,
      writebackCycles: 0,
      memoryFloorCycles: 0,
      hardwareOps: [],
      featureRead_B: 0,
      refetchedFeature_B: 0,
      outputWritten_B: 0,
      weightFetched_B: 0,
      activity: NO_ACTIVITY,
      cbufMode: 'none',
      convMode: 'none',
      steps: 0,
      fusedLayers: [],
    },
    onDone,
  );
}

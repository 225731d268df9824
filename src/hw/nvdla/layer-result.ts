import { checkProduced } from '../../engine/stats.js';
import type { Picoseconds } from '../../engine/time.js';
import type { LayerOp } from '../../workload/layer.js';
import type { EnergyBreakdown } from '../memory.js';
import type { CbufMode } from './cbuf-allocation.js';
import type { ConvMode } from './conv-mapping.js';
import type { HardwareOp } from './hardware-op.js';
import { nvdlaSpec } from './spec.js';

/** What the core reports for one layer (the per-layer statistics declared in spec.ts). */
export interface LayerResult {
  name: string;
  layerIndex: number;
  op: LayerOp;
  start_ps: Picoseconds;
  end_ps: Picoseconds;
  /** Core cycles from start to the last output written. */
  cycles: number;
  /** Cycles with every fetch already done (closed form); cycles − computeCycles = stallCycles. */
  computeCycles: number;
  stallCycles: number;
  /** Cycles from the request to the first operation's start: the driver's launch. */
  launchCycles: number;
  /** Cycles after the launch until the first step's input rows and weights were in CBUF. */
  prologueCycles: number;
  /** Cycles later steps waited for input rows, and for weights. */
  inputWaitCycles: number;
  weightWaitCycles: number;
  /** Cycles from the last drain to the last output byte written. */
  writebackCycles: number;
  /** Cycles the layer's bytes need at peak bandwidth (the roofline's memory floor; fractional). */
  memoryFloorCycles: number;
  /** 'memory' when memoryFloorCycles > computeCycles (the roofline criterion), else 'compute'. */
  bound: 'compute' | 'memory';
  macs: number;
  /** Multiplies the MAC array performed / (cycles × macAtomicC × macAtomicK): at most 1. */
  macUtilization: number;
  /** macs / (cycles × macAtomicC × macAtomicK): the network's MACs; above 1 is possible in Winograd mode. */
  effectiveMacUtilization: number;
  cbufMode: CbufMode | 'none';
  convMode: ConvMode | 'none';
  /** Scheduled steps (one event each): kernel group × row range for convolutions, 1 otherwise. */
  steps: number;
  /** Layers run inside this hardware layer: an element-wise add in SDP, a pooling in PDP on the fly (fusion.ts). */
  fusedLayers: string[];
  featureRead_B: number;
  refetchedFeature_B: number;
  outputWritten_B: number;
  weightFetched_B: number;
  /** The hardware operations the driver launched for this layer (hardware-op.ts). */
  hardwareOps: HardwareOp[];
  /** Energy of the core during the layer, by term (mac, cbuf_read, cbuf_write, sdp, pdp, leakage), J. */
  energy_J: EnergyBreakdown;
  totalEnergy_J: number;
}

/** The fields that name a layer result rather than measure it. */
const IDENTITY = new Set(['name', 'layerIndex', 'op', 'start_ps', 'end_ps']);

/** Throws unless a layer result carries exactly the per-layer statistics nvdlaSpec declares (kind `interval`). */
export function checkLayerResult(r: LayerResult | Record<string, unknown>): void {
  checkProduced('nvdla', nvdlaSpec, ['interval'], Object.keys(r).filter((k) => !IDENTITY.has(k)));
}

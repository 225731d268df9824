import type { ArchConfig } from '../config/arch-config.js';
import type { LayerMeasurement } from '../system/inference.js';

/** The roofline floor of one simulated hardware layer, from the bytes the simulator itself moved. */
export interface LayerFloor {
  name: string;
  cycles: number;
  /** macs / (atomic-C × atomic-K), ÷ 2.25 where the layer ran in Winograd mode. */
  computeFloor: number;
  /** Bytes over the memory port / its peak bandwidth, in core cycles. */
  memoryFloor: number;
  portBytes: number;
  winograd: boolean;
  floor: number;
  /** cycles / floor: below 1 means the simulator beat a bound no hardware can beat. */
  ratio: number;
}

/** Winograd performs 2.25× fewer multiplies per MAC of the network (4×4 tiles from 6×6 inputs, 3×3 kernels). */
const WINOGRAD_GAIN = 2.25;

/**
 * Whether the layer ran in Winograd mode, read from its report: effective utilization counts the network's MACs,
 * plain utilization the multiplies the array performed; only Winograd performs fewer multiplies than MACs.
 */
export function ranWinograd(l: LayerMeasurement): boolean {
  return l.effectiveMacUtilization > l.macUtilization * (1 + 1e-9);
}

/** Floors of every hardware layer (fused layers carry no time of their own and are skipped). */
export function layerFloors(config: ArchConfig, layers: readonly LayerMeasurement[]): LayerFloor[] {
  const { nvdla } = config;
  const macsPerCycle = nvdla.macAtomicC * nvdla.macAtomicK;
  const portBytesPerCycle = (config.memoryPort?.peakBandwidth_GBps ?? Infinity) / nvdla.clock_GHz;
  return layers
    .filter((l) => l.fusedInto === undefined)
    .map((l) => {
      const winograd = ranWinograd(l);
      const computeFloor = l.macs / macsPerCycle / (winograd ? WINOGRAD_GAIN : 1);
      const portBytes = offChipBytes(l);
      const memoryFloor = portBytes / portBytesPerCycle;
      const floor = Math.max(computeFloor, memoryFloor);
      return { name: l.name, cycles: l.cycles, computeFloor, memoryFloor, portBytes, winograd, floor, ratio: l.cycles / floor };
    });
}

/** Bytes the core moved over the memory port: weights and features read, features written. */
export function offChipBytes(l: LayerMeasurement): number {
  return l.weightFetched_B + l.featureRead_B + l.outputWritten_B;
}

import { inputElements, layerMacs, layerWeightCount, outputElements, type Layer } from '../../workload/layer.js';
import { WINOGRAD_WEIGHT_RATIO, winogradMultipliesPerMac, winogradShapeFits } from './conv-mapping.js';
import type { NvdlaParams } from './spec.js';

/**
 * Which layers a best-case compiler runs in Winograd mode: those whose roofline is shorter in Winograd than in direct
 * mode. Winograd needs 2.25× fewer multiplies (fewer still gained where the output is padded to multiples of 4)
 * but reads 16/9 of the weight bytes, pre-transformed; on a late 7×7 layer with 2.4 MB of weights the extra bytes
 * cost more than the multiplies save. Each mode's roofline is the larger of its MAC-array cycles and its bytes
 * (input, output, weights; int8) at `bandwidth_Bps`, the peak bandwidth of the memory that feeds the core.
 */
export function winogradLayers(layers: readonly Layer[], p: NvdlaParams, bandwidth_Bps: number): Set<string> {
  const chosen = new Set<string>();
  if (!p.winograd) return chosen;
  const bytesPerCycle = bandwidth_Bps / (p.clock_GHz * 1e9);
  const macsPerCycle = p.macAtomicC * p.macAtomicK;
  for (const l of layers) {
    if (!winogradShapeFits(l)) continue;
    const direct = layerMacs(l) / macsPerCycle;
    const features = inputElements(l) + outputElements(l);
    const weights = layerWeightCount(l);
    const directRoofline = Math.max(direct, (features + weights) / bytesPerCycle);
    const winogradRoofline = Math.max(direct * winogradMultipliesPerMac(l), (features + weights * WINOGRAD_WEIGHT_RATIO) / bytesPerCycle);
    if (winogradRoofline < directRoofline) chosen.add(l.name);
  }
  return chosen;
}

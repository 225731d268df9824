/** The NVDLA core's public API. */
export { NvdlaCore } from './core.js';
export type { LayerResult } from './layer-result.js';
export type { LayerIo } from './memory-interface.js';
export { MemoryWeightSource, denseInt8Bytes, cbufWeightBytes, cbufWeightsOf, cbufHoldsCompressed, type KernelBytesFn, type KernelRangeBytes } from './weight-source.js';
export { compressLayer, perLayerCompressedBytes, type CompressedBytesFn } from './weight-compression.js';
export { nvdlaSpec, nvdlaBuildDefaults, NVDLA_BUILDS, type NvdlaBuild, type NvdlaParams } from './spec.js';
export { resolveNvdlaParams, checkNvdlaParams, cbufBytes, macsPerCycle } from './params.js';
export { nvdlaArea, type NvdlaArea } from './area.js';
export { calibrateNvdla, NVDLA_CALIBRATION, PRIMER_POINTS, type NvdlaCalibration } from './calibration.js';
export { fusedGroups, groupIndices, pdpMaxFlyingWidth, type CbufWeightsOf, type FusedGroup } from './fusion.js';
export { planConvolution, type ConvPlan, type ConvStep } from './tiling.js';
export { mapConvolution, type ConvMode, type ConvMapping } from './conv-mapping.js';
export type { CbufMode, CbufWeights } from './cbuf-allocation.js';

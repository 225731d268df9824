export { EnvmArray, type EnvmSubArray } from './envm-array.js';
export { envmSpec, checkEnvmParams, type EnvmParams } from './spec.js';
export { cellsByBitsPerCell } from './stored-cells.js';
export { curvesFor, figuresAt, referenceBitsPerCell, type FigureCurves, type FigureOverridePoint } from '../memory-figures/figure-curves.js';
export {
  figureAt,
  checkedCurve,
  nonDecreasing,
  FIGURE_KEYS,
  FIGURE_KIND,
  type ArrayFigures,
  type CapacityRule,
  type CurvePoint,
  type FigureKey,
} from '../memory-figures/capacity-scaling.js';
export { belowSmallest, fittedPeriphery } from '../memory-figures/periphery-model.js';
export { beyondLargest } from '../memory-figures/tiling.js';
export {
  withSensing,
  extraComparisons,
  extraSenseSteps,
  SENSING_MODES,
  type SensingIncluded,
  type SensingMode,
  type SensingParams,
} from './mlc-sensing.js';
export { PowerGate, WAKE_UP_DEFAULTS, type PowerGateConfig, type PowerState } from '../power-gate.js';
export { InterleavedBanks, wordSpan } from '../memory-figures/interleaved-banks.js';
export { atAccessWidth } from '../memory-figures/access-width.js';
export {
  REFERENCE_ROWS,
  TECHNOLOGIES,
  CELLS_PER_KIB,
  CTT_CAVEAT,
  includesMlcSensing,
  REFERENCE_ACCESS_WIDTH_CELLS,
  type ReferenceRow,
  type Technology,
} from '../memory-figures/reference-table.js';

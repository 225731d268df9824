import { leastSquares, type LinearFit } from './least-squares.js';

/**
 * Calibration of NVDLA's energy and area parameters to the NVDLA primer's
 * estimates (reference/nvdla-area-power.csv). The derivation, its residuals
 * and its assumptions are written down in CALIBRATION.md beside this file;
 * test/unit/nvdla/calibration.test.ts checks the data below against the CSV
 * and re-derives every number.
 */

export interface PrimerPoint {
  macs: number;
  cbuf_KiB: number;
  dramBandwidth_GBps: number;
  area28_mm2: number;
  area16_mm2: number;
  powerPeak_mW: number;
  powerAverage_mW: number;
  /** Int8 ResNet-50 frames per second at 1 GHz (nvdla/doc primer.rst, same table; not in the CSV). */
  resnet50_fps: number;
}

/**
 * reference/nvdla-area-power.csv (nvdla/doc doc/primer.rst, "Example Area and Performance with NVDLA"),
 * one row per line, plus the frame rate column of the same primer table.
 */
export const PRIMER_POINTS: readonly PrimerPoint[] = [
  { macs: 2048, cbuf_KiB: 512, dramBandwidth_GBps: 20, area28_mm2: 5.5, area16_mm2: 3.3, powerPeak_mW: 766, powerAverage_mW: 291, resnet50_fps: 269 },
  { macs: 1024, cbuf_KiB: 256, dramBandwidth_GBps: 15, area28_mm2: 3.0, area16_mm2: 1.8, powerPeak_mW: 375, powerAverage_mW: 143, resnet50_fps: 153 },
  { macs: 512, cbuf_KiB: 256, dramBandwidth_GBps: 10, area28_mm2: 2.3, area16_mm2: 1.4, powerPeak_mW: 210, powerAverage_mW: 80, resnet50_fps: 93 },
  { macs: 256, cbuf_KiB: 256, dramBandwidth_GBps: 5, area28_mm2: 1.7, area16_mm2: 1.0, powerPeak_mW: 135, powerAverage_mW: 48, resnet50_fps: 46 },
  { macs: 128, cbuf_KiB: 256, dramBandwidth_GBps: 2, area28_mm2: 1.4, area16_mm2: 0.84, powerPeak_mW: 82, powerAverage_mW: 31, resnet50_fps: 20 },
  { macs: 64, cbuf_KiB: 128, dramBandwidth_GBps: 1, area28_mm2: 0.91, area16_mm2: 0.55, powerPeak_mW: 55, powerAverage_mW: 21, resnet50_fps: 7.3 },
  { macs: 32, cbuf_KiB: 128, dramBandwidth_GBps: 0.5, area28_mm2: 0.85, area16_mm2: 0.51, powerPeak_mW: 45, powerAverage_mW: 17, resnet50_fps: 3.6 },
];

/**
 * MACs per ResNet-50 inference the primer's frame rates refer to. The 2017 primer predates torchvision's v1.5;
 * assumption: it used the original Caffe ResNet-50 (v1): total of reference/resnet50-layers-v1.csv.
 */
const PRIMER_RESNET50_MACS = 3_857_973_248;

/** SRAM read energy per byte: 1.128 pJ per 64-bit access of the 2 MB 22 nm SRAM row of reference/envm-arrays.csv. */
export const SRAM_READ_ENERGY_pJ_per_B = 1.128 / 8;

/**
 * Operation energies at 45 nm (Horowitz, "Computing's energy problem", ISSCC 2014), used only as RATIOS to an
 * int8 MAC to size the SDP and PDP per-element energies relative to the calibrated MAC energy.
 */
const HOROWITZ_45NM_pJ = { add8: 0.03, add16: 0.05, add32: 0.1, mult8: 0.2, mult32: 3.1 } as const;
/** assumption: an SDP element is one 32-bit multiply (scale) and two 32-bit adds (bias, convert); an int8 MAC is a mult8 + add8. */
export const SDP_ELEMENT_IN_MACS =
  (HOROWITZ_45NM_pJ.mult32 + 2 * HOROWITZ_45NM_pJ.add32) / (HOROWITZ_45NM_pJ.mult8 + HOROWITZ_45NM_pJ.add8);
/** assumption: a PDP input element is one 16-bit compare/add in MAC units (the line-buffer access is counted apart). */
const PDP_ELEMENT_IN_MACS = HOROWITZ_45NM_pJ.add16 / (HOROWITZ_45NM_pJ.mult8 + HOROWITZ_45NM_pJ.add8);
/** PDP share-line-buffer bytes touched per input element: one read and one write of a 14-bit int8 partial result (unit_description, PDP buffer size estimation). */
const PDP_LINE_BUFFER_B_PER_ELEMENT = 2 * (14 / 8);

export interface NvdlaCalibration {
  /** area_16nm = a·MACs + b·CBUF_KiB + c (mm²). Coefficients [a, b, c]. */
  area16: LinearFit;
  /** Same at 28 nm, for reference. */
  area28: LinearFit;
  /** Peak power = a·MACs + b·KiB + c (mW). */
  peakPower: LinearFit;
  /** Average power = a·MACs + b·KiB + c (mW). */
  averagePower: LinearFit;
  /** Leakage = perKiB·KiB + constant (mW): the part of the average power that does not scale with MACs. */
  leakage_mW_per_KiB: number;
  leakageConstant_mW: number;
  /** Dynamic energy per useful int8 MAC, all in (MAC, CSC/CBUF reads, CACC), pJ; LS fit over the points. */
  dynamicEnergyPerMac_pJ: number;
  /** The same quantity point by point, (average − leakage) / (fps × MACs per frame), pJ. */
  dynamicEnergyPerMacByPoint_pJ: number[];
  /** Model power at 100 % MAC utilization at each point (leakage + MACs × f × energy), mW, for the peak check. */
  fullUtilizationPower_mW: number[];
}

const designRow = (p: PrimerPoint): number[] => [p.macs, p.cbuf_KiB, 1];

/** Derive the calibration from the primer points. */
export function calibrateNvdla(points: readonly PrimerPoint[] = PRIMER_POINTS): NvdlaCalibration {
  const X = points.map(designRow);
  const area16 = leastSquares(X, points.map((p) => p.area16_mm2));
  const area28 = leastSquares(X, points.map((p) => p.area28_mm2));
  const peakPower = leastSquares(X, points.map((p) => p.powerPeak_mW));
  const averagePower = leastSquares(X, points.map((p) => p.powerAverage_mW));
  const [, leakPerKiB, leakConst] = averagePower.coefficients as [number, number, number];
  const leakage = (p: PrimerPoint): number => leakPerKiB * p.cbuf_KiB + leakConst;
  // Dynamic power (mW) = rate (MAC/s) × energy (pJ) × 1e-9; least squares through the origin over the points.
  const rate = points.map((p) => p.resnet50_fps * PRIMER_RESNET50_MACS * 1e-9);
  const dyn = points.map((p) => p.powerAverage_mW - leakage(p));
  const e = dyn.reduce((s, d, i) => s + d * rate[i]!, 0) / rate.reduce((s, r) => s + r * r, 0);
  return {
    area16,
    area28,
    peakPower,
    averagePower,
    leakage_mW_per_KiB: leakPerKiB,
    leakageConstant_mW: leakConst,
    dynamicEnergyPerMac_pJ: e,
    dynamicEnergyPerMacByPoint_pJ: dyn.map((d, i) => d / rate[i]!),
    // The primer's figures are at 1 GHz: MACs per second = MACs × 1e9; mW = pJ/ns.
    fullUtilizationPower_mW: points.map((p) => leakage(p) + p.macs * e),
  };
}

/** The calibration of the shipped defaults, computed once. */
export const NVDLA_CALIBRATION: NvdlaCalibration = calibrateNvdla();

/** The energy keys of the `nvdla` section that the calibration fills (NvdlaParams extends this). */
export interface CalibratedEnergy {
  macEnergy_pJ: number;
  cbufReadEnergy_pJ_per_B: number;
  cbufWriteEnergy_pJ_per_B: number;
  sdpEnergy_pJ_per_element: number;
  pdpEnergy_pJ_per_element: number;
  leakage_mW: number;
  controlLeakage_mW: number;
}

/**
 * Energy parameters of one build. The calibrated all-in energy per MAC includes the CBUF reads that go with it;
 * they are counted apart in the model, so their nominal share is taken out: one atomicC-byte feature atom per
 * atomic operation (1/atomicK bytes per MAC) and one weight atom per stripe of stripeMax atomic operations
 * (1/stripeMax bytes per MAC).
 */
export function calibratedEnergy(
  build: { macAtomicK: number; stripeMax: number; cbuf_KiB: number },
  cal: NvdlaCalibration = NVDLA_CALIBRATION,
): CalibratedEnergy {
  const cbufRead = SRAM_READ_ENERGY_pJ_per_B;
  const cbufBytesPerMac = 1 / build.macAtomicK + 1 / build.stripeMax;
  const e = cal.dynamicEnergyPerMac_pJ;
  return {
    macEnergy_pJ: e - cbufRead * cbufBytesPerMac,
    cbufReadEnergy_pJ_per_B: cbufRead,
    cbufWriteEnergy_pJ_per_B: cbufRead,
    sdpEnergy_pJ_per_element: e * SDP_ELEMENT_IN_MACS,
    pdpEnergy_pJ_per_element: e * PDP_ELEMENT_IN_MACS + cbufRead * PDP_LINE_BUFFER_B_PER_ELEMENT,
    leakage_mW: cal.leakage_mW_per_KiB * build.cbuf_KiB + cal.leakageConstant_mW,
    // Assumption A1 (CALIBRATION.md): the constant is always-on control.
    controlLeakage_mW: cal.leakageConstant_mW,
  };
}

export interface CalibratedArea {
  macArea_mm2_per_MAC: number;
  cbufArea_mm2_per_KiB: number;
  controlArea_mm2: number;
}

/** Area parameters at 16 nm (the node of the primer's power figures). */
export function calibratedArea(cal: NvdlaCalibration = NVDLA_CALIBRATION): CalibratedArea {
  const [a, b, c] = cal.area16.coefficients as [number, number, number];
  return { macArea_mm2_per_MAC: a, cbufArea_mm2_per_KiB: b, controlArea_mm2: c };
}

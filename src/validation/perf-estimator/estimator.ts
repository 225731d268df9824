import type { Corrections } from './corrections.js';
import type { SheetLayer } from './sheet-layers.js';

/** The hardware point the sheet is evaluated at. */
export interface EstimatorPoint {
  macs: number;
  cbuf_KiB: number;
  bandwidth_GBps: number;
  clock_MHz: number;
  /** Kernels per atomic operation and whether the build has Winograd: used only by the corrections. */
  atomicK: number;
  winograd: boolean;
}

export interface LayerEstimate {
  name: string;
  /** DRAM traffic in KiB (the sheet's "KB"), including re-fetches and the residual operand. */
  traffic_KiB: number;
  dramCycles: number;
  macCycles: number;
  cycles: number;
  bound: 'compute' | 'memory';
  winograd: boolean;
}

const roundUp = (x: number, m: number): number => Math.ceil(x / m) * m;
const KIB = 1024;

/**
 * One layer by the sheet's equations (reference/nvdla-perf-sheet.md), with the chosen corrections. Sizes are
 * in KiB as the sheet keeps them; each line names the sheet quantity it computes.
 */
export function estimateLayer(row: SheetLayer, pt: EstimatorPoint, fix: Corrections): LayerEstimate {
  const is3x3 = row.R === 3 && row.S === 3;
  if (!fix.winogradWhereUsable) return estimateMode(row, pt, fix, is3x3);
  // Corrected, Winograd is a choice: where the build has it, the faster of the two modes (the bound must hold for
  // either; pre-transformed weights can make Winograd the slower one when weights dominate the traffic).
  const direct = estimateMode(row, pt, fix, false);
  if (!(is3x3 && row.stride === 1 && pt.winograd)) return direct;
  const winograd = estimateMode(row, pt, fix, true);
  return winograd.cycles < direct.cycles ? winograd : direct;
}

function estimateMode(row: SheetLayer, pt: EstimatorPoint, fix: Corrections, winograd: boolean): LayerEstimate {
  const C = fix.res2aBranch2aChannels || row.name !== 'res2a_branch2a' ? row.C : 256;
  const fold = fix.noStrideFolding ? 1 : row.stride; // sh = sw
  const Cf = fix.noStrideFolding && row.stride > 1 ? C : roundUp(C * fold * fold, 16); // C′
  const Hf = Math.ceil(row.H / fold);
  const Wf = Math.ceil(row.W / fold);
  const Rf = Math.ceil(row.R / fold);
  const Sf = Math.ceil(row.S / fold);
  const b = row.batch;

  const X = (Cf * Hf * Wf) / KIB;
  const Z = (row.A * row.B * roundUp(row.K, 16)) / KIB;
  const Y = (Cf * Math.min(row.first ? row.R + 1 : row.R, Hf) * Wf) / KIB;
  let AA = (Cf * Rf * Sf * (fix.weightGroupAtomicK ? pt.atomicK : 32)) / KIB;
  if (AA >= pt.cbuf_KiB) AA = pt.cbuf_KiB / 2;
  const AB = ((Cf * Rf * Sf * row.K) / KIB) * (winograd ? 16 / 9 : 1);

  let traffic = X + AB + Z;
  if (X < AB) {
    if (X > pt.cbuf_KiB - AA) traffic = Math.ceil(X / (pt.cbuf_KiB - AA)) * AB + X + Z;
  } else if (AB > pt.cbuf_KiB - Y) {
    traffic = Math.ceil(AB / (pt.cbuf_KiB - Y)) * X + AB + Z;
  }
  if (row.eltwise) traffic += fix.residualAtOutputSize ? (row.P * row.Q * roundUp(row.K, 16)) / KIB : Z;
  const bytesPerKB = fix.kibibytes ? KIB : 1000;
  // traffic [KB] / bandwidth [GB/s] × clock [MHz] = cycles when 1 KB = 1000 B (the sheet's operation order).
  const dramCycles = Math.ceil(((traffic * (bytesPerKB / 1000)) / pt.bandwidth_GBps) * pt.clock_MHz);

  const kRound = fix.kernelGroupAtomicK ? pt.atomicK : 128;
  let macCycles: number;
  if (fix.noStrideFolding && row.stride > 1) {
    macCycles = (C * row.P * row.Q * roundUp(row.K * b, kRound) * row.R * row.S) / pt.macs / b;
  } else {
    const Pp = row.pad ? row.H : row.H - row.R + 1;
    const Qp = row.pad ? row.W : row.W - row.S + 1;
    const pad4 = winograd && fix.winogradWhereUsable ? 4 : 1; // nvdla/sw pads a Winograd output to a multiple of 4
    macCycles =
      (Cf * roundUp(Math.ceil(Pp / fold), pad4) * roundUp(Math.ceil(Qp / fold), pad4) * roundUp(row.K * b, kRound) * row.R * row.S) /
      (fold * fold) / pt.macs / (winograd ? 2.25 : 1) / b;
  }
  const cycles = Math.max(dramCycles, macCycles);
  return { name: row.name, traffic_KiB: traffic, dramCycles, macCycles, cycles, bound: macCycles >= dramCycles ? 'compute' : 'memory', winograd };
}

export interface NetworkEstimate {
  layers: LayerEstimate[];
  cycles: number;
  fps: number;
}

/** The frame: layers one after another, no overlap and no overheads (as the sheet sums them). */
export function estimateNetwork(rows: SheetLayer[], pt: EstimatorPoint, fix: Corrections): NetworkEstimate {
  const layers = rows.map((r) => estimateLayer(r, pt, fix));
  const cycles = layers.reduce((s, l) => s + l.cycles, 0);
  return { layers, cycles, fps: (pt.clock_MHz * 1e6) / cycles };
}

import type { Layer } from '../workload/layer.js';
import { offChipBytes, type LayerFloor } from './lower-bound.js';
import { ALL_CORRECTED, CORRECTION_NAMES, type CorrectionName } from './perf-estimator/corrections.js';
import { estimateLayer, type EstimatorPoint, type LayerEstimate } from './perf-estimator/estimator.js';
import type { SheetLayer } from './perf-estimator/sheet-layers.js';
import type { SoftwareProfile } from './primer-configs.js';
import type { SimRun } from './validation-data.js';

/** Short names of the corrections, for one-line explanations (corrections.ts gives the reasons). */
const SHORT: Record<CorrectionName, string> = {
  res2aBranch2aChannels: 'C entered as 256',
  noStrideFolding: 'stride folding',
  kernelGroupAtomicK: 'K rounded to 128',
  weightGroupAtomicK: '32-kernel weight group',
  winogradWhereUsable: 'Winograd on every 3×3',
  residualAtOutputSize: 'residual operand at pooled size',
  kibibytes: 'KB divided as 1000 B',
};

/** Above this relative difference a term is named (below it, rounding). */
const NOTABLE = 0.02;
/** "12 % more" / "12 % fewer" bytes of a against b. */
const moreOrFewer = (a: number, b: number): string => `${Math.round(Math.abs(a / b - 1) * 100)} % ${a > b ? 'more' : 'fewer'}`;

/** The corrections that change this layer by more than NOTABLE: each one turned off alone. */
export function correctionsThatMatter(row: SheetLayer, pt: EstimatorPoint): CorrectionName[] {
  const base = estimateLayer(row, pt, ALL_CORRECTED).cycles;
  return CORRECTION_NAMES.filter((n) => {
    const off = estimateLayer(row, pt, { ...ALL_CORRECTED, [n]: false }).cycles;
    return Math.abs(off / base - 1) > NOTABLE;
  });
}

export function publishedVsCorrected(row: SheetLayer, pt: EstimatorPoint): string {
  const names = correctionsThatMatter(row, pt);
  return names.length === 0 ? 'sheet = corrected (within 2 %)' : `sheet → corrected: ${names.map((n) => SHORT[n]).join(', ')}`;
}

/** Why the simulator's hardware layer differs from the corrected estimate of the same convolution. */
export function correctedVsSimulator(
  row: SheetLayer,
  est: LayerEstimate,
  sim: SimRun,
  profile: SoftwareProfile,
  floor: LayerFloor,
): string {
  const report = sim.layers.find((l) => l.name === row.name);
  if (report === undefined) return 'not simulated';
  const parts: string[] = [];
  const simBytes = offChipBytes(report);
  const estBytes = est.traffic_KiB * 1024;
  if (est.winograd && !floor.winograd) {
    parts.push(profile === 'nvdla-sw' ? 'Winograd in the roofline, direct in nvdla-sw (no int8 Winograd in the compiler)' : 'Winograd in the roofline, direct in the simulator');
  }
  if (!est.winograd && floor.winograd) {
    parts.push('Winograd in the simulator where direct convolution is faster (16/9 pre-transformed weights outweigh 2.25× fewer multiplies)');
  }
  if (Math.abs(simBytes / estBytes - 1) > NOTABLE) {
    const why: string[] = [];
    if (profile === 'nvdla-sw' && row.eltwise) why.push('the residual add is a separate SDP op');
    if (profile === 'nvdla-sw' && (row.A !== row.P || row.B !== row.Q)) why.push('pooling is a separate PDP op');
    if (est.winograd !== floor.winograd) why.push(floor.winograd ? 'pre-transformed weights' : 'raw weights, not 16/9');
    else if (est.winograd && simBytes < estBytes) why.push('the simulator fetches raw weights in Winograd mode, not the 16/9 pre-transformed ones');
    if (row.first && simBytes > estBytes) why.push('the image is read as 4-byte pixels');
    if (simBytes > estBytes && why.length === 0) why.push('re-fetches beyond the sheet\'s model (row-split overlap or weight passes)');
    if (simBytes < estBytes && why.length === 0) why.push('fewer passes than the sheet\'s resident-tensor rule');
    parts.push(`moves ${moreOrFewer(simBytes, estBytes)} bytes than the roofline (${why.join('; ')})`);
  }
  const over = report.cycles / floor.floor - 1;
  if (over > NOTABLE) {
    const computeBound = floor.computeFloor >= floor.memoryFloor;
    const utilization = Math.round((report.effectiveMacUtilization / (floor.winograd ? 2.25 : 1)) * 100);
    const causes = { launch: report.launchCycles, prologue: report.prologueCycles, 'input wait': report.inputWaitCycles, 'weight wait': report.weightWaitCycles, writeback: report.writebackCycles };
    const stalls = Object.entries(causes)
      .filter(([, c]) => c > NOTABLE * report.cycles)
      .map(([k, c]) => `${k} ${Math.round(c).toLocaleString('en-US')}`);
    parts.push(
      `${Math.round(over * 100)} % above its ${computeBound ? 'compute' : 'memory'} floor (MAC utilization ${utilization} %` +
        (row.first ? ', image input fills few channels of an atom' : '') +
        (stalls.length > 0 ? `; stall cycles: ${stalls.join(', ')})` : ')'),
    );
  }
  return parts.length === 0 ? `at the roofline of its own bytes (${simBytes === 0 ? 'no traffic' : 'within 2 %'})` : parts.join('; ');
}

/** A trace layer the sheet fuses into a convolution but the profile runs as its own hardware operation. */
export function separateOp(layer: Layer, profile: SoftwareProfile): string {
  const what = layer.op === 'pool' ? 'pooling as its own PDP op (no on-the-fly SDP→PDP' : 'add as its own SDP op reading both operands (no int8 fusion';
  return `fused in the sheet; ${profile} runs the ${what} in nvdla/sw), all of its time extra`;
}

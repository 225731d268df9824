import { benchFaults } from '../src/faults/bench.js';
import { benchSweep } from '../src/system/sweep/bench.js';

/** Benchmarks of the sweep and the fault campaigns. */
export async function extraBenches(): Promise<string[]> {
  const s = await benchSweep();
  const f = await benchFaults();
  return [
    `maxnvm sweep, ${s.points} points (${s.units} units, ${s.workers} workers): ${s.wall_s.toFixed(1)} s, ` +
      `${s.pointsPerSecond.toFixed(0)} points/s, ${s.coresBusy.toFixed(2)} cores busy (target < 30 s, both cores)`,
    `  one more frame rate on a simulated system costs ${(s.perRate_s * 1e3).toFixed(2)} ms = ${s.rateToInferenceRatio.toFixed(4)} × one inference (${(s.inference_s * 1e3).toFixed(0)} ms)`,
    ...formatFaultsBench(f),
  ];
}

function formatFaultsBench(f: Awaited<ReturnType<typeof benchFaults>>): string[] {
  return [
    `maxnvm faults, LeNet-5 CNN through onnxruntime: ${f.cnn.trials} trials over ${f.cnn.images} test images on ${f.workers} workers: ${f.cnn.campaign_s.toFixed(1)} s (target < 60 s), ` +
      `${f.cnn.meanFaultyCells.toFixed(0)} faulty cells per trial, mean accuracy ${(100 * f.cnn.accuracy).toFixed(2)} %`,
    `maxnvm faults, MNIST campaign of ${f.mnistTrials} trials on ${f.workers} workers: ${f.mnistCampaign_s.toFixed(1)} s (target < 60 s), ${f.mnistMeanFaultyCells.toFixed(0)} faulty cells per trial`,
    `  pruned ResNet-50, all layers: inject + ECC + decode + compare ${f.resnetInjectDecode_s.toFixed(2)} s first trial, ${f.resnetInjectDecodeNext_s.toFixed(2)} s next (target < 2 s); ` +
      `synthetic weights ${f.resnetWeights_s.toFixed(2)} s and encoding ${f.resnetEncode_s.toFixed(2)} s once per campaign`,
  ];
}

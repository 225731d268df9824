import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { CampaignPool } from '../../../src/faults/campaign/campaign-pool.js';
import { runCampaign, type CampaignOptions, type CampaignResult } from '../../../src/faults/campaign/campaign.js';
import { technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { MNIST_FAULT_TRIAL_MODULE, prepareMnist, type MnistFaultTrialOptions } from '../../../src/faults/networks/mnist-fault-trial.js';
import { loadModelFile } from '../../../src/ml/model-file.js';
import type { StorageChoice } from '../../../src/storage/types.js';

const FIXTURE = fileURLToPath(new URL('./fixtures/counting-trial.ts', import.meta.url));
const counting = (seed: number, workers: number): CampaignOptions => ({
  seed,
  trials: 12,
  workers,
  trial: { module: FIXTURE, exportName: 'createCountingTrial', options: { cells: 20_000, faultRate: 0.01 } },
});

describe('fault campaign', () => {
  it('same seed, same result; another seed, another result', async () => {
    const a = await runCampaign(counting(1, 0));
    const b = await runCampaign(counting(1, 0));
    const c = await runCampaign(counting(2, 0));
    expect(b).toEqual(a);
    expect(c.outcomes).not.toEqual(a.outcomes);
    // 20,000 cells at 1 %: about 200 faulty cells per trial, so the trials do differ from each other
    expect(new Set(a.outcomes.map((o) => o.faultyCells)).size).toBeGreaterThan(1);
    expect(a.meanFaultyCells).toBeGreaterThan(150);
    expect(a.meanFaultyCells).toBeLessThan(250);
  });

  it('1 and 2 worker threads give exactly what the main thread gives', async () => {
    const inThread = await runCampaign(counting(5, 0));
    expect(await runCampaign(counting(5, 1))).toEqual(inThread);
    expect(await runCampaign(counting(5, 2))).toEqual(inThread);
  });

  it('a pool runs campaigns back to back, each on its own trial, even when a worker starts late', async () => {
    const spec = (cells: number): CampaignOptions['trial'] => ({ module: FIXTURE, exportName: 'createSlowStartingTrial', options: { cells, faultRate: 0.3 } });
    const pool = new CampaignPool(2);
    try {
      // The fast worker runs all 4 trials of the first campaign before the slow one is set up. The second campaign
      // (~1 s of trials) is still running when the slow worker's first setup ends: neither its late "ready" nor
      // its first runner may be used for the second campaign.
      for (const [cells, trials] of [[1_000, 4], [200_000, 200]] as const) {
        const pooled = await runCampaign({ seed: 4, trials, workers: 2, pool, trial: spec(cells) });
        const inThread = await runCampaign({ seed: 4, trials, workers: 0, trial: { ...spec(cells), exportName: 'createCountingTrial' } });
        expect(pooled).toEqual(inThread);
      }
    } finally {
      await pool.close();
    }
  });

  it('the interval is a t interval over per-trial accuracies and contains their mean', async () => {
    const r = await runCampaign(counting(3, 0));
    if (r.accuracy === undefined) throw new Error('accuracy not measured');
    expect(r.accuracy.count).toBe(12);
    expect(r.accuracy.mean).toBeCloseTo(r.outcomes.reduce((s, o) => s + o.correct / o.total, 0) / 12, 14);
    expect(r.accuracy.low).toBeLessThan(r.accuracy.mean);
    expect(r.accuracy.high).toBeGreaterThan(r.accuracy.mean);
  });

  it('bad inputs: a missing factory is a UserError, so is a zero trial count', async () => {
    const bad = { ...counting(1, 0), trial: { ...counting(1, 0).trial, exportName: 'notAFactory' } };
    await expect(runCampaign(bad)).rejects.toThrow(UserError);
    await expect(runCampaign({ ...counting(1, 0), trials: 0 })).rejects.toThrow(UserError);
  });
});

const mnist = (choice: StorageChoice, seed: number, trials: number, workers: number, sigmaScale = 1): CampaignOptions => {
  const options: MnistFaultTrialOptions = { choice, faultModel: technologyFaultModel('RRAM', 'gray', sigmaScale), mode: { kind: 'sampled' } };
  return { seed, trials, workers, trial: { module: MNIST_FAULT_TRIAL_MODULE, exportName: 'createMnistFaultTrial', options } };
};
const accuracyOf = (r: CampaignResult): number => {
  if (r.accuracy === undefined) throw new Error('accuracy not measured');
  return r.accuracy.mean;
};
const bitmask3: StorageChoice = { label: 'b3', encoding: 'bitmask', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 3 };

describe('MNIST fault trial (real encoders)', () => {
  it('the clean encodings decode to the model weights, dense and clustered', () => {
    const weights = loadModelFile().model.layers.map((l) => l.weights);
    for (const clustered of [false, true]) {
      const net = prepareMnist({ label: 'x', encoding: 'csr', csrIndexBits: 4, clustered, bitsPerCell: {}, defaultBitsPerCell: 1 });
      expect(net.layers.map((l) => l.original)).toEqual(weights);
    }
  });

  it('on 2 workers equals the main thread; the same seed gives the same result', async () => {
    const onWorkers = await runCampaign(mnist(bitmask3, 9, 4, 2));
    expect(onWorkers).toEqual(await runCampaign(mnist(bitmask3, 9, 4, 0)));
    expect(onWorkers.weightErrors?.total.misplaced).toBeGreaterThan(0);
    const other = await runCampaign(mnist(bitmask3, 10, 4, 0));
    expect(other.outcomes).not.toEqual(onWorkers.outcomes);
  });

  it('the encoding changes accuracy: 3-bit mask cells misplace values, 1-bit mask cells do not', async () => {
    const base = loadModelFile().testAccuracy.quantized;
    const maskSlc: StorageChoice = { ...bitmask3, bitsPerCell: { mask: 1, groupSizes: 1 } };
    const pool = new CampaignPool(2);
    try {
      const mlc = await runCampaign({ ...mnist(bitmask3, 3, 4, 2), pool });
      const slc = await runCampaign({ ...mnist(maskSlc, 3, 4, 2), pool });
      // RRAM at 3 bits per cell: ~30 faulty mask cells per trial, each shifting the values of a kernel group
      expect(accuracyOf(mlc)).toBeLessThan(base - 0.1);
      expect(slc.weightErrors?.total.misplaced).toBe(0);
      expect(accuracyOf(slc)).toBeGreaterThan(base - 0.03);
    } finally {
      await pool.close();
    }
  });

  it('heavy faults cost accuracy in a dense int8 store too', async () => {
    const base = loadModelFile().testAccuracy.quantized;
    const dense: StorageChoice = { label: 'd', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 3 };
    // RRAM 3 bpc with sigmas ×3: ~10 % of cells fault, far beyond the published model
    const r = await runCampaign(mnist(dense, 9, 2, 0, 3));
    expect(r.meanFaultyCells).toBeGreaterThan(1000);
    expect(accuracyOf(r)).toBeLessThan(base);
  });
});

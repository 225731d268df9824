import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { runCampaign, type CampaignOptions } from '../../../src/faults/campaign.js';
import { MNIST_FAULT_TRIAL_MODULE, int8Stream, weightsOfInt8Stream } from '../../../src/faults/mnist-fault-trial.js';
import { loadModelFile } from '../../../src/ml/model-file.js';

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

  it('the interval is a t interval over per-trial accuracies and contains their mean', async () => {
    const r = await runCampaign(counting(3, 0));
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

describe('MNIST fault trial', () => {
  it('the dense int8 stand-in encoding round-trips the model weights', () => {
    const weights = loadModelFile().model.layers.map((l) => l.weights);
    const back = weightsOfInt8Stream(int8Stream(weights), weights.map((w) => w.length));
    expect(back).toEqual(weights);
  });

  it('on 2 workers equals the main thread, and heavy faults cost accuracy', async () => {
    const base = loadModelFile().testAccuracy.quantized;
    const options = (workers: number): CampaignOptions => ({
      seed: 9,
      trials: 4,
      workers,
      trial: {
        module: MNIST_FAULT_TRIAL_MODULE,
        exportName: 'createMnistFaultTrial',
        // RRAM 3 bpc with sigmas ×3: ~10 % of cells fault, far beyond the published model
        options: { technology: 'rram', bitsPerCell: 3, mapping: 'gray', sigmaScale: 3, mode: { kind: 'sampled' } },
      },
    });
    const onWorkers = await runCampaign(options(2));
    expect(onWorkers).toEqual(await runCampaign(options(0)));
    expect(onWorkers.meanFaultyCells).toBeGreaterThan(1000);
    expect(onWorkers.accuracy.mean).toBeLessThan(base);
  });
});

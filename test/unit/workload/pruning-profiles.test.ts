import { describe, expect, it } from 'vitest';
import {
  DISTILLER_AGP_80,
  DISTILLER_DNS_83,
  NVIDIA_2OF4,
  PRUNING_PROFILES,
  STR_81,
  STR_90,
  applyPruning,
  densityFromSparsity,
  torchvisionName,
} from '../../../src/workload/pruning-profiles.js';
import { applyClustering, clusterIndexBits } from '../../../src/workload/clustering.js';
import { buildResNet50 } from '../../../src/workload/resnet50.js';
import { buildTinyConvTrace } from '../../../src/workload/tiny-trace.js';
import { layerWeightCount } from '../../../src/workload/layer.js';
import { summarizeTrace } from '../../../src/workload/summary.js';
import { UserError } from '../../../src/errors.js';
import { readReferenceCsv } from './reference-csv.js';

const rows = readReferenceCsv('resnet50-sparsity.csv');
const COLUMNS = [
  [STR_81, 'str_81_sparsity_pct'],
  [STR_90, 'str_90_sparsity_pct'],
  [DISTILLER_DNS_83, 'distiller_dns_83_sparsity_pct'],
  [DISTILLER_AGP_80, 'distiller_agp_80_sparsity_pct'],
  [NVIDIA_2OF4, 'nvidia_2of4_sparsity_pct'],
] as const;

describe('pruning profile data', () => {
  it.each(COLUMNS)('$0.name equals its column of reference/resnet50-sparsity.csv, layer by layer', (profile, column) => {
    expect(Object.keys(profile.sparsity_pct).sort()).toEqual(rows.map((r) => r.caffe).sort());
    for (const r of rows) {
      expect(profile.sparsity_pct[r.caffe!], r.caffe).toBe(Number(r[column]));
      expect(torchvisionName(r.caffe!)).toBe(r.torchvision);
    }
  });

  it.each(COLUMNS)('$0.name: weight-averaged per-layer sparsity rounds to the published overall figure', (profile) => {
    const trace = buildResNet50('v1.5');
    let zeros = 0;
    let weights = 0;
    for (const l of trace.layers) {
      const s = profile.sparsity_pct[l.name];
      if (s === undefined) continue;
      zeros += (layerWeightCount(l) * s) / 100;
      weights += layerWeightCount(l);
    }
    expect(Math.abs((100 * zeros) / weights - profile.overallSparsity_pct)).toBeLessThan(0.005);
  });

  it('lists five distinct profiles, each with a source', () => {
    expect(new Set(PRUNING_PROFILES.map((p) => p.id)).size).toBe(5);
    for (const p of PRUNING_PROFILES) expect(p.source).toMatch(/reference\/resnet50-sparsity\.csv/);
  });

  it('turns two-decimal sparsity into an exact decimal density', () => {
    expect(densityFromSparsity(73.24)).toBe(0.2676);
    expect(densityFromSparsity(0)).toBe(1);
    expect(densityFromSparsity(51.4)).toBe(0.486);
  });
});

describe('applyPruning', () => {
  it('gives the non-zero weight totals computed from the CSV', () => {
    // Σ over the 54 CSV rows of round(weights × (100 − sparsity) / 100), computed with awk in integer
    // arithmetic from reference/resnet50-sparsity.csv (no row lands on .5):
    //   STR 81 %: 4,775,867 of 25,502,912 (overall 81.27 %); STR 90 %: 2,492,041; NVIDIA 2:4: 12,756,160
    //   (= 25,502,912 − 9,408 conv1 weights, halved, + 9,408: (25,493,504 / 2) + 9,408).
    const dense = buildResNet50('v1.5');
    expect(summarizeTrace(applyPruning(dense, STR_81)).nonZeroWeights).toBe(4_775_867);
    expect(summarizeTrace(applyPruning(dense, STR_90)).nonZeroWeights).toBe(2_492_041);
    expect(summarizeTrace(applyPruning(dense, NVIDIA_2OF4)).nonZeroWeights).toBe(12_756_160);
    // Pruning removes weights, not work the trace describes: MACs stay those of the dense network.
    expect(summarizeTrace(applyPruning(dense, STR_81)).macs).toBe(4_089_184_256);
  });

  it('sets density per layer, records the profile, and leaves the input trace and weightless layers alone', () => {
    const dense = buildResNet50('v1.5');
    const before = JSON.stringify(dense);
    const pruned = applyPruning(dense, STR_81);
    expect(JSON.stringify(dense)).toBe(before);
    expect(pruned.pruning).toEqual({ profile: 'STR 81 %', source: STR_81.source });
    const at = (n: string) => pruned.layers.find((l) => l.name === n);
    expect(at('conv1')?.weights).toEqual({ density: 0.486, valueBits: 8 }); // 1 − 51.40 / 100
    expect(at('fc1000')?.weights?.density).toBe(0.4754); // 1 − 52.46 / 100
    expect(at('pool1')).toEqual(dense.layers.find((l) => l.name === 'pool1'));
    expect(at('res2a')?.weights).toBeUndefined();
  });

  it('prunes v1 with the same per-layer figures (same layer names)', () => {
    expect(summarizeTrace(applyPruning(buildResNet50('v1'), STR_81)).nonZeroWeights).toBe(4_775_867);
  });

  it('refuses a trace whose layers the profile does not know', () => {
    expect(() => applyPruning(buildTinyConvTrace(), STR_81)).toThrow(UserError);
    expect(() => applyPruning(buildTinyConvTrace(), STR_81)).toThrow(/no sparsity for layer "conv_a"/);
  });
});

describe('applyClustering', () => {
  it('stores ceil(log2(clusters)) bits per weight and the cluster count, on weighted layers only', () => {
    const t = applyClustering(applyPruning(buildResNet50('v1.5'), STR_81), 16);
    const conv1 = t.layers.find((l) => l.name === 'conv1');
    expect(conv1?.weights).toEqual({ density: 0.486, valueBits: 4, clusters: 16 });
    expect(t.layers.find((l) => l.name === 'pool5')?.weights).toBeUndefined();
    expect(t.pruning?.profile).toBe('STR 81 %');
    expect(applyClustering(buildTinyConvTrace(), 4).layers[0]?.weights).toEqual({ density: 1, valueBits: 2, clusters: 4 });
  });

  it('rounds the index width up for counts that are not powers of two', () => {
    expect([2, 3, 4, 5, 16, 17, 256].map(clusterIndexBits)).toEqual([1, 2, 2, 3, 4, 5, 8]);
  });

  it.each([1, 0, 2.5, 257])('rejects %s clusters with a UserError', (n) => {
    expect(() => applyClustering(buildTinyConvTrace(), n)).toThrow(UserError);
  });
});

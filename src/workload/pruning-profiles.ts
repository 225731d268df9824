import type { Trace } from './layer.js';
import { hasWeights } from './layer.js';
import { UserError, nearest } from '../errors.js';

/**
 * Per-layer weight sparsity of published pruned ResNet-50 models, as data.
 * Transcribed from reference/resnet50-sparsity.csv (percent of zero weights per layer);
 * test/unit/workload/pruning-profiles.test.ts checks every number against that file.
 */
export interface PruningProfile {
  /** Short id used in trace file names: str81, str90, dns83, agp80, nv2of4. */
  id: string;
  /** Human-readable name, stored in the trace's `pruning.profile`. */
  name: string;
  /** Where the per-layer figures come from. */
  source: string;
  /** Overall sparsity of the conv and fc weights as published, in percent. */
  overallSparsity_pct: number;
  /** Published ImageNet top-1 accuracy of the pruned model in percent, where the source gives one. */
  top1_pct?: number;
  /** Sparsity per layer in percent of zero weights, keyed by Caffe layer name. */
  sparsity_pct: Readonly<Record<string, number>>;
}

const STR_SOURCE =
  'RAIVNLab/STR budgets/STR_Budgets_ResNet50.csv and README (Kusupati et al., ICML 2020), via reference/resnet50-sparsity.csv';
const DISTILLER = 'IntelLabs/distiller examples/';

// Columns: Caffe name, torchvision name, then sparsity in percent for STR 81 %, STR 90 %, Distiller network
// surgery 83 %, Distiller AGP 80 %, NVIDIA 2:4 (reference/resnet50-sparsity.csv, same row order).
type Row = readonly [string, string, number, number, number, number, number];
const ROWS: readonly Row[] = [
  ['conv1', 'conv1', 51.40, 59.80, 0.00, 0.00, 0.00
],
  ['res2a_branch2a', 'layer1.0.conv1', 73.24, 83.28, 80.18, 79.98, 50.00
],
  ['res2a_branch2b', 'layer1.0.conv2', 76.26, 89.48, 86.30, 80.00, 50.00
],
  ['res2a_branch2c', 'layer1.0.conv3', 74.65, 85.80, 84.88, 80.00, 50.00
],
  ['res2a_branch1', 'layer1.0.downsample.0', 72.96, 83.34, 81.84, 80.00, 50.00
],
  ['res2b_branch2a', 'layer1.1.conv1', 79.58, 89.89, 87.63, 80.00, 50.00
],
  ['res2b_branch2b', 'layer1.1.conv2', 80.95, 90.60, 88.98, 80.00, 50.00
],
  ['res2b_branch2c', 'layer1.1.conv3', 80.11, 91.70, 87.81, 80.00, 50.00
],
  ['res2c_branch2a', 'layer1.2.conv1', 79.79, 88.07, 81.73, 80.00, 50.00
],
  ['res2c_branch2b', 'layer1.2.conv2', 81.53, 87.03, 87.65, 80.00, 50.00
],
  ['res2c_branch2c', 'layer1.2.conv3', 83.28, 90.99, 88.17, 80.00, 50.00
],
  ['res3a_branch2a', 'layer2.0.conv1', 73.96, 85.95, 82.43, 80.00, 50.00
],
  ['res3a_branch2b', 'layer2.0.conv2', 85.70, 93.91, 84.25, 80.00, 50.00
],
  ['res3a_branch2c', 'layer2.0.conv3', 83.55, 93.13, 89.35, 80.00, 50.00
],
  ['res3a_branch1', 'layer2.0.downsample.0', 87.66, 94.96, 89.44, 80.00, 50.00
],
  ['res3b_branch2a', 'layer2.1.conv1', 85.79, 95.31, 89.65, 80.00, 50.00
],
  ['res3b_branch2b', 'layer2.1.conv2', 82.75, 91.50, 89.47, 80.00, 50.00
],
  ['res3b_branch2c', 'layer2.1.conv3', 84.71, 93.66, 90.50, 80.00, 50.00
],
  ['res3c_branch2a', 'layer2.2.conv1', 85.34, 94.61, 86.27, 80.00, 50.00
],
  ['res3c_branch2b', 'layer2.2.conv2', 85.43, 94.86, 89.13, 80.00, 50.00
],
  ['res3c_branch2c', 'layer2.2.conv3', 84.21, 93.38, 89.65, 80.00, 50.00
],
  ['res3d_branch2a', 'layer2.3.conv1', 84.41, 93.26, 86.96, 80.00, 50.00
],
  ['res3d_branch2b', 'layer2.3.conv2', 84.03, 93.21, 84.20, 80.00, 50.00
],
  ['res3d_branch2c', 'layer2.3.conv3', 85.65, 94.14, 87.90, 80.00, 50.00
],
  ['res4a_branch2a', 'layer3.0.conv1', 77.98, 88.85, 84.99, 80.00, 50.00
],
  ['res4a_branch2b', 'layer3.0.conv2', 88.68, 96.14, 82.85, 80.00, 50.00
],
  ['res4a_branch2c', 'layer3.0.conv3', 83.22, 93.19, 88.75, 80.00, 50.00
],
  ['res4a_branch1', 'layer3.0.downsample.0', 90.99, 97.20, 89.94, 80.00, 50.00
],
  ['res4b_branch2a', 'layer3.1.conv1', 87.35, 95.36, 89.09, 80.00, 50.00
],
  ['res4b_branch2b', 'layer3.1.conv2', 86.24, 95.06, 88.97, 80.00, 50.00
],
  ['res4b_branch2c', 'layer3.1.conv3', 86.79, 94.84, 89.56, 80.00, 50.00
],
  ['res4c_branch2a', 'layer3.2.conv1', 89.15, 96.77, 89.99, 80.00, 50.00
],
  ['res4c_branch2b', 'layer3.2.conv2', 88.67, 95.59, 88.54, 80.00, 50.00
],
  ['res4c_branch2c', 'layer3.2.conv3', 86.90, 94.99, 89.29, 80.00, 50.00
],
  ['res4d_branch2a', 'layer3.3.conv1', 89.46, 96.08, 89.45, 80.00, 50.00
],
  ['res4d_branch2b', 'layer3.3.conv2', 87.97, 96.10, 88.25, 80.00, 50.00
],
  ['res4d_branch2c', 'layer3.3.conv3', 86.81, 94.94, 88.92, 80.00, 50.00
],
  ['res4e_branch2a', 'layer3.4.conv1', 88.40, 95.49, 88.96, 80.00, 50.00
],
  ['res4e_branch2b', 'layer3.4.conv2', 87.38, 95.66, 88.00, 80.00, 50.00
],
  ['res4e_branch2c', 'layer3.4.conv3', 85.76, 94.49, 88.84, 80.00, 50.00
],
  ['res4f_branch2a', 'layer3.5.conv1', 85.77, 95.09, 88.53, 80.00, 50.00
],
  ['res4f_branch2b', 'layer3.5.conv2', 86.67, 94.92, 87.63, 80.00, 50.00
],
  ['res4f_branch2c', 'layer3.5.conv3', 82.23, 93.14, 88.10, 80.00, 50.00
],
  ['res5a_branch2a', 'layer4.0.conv1', 79.61, 90.32, 78.17, 80.00, 50.00
],
  ['res5a_branch2b', 'layer4.0.conv2', 88.00, 95.66, 80.44, 80.00, 50.00
],
  ['res5a_branch2c', 'layer4.0.conv3', 80.48, 91.14, 81.84, 80.00, 50.00
],
  ['res5a_branch1', 'layer4.0.downsample.0', 89.98, 96.79, 85.88, 80.00, 50.00
],
  ['res5b_branch2a', 'layer4.1.conv1', 84.02, 93.69, 77.54, 80.00, 50.00
],
  ['res5b_branch2b', 'layer4.1.conv2', 85.23, 93.98, 75.88, 80.00, 50.00
],
  ['res5b_branch2c', 'layer4.1.conv3', 79.96, 90.48, 81.52, 80.00, 50.00
],
  ['res5c_branch2a', 'layer4.2.conv1', 77.93, 87.57, 75.76, 80.00, 50.00
],
  ['res5c_branch2b', 'layer4.2.conv2', 74.97, 84.37, 77.22, 80.00, 50.00
],
  ['res5c_branch2c', 'layer4.2.conv3', 70.38, 80.29, 84.55, 80.00, 50.00
],
  ['fc1000', 'fc', 52.46, 64.50, 80.64, 80.00, 50.00
],
];

function column(index: 2 | 3 | 4 | 5 | 6): Record<string, number> {
  return Object.fromEntries(ROWS.map((r) => [r[0], r[index]]));
}

export const STR_81: PruningProfile = {
  id: 'str81',
  name: 'STR 81 %',
  source: STR_SOURCE,
  overallSparsity_pct: 81.27,
  top1_pct: 76.12,
  sparsity_pct: column(2),
};

export const STR_90: PruningProfile = {
  id: 'str90',
  name: 'STR 90 %',
  source: STR_SOURCE,
  overallSparsity_pct: 90.23,
  top1_pct: 74.31,
  sparsity_pct: column(3),
};

export const DISTILLER_DNS_83: PruningProfile = {
  id: 'dns83',
  name: 'Distiller DNS 83 %',
  source:
    `${DISTILLER}network_surgery/resnet50.network_surgery2.yaml (dynamic network surgery), ` +
    'via reference/resnet50-sparsity.csv',
  overallSparsity_pct: 82.61,
  top1_pct: 75.52,
  sparsity_pct: column(4),
};

export const DISTILLER_AGP_80: PruningProfile = {
  id: 'agp80',
  name: 'Distiller AGP 80 %',
  source:
    `${DISTILLER}agp-pruning/resnet50.schedule_agp.yaml (automated gradual pruning), ` +
    'via reference/resnet50-sparsity.csv',
  overallSparsity_pct: 79.97,
  top1_pct: 75.99,
  sparsity_pct: column(5),
};

export const NVIDIA_2OF4: PruningProfile = {
  id: 'nv2of4',
  name: 'NVIDIA 2:4',
  source:
    'NVIDIA apex ASP (automatic sparsity): 2 of every 4 weights zero; conv1 (3 input channels) left dense by ' +
    "ASP's skip rule, via reference/resnet50-sparsity.csv",
  overallSparsity_pct: 49.98,
  sparsity_pct: column(6),
};

export const PRUNING_PROFILES: readonly PruningProfile[] = [STR_81, STR_90, DISTILLER_DNS_83, DISTILLER_AGP_80, NVIDIA_2OF4];

/** Torchvision name of a Caffe layer name, for cross-referencing the sources. */
export function torchvisionName(caffeName: string): string | undefined {
  return ROWS.find((r) => r[0] === caffeName)?.[1];
}

/**
 * Density (1 − sparsity) from a sparsity in percent. The sources give two decimals, so rounding to six
 * decimals is exact and keeps float noise (0.26759999999999995) out of the trace files.
 */
export function densityFromSparsity(sparsity_pct: number): number {
  return Math.round((1 - sparsity_pct / 100) * 1e6) / 1e6;
}

/** A copy of `trace` with every conv and fc layer's weight density set from `profile`. */
export function applyPruning(trace: Trace, profile: PruningProfile): Trace {
  const known = Object.keys(profile.sparsity_pct);
  const layers = trace.layers.map((l) => {
    if (!hasWeights(l) || l.weights === undefined) return l;
    const s = profile.sparsity_pct[l.name];
    if (s === undefined) {
      const near = nearest(l.name, known);
      throw new UserError(`pruning profile "${profile.name}" has no sparsity for layer "${l.name}"`, {
        expected: 'a ResNet-50 layer name in Caffe naming (conv1, res2a_branch2a, ..., fc1000)',
        suggestion: near !== undefined ? `did you mean "${near}"?` : 'prune only ResNet-50 traces with this profile',
      });
    }
    return { ...l, weights: { ...l.weights, density: densityFromSparsity(s) } };
  });
  return { ...trace, pruning: { profile: profile.name, source: profile.source }, layers };
}

import type { Trace } from './layer.js';
import { buildResNet50 } from './resnet50.js';
import { STR_81, STR_90, applyPruning, type PruningProfile } from './pruning-profiles.js';
import { CLUSTERING_SOURCE, applyClustering, clusterIndexBits } from './clustering.js';
import { buildTinyConvTrace } from './tiny-trace.js';
import { buildResNet18 } from './resnet18.js';
import { buildVgg16 } from './vgg16.js';
import { buildAlexNet } from './alexnet.js';
import { buildGoogLeNet } from './googlenet.js';
import { buildMobileNetV2 } from './mobilenet-v2.js';
import { buildSqueezeNet11 } from './squeezenet.js';
import { buildBertBaseLayer } from './bert-layer.js';

/**
 * The trace files shipped in traces/: file name and how to build the trace. scripts/write-traces.ts writes
 * them; the golden test checks the committed files still equal what these builders produce.
 */
export interface ShippedTrace {
  /** File name inside traces/. */
  file: string;
  build: () => Trace;
}

function prunedV15(profile: PruningProfile): Trace {
  const t = applyPruning(buildResNet50('v1.5'), profile);
  const top1 = profile.top1_pct !== undefined ? `, ${profile.top1_pct} % top-1` : '';
  return {
    ...t,
    name: `resnet50-v1.5-${profile.id}`,
    description:
      `ResNet-50 v1.5, ImageNet 224x224, int8, weights pruned per layer as ${profile.name} ` +
      `(${profile.overallSparsity_pct} % overall${top1})`,
  };
}

function clustered(t: Trace, clusters: number): Trace {
  const c = applyClustering(t, clusters);
  return {
    ...c,
    name: `${t.name}-c${clusters}`,
    description:
      `${t.description}; non-zero weights clustered to ${clusters} values ` +
      `(${clusterIndexBits(clusters)}-bit indices), after ${CLUSTERING_SOURCE}; ` +
      'no accuracy is published for pruning and clustering combined',
  };
}

export const SHIPPED_TRACES: readonly ShippedTrace[] = [
  { file: 'resnet50-v1.5.json', build: () => buildResNet50('v1.5') },
  { file: 'resnet50-v1.json', build: () => buildResNet50('v1') },
  { file: 'resnet50-v1.5-str81.json', build: () => prunedV15(STR_81) },
  { file: 'resnet50-v1.5-str90.json', build: () => prunedV15(STR_90) },
  { file: 'resnet50-v1.5-str81-c16.json', build: () => clustered(prunedV15(STR_81), 16) },
  // The densest weights of docs/validation.md ("29× less weight area"): STR 90 % and 4 clusters (2-bit codes).
  { file: 'resnet50-v1.5-str90-c4.json', build: () => clustered(prunedV15(STR_90), 4) },
  { file: 'tiny-conv.json', build: buildTinyConvTrace },
  // The model zoo (README "Model zoo"; counts checked in test/unit/workload/zoo.test.ts).
  { file: 'resnet18.json', build: buildResNet18 },
  { file: 'vgg16.json', build: buildVgg16 },
  { file: 'alexnet.json', build: buildAlexNet },
  { file: 'googlenet.json', build: buildGoogLeNet },
  { file: 'mobilenet-v2.json', build: buildMobileNetV2 },
  { file: 'squeezenet1.1.json', build: buildSqueezeNet11 },
  { file: 'bert-base-layer-s128.json', build: buildBertBaseLayer },
];

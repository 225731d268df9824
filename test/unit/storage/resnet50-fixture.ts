import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Layer, Trace } from '../../../src/workload/layer.js';
import { loadTrace } from '../../../src/workload/load-trace.js';

/**
 * ResNet-50 v1.5 pruned per STR 81 % or 90 %: the shipped trace when it exists, else the conv and fc layers
 * built here from reference/resnet50-layers-v1.5.csv and reference/resnet50-sparsity.csv. `csvLayers` always
 * reads the CSVs, so tests compute their expected figures independently of the trace builder.
 */
const root = join(import.meta.dirname, '../../..');

export type StrProfile = 'str81' | 'str90';

export interface CsvLayer {
  name: string;
  inC: number;
  kernels: number;
  r: number;
  s: number;
  weights: number;
  density: number;
}

function rows(file: string): Record<string, string>[] {
  const [head, ...lines] = readFileSync(join(root, 'reference', file), 'utf8').trim().split(/\r?\n/);
  const keys = head!.split(',');
  return lines.map((l) => Object.fromEntries(l.split(',').map((v, i) => [keys[i]!, v])));
}

export function csvLayers(profile: StrProfile): CsvLayer[] {
  const column = profile === 'str81' ? 'str_81_sparsity_pct' : 'str_90_sparsity_pct';
  const sparsity = new Map(rows('resnet50-sparsity.csv').map((r) => [r.caffe!, Number(r[column])]));
  return rows('resnet50-layers-v1.5.csv').map((r) => {
    const pct = sparsity.get(r.name!);
    if (pct === undefined) throw new Error(`no sparsity for ${r.name}`);
    return {
      name: r.name!,
      inC: Number(r.in_C),
      kernels: Number(r.out_K),
      r: Number(r.R),
      s: Number(r.S),
      weights: Number(r.weights),
      density: Number((1 - pct / 100).toFixed(4)),
    };
  });
}

export function resnet50(profile: StrProfile): Trace {
  const file = join(root, 'traces', `resnet50-v1.5-${profile}.json`);
  if (existsSync(file)) return loadTrace(file);
  const layers: Layer[] = csvLayers(profile).map((c) => ({
    name: c.name,
    op: c.name.startsWith('fc') ? 'fc' : 'conv',
    inputs: ['input'],
    inputHeight: 1,
    inputWidth: 1,
    inputChannels: c.inC,
    outputChannels: c.kernels,
    kernelHeight: c.r,
    kernelWidth: c.s,
    stride: 1,
    padding: 0,
    groups: 1,
    outputHeight: 1,
    outputWidth: 1,
    weights: { density: c.density, valueBits: 8 },
  }));
  return { name: `resnet50-v1.5-${profile}`, description: 'built from reference CSVs', source: 'reference/', activationBits: 8, layers };
}

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { grouped } from '../../src/util/format.js';
import { simulate } from '../../src/system/simulate.js';
import { importOnnx } from '../../src/workload/onnx/import-onnx.js';
import { summarizeTrace } from '../../src/workload/summary.js';
import { expectPrinted, readmeSection, tableRows } from '../integration/readme.js';

/**
 * Networks as a user brings them: torchvision models written by torch.onnx.export itself (Debian's python3-torch
 * and python3-torchvision, which .ci/run installs), imported and simulated on nv_full. The counts are checked
 * against two sources the importer never sees: torch's own count of conv and linear weights in the exported model
 * (exact), and the MACs torchvision publishes per model ("GFLOPS" in its model documentation, two decimals; it
 * counts multiply-accumulates of convolutions and linear layers).
 */

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('../../scripts/torchvision/export.py', import.meta.url));

/** torchvision's published GFLOPS (pytorch.org/vision/stable/models, each model's weights table). */
const PUBLISHED_GMACS: Record<string, number> = {
  resnet18: 1.81,
  squeezenet1_1: 0.35,
  shufflenet_v2_x0_5: 0.04,
  mobilenet_v3_small: 0.06,
  googlenet: 1.5,
  efficientnet_b0: 0.39,
  regnet_y_400mf: 0.4,
};

function hasTorch(): boolean {
  const r = spawnSync(PYTHON, ['-c', 'import torch, torchvision'], { encoding: 'utf8' });
  return r.status === 0;
}

const available = hasTorch();
const skipReason = available ? '' : ' [skipped: no torch and torchvision for /usr/bin/python3; apt-get install python3-torch python3-torchvision (.ci/run does)]';
if (!available) process.stderr.write(`test/e2e/torchvision-export.test.ts:${skipReason}\n`);

interface Exported {
  name: string;
  file: string;
  convLinearWeights: number;
  numParams: number;
}

const dir = mkdtempSync(join(tmpdir(), 'maxnvm-torchvision-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function exportModels(names: readonly string[], opset = 17): Exported[] {
  const out = join(dir, `opset${opset}`);
  mkdirSync(out, { recursive: true });
  const r = spawnSync(PYTHON, [SCRIPT, out, ...names], { encoding: 'utf8', env: { ...process.env, OPSET: String(opset) }, maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`export failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout.trim().split('\n').map((line) => JSON.parse(line) as Exported);
}

const README_TABLE = tableRows(readmeSection('Bring your own network'), "| model | MACs | weights | = torch's count |");

describe.skipIf(!available)(`torchvision models written by torch.onnx.export${skipReason}`, () => {
  const exported = available ? exportModels(Object.keys(PUBLISHED_GMACS)) : [];
  const config = available ? loadArchConfig('nvdla-full-lpddr4') : undefined;

  test.each(Object.keys(PUBLISHED_GMACS))('%s imports to torch\'s weight count and the published MACs, and runs on nv_full', (name) => {
    const e = exported.find((x) => x.name === name);
    expect(e).toBeDefined();
    const { trace } = importOnnx((e as Exported).file);
    const s = summarizeTrace(trace);
    expect(s.weights).toBe((e as Exported).convLinearWeights);
    expect(Math.round(s.macs / 1e7) / 100).toBe(PUBLISHED_GMACS[name]);
    const result = simulate(config as NonNullable<typeof config>, trace, { fps: [], frames: 1, seed: 1 });
    if (!result.feasible) throw new Error(result.reason);
    // The README's row for it (printed by scripts/torchvision/table.ts) holds what the code computes now.
    const row = README_TABLE.find((r) => r[0] === name);
    if (row === undefined) throw new Error(`README's torchvision table has no row ${name}`);
    expect([row[1], row[2], row[3]]).toEqual([grouped(s.macs), grouped(s.weights), 'yes']);
    expectPrinted(row[4], result.inference.time_s, 's');
    expectPrinted(row[5], result.inference.energy_J, 'J');
  });

  test('a small VisionTransformer (torchvision\'s class: 32×32 image, patches of 8, 2 layers, 2 heads, hidden 64, MLP 128) imports to hand-counted MACs', () => {
    const [e] = exportModels(['vit_tiny']);
    const { trace } = importOnnx((e as Exported).file);
    const s = summarizeTrace(trace);
    expect(s.weights).toBe((e as Exported).convLinearWeights);
    // 17 tokens (16 patches + the class token), hidden 64, heads of 32:
    const patches = 16 * 64 * (3 * 8 * 8);
    const perLayer = 17 * 64 * 192 + 2 * (2 * 17 * 17 * 32) + 17 * 64 * 64 + 2 * (17 * 64 * 128); // q/k/v, QKᵀ and AV, out_proj, MLP
    expect(s.macs).toBe(patches + 2 * perLayer + 64 * 1000);
    const host = trace.layers.filter((l) => l.op === 'host').map((l) => l.hostOp);
    // The class token inserted and picked out (copies), two layer norms and a softmax per layer, the final norm.
    expect(host.filter((h) => h === 'copy')).toHaveLength(2);
    expect([host.filter((h) => h === 'layernorm').length, host.filter((h) => h === 'softmax').length]).toEqual([5, 2]);
    expect(trace.layers.filter((l) => l.op === 'matmul').map((l) => l.groups)).toEqual([2, 2, 2, 2]);
    // q, k and v are channels 0–63, 64–127 and 128–191 of the packed projection.
    expect(trace.layers.filter((l) => l.op === 'matmul').slice(0, 2).map((l) => l.slices)).toEqual([
      [{ input: 0, channelOffset: 0, channels: 64 }, { input: 1, channelOffset: 64, channels: 64 }],
      [{ input: 1, channelOffset: 128, channels: 64 }],
    ]);
    const result = simulate(config as NonNullable<typeof config>, trace, { fps: [], frames: 1, seed: 1 });
    expect(result.feasible).toBe(true);
  });

  test('attention written as timm writes it (packed projection reshaped to [B, N, 3, heads, d], permuted, unbound) imports to hand-counted MACs and q/k/v views', () => {
    const [e] = exportModels(['packed_attention']);
    const { trace } = importOnnx((e as Exported).file);
    // 32×32 image, patches of 8: 16 tokens of 64, 4 heads of 16.
    const macs = 16 * 64 * 192 + 16 * 64 * 192 + 2 * (4 * 16 * 16 * 16) + 16 * 64 * 64 + 64 * 10; // patches, qkv, QKᵀ and AV, proj, head
    expect(summarizeTrace(trace).macs).toBe(macs);
    expect(summarizeTrace(trace).weights).toBe((e as Exported).convLinearWeights);
    const products = trace.layers.filter((l) => l.op === 'matmul');
    expect(products.map((l) => [l.groups, l.slices])).toEqual([
      [4, [{ input: 0, channelOffset: 0, channels: 64 }, { input: 1, channelOffset: 64, channels: 64 }]], // q · kᵀ
      [4, [{ input: 1, channelOffset: 128, channels: 64 }]], // softmax · v
    ]);
  });

  test('a small SwinTransformer (torchvision\'s class: 32×32, patches of 4, dims 32 and 64, windows of 4×4, 2 + 2 blocks) imports to hand-counted MACs', () => {
    const [e] = exportModels(['swin_tiny']);
    const { trace } = importOnnx((e as Exported).file);
    expect(summarizeTrace(trace).weights).toBe((e as Exported).convLinearWeights);
    // Stage 1: 8×8 tokens of 32 in 4 windows of 16, 2 heads of 16; stage 2: 4×4 tokens of 64, one window, 4 heads.
    const block = (tokens: number, c: number, windows: number, heads: number): number =>
      tokens * c * 3 * c + 2 * windows * heads * (tokens / windows) ** 2 * (c / heads) + tokens * c * c + 2 * tokens * c * 4 * c;
    const macs = 64 * 32 * 48 + 2 * block(64, 32, 4, 2) + 16 * 128 * 64 + 2 * block(16, 64, 1, 4) + 64 * 10; // patch conv, stage 1, merging, stage 2, head
    expect(summarizeTrace(trace).macs).toBe(macs);
    const products = trace.layers.filter((l) => l.op === 'matmul');
    expect(products.map((l) => [l.groups, l.windows ?? 1])).toEqual([[2, 4], [2, 4], [2, 4], [2, 4], [4, 1], [4, 1], [4, 1], [4, 1]]);
    // The shifted block's two rolls there and back, and patch merging (8×8×32 → 4×4×128), are host copies.
    const copies = trace.layers.filter((l) => l.hostOp === 'copy').map((l) => [l.outputHeight, l.outputWidth, l.outputChannels]);
    expect(copies).toEqual([[8, 8, 32], [8, 8, 32], [8, 8, 32], [8, 8, 32], [4, 4, 128]]);
    const result = simulate(config as NonNullable<typeof config>, trace, { fps: [], frames: 1, seed: 1 });
    expect(result.feasible).toBe(true);
  });

  test('a small MaxVit (torchvision\'s class: 64×64, one block of 32 channels, partitions of 4×4, heads of 16) imports to torch\'s conv/linear MACs plus hand-counted attention', () => {
    const [e] = exportModels(['maxvit_tiny']);
    const { trace } = importOnnx((e as Exported & { calledConvLinearMacs: number }).file);
    expect(summarizeTrace(trace).weights).toBe((e as Exported).convLinearWeights);
    // A 16×16×32 map: window and grid attention each 16 groups of 16 tokens, 2 heads of 16; scores and context.
    const attention = 2 * 2 * (16 * 2 * 16 * 16 * 16);
    expect(summarizeTrace(trace).macs).toBe((e as Exported & { calledConvLinearMacs: number }).calledConvLinearMacs + attention);
    expect(trace.layers.filter((l) => l.op === 'matmul').map((l) => [l.groups, l.windows])).toEqual([[2, 16], [2, 16], [2, 16], [2, 16]]);
    const result = simulate(config as NonNullable<typeof config>, trace, { fps: [], frames: 1, seed: 1 });
    expect(result.feasible).toBe(true);
  });

  // Before opset 17 torch writes layer normalization as ReduceMean, Sub, Pow, Sqrt, Div; opset 11 also lacks
  // Unsqueeze's axes input. The same model must import to the same layers whatever the opset.
  test.each([11, 13])('opset %i exports of the small ViT and of ShuffleNetV2 import to the layers of their opset-17 exports', (opset) => {
    const names = ['vit_tiny', 'shufflenet_v2_x0_5'];
    const shapes = (file: string) => importOnnx(file).trace.layers.map(({ name: _n, inputs: _i, ...rest }) => rest);
    const older = exportModels(names, opset);
    const current = exportModels(names, 17);
    names.forEach((_, k) => expect(shapes((older[k] as Exported).file)).toEqual(shapes((current[k] as Exported).file)));
  });
});

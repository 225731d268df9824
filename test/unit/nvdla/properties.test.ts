import { imageChannels } from '../../../src/hw/nvdla/conv-mapping.js';
import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { UserError } from '../../../src/errors.js';
import { WINOGRAD_SPEEDUP } from '../../../src/hw/nvdla/conv-mapping.js';
import type { LayerResult } from '../../../src/hw/nvdla/layer-result.js';
import type { NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import { FixedMemory } from '../../../src/hw/port.js';
import type { Layer } from '../../../src/workload/layer.js';
import { conv, idealParams, runLayer } from './helpers.js';

/** Random small convolutions and fc layers from a seeded stream. */
function randomLayers(seed: number, count: number): Layer[] {
  const rnd = randomStream(seed, 'test/nvdla/properties');
  const pick = <T>(xs: readonly T[]): T => xs[rnd.int(xs.length)]!;
  const out: Layer[] = [];
  for (let i = 0; i < count; i++) {
    if (rnd.next() < 0.15) {
      out.push(conv({ name: `fc${i}`, op: 'fc', H: 1, W: 1, C: 1 + rnd.int(600), K: 1 + rnd.int(300) }));
      continue;
    }
    const R = pick([1, 3, 5, 7]);
    const stride = pick([1, 1, 2]);
    const pad = rnd.int(Math.floor(R / 2) + 1);
    const H = R + rnd.int(20);
    const W = R + rnd.int(20);
    const image = rnd.next() < 0.1;
    out.push(conv({ name: `c${i}`, inputs: [image ? 'input' : 'x'], H, W, C: image ? 3 : 1 + rnd.int(300), K: 1 + rnd.int(200), R, stride, pad }));
  }
  return out;
}

/** Random Winograd-eligible convolutions (3×3, stride 1, pad 1, output H and W multiples of 4), which randomLayers rarely draws. */
function randomWinogradLayers(seed: number, count: number): Layer[] {
  const rnd = randomStream(seed, 'test/nvdla/properties/winograd');
  return Array.from({ length: count }, (_, i) =>
    conv({ name: `w${i}`, H: 4 * (1 + rnd.int(8)), W: 4 * (1 + rnd.int(8)), C: 1 + rnd.int(300), K: 1 + rnd.int(200), R: 3, pad: 1 }),
  );
}

/** Run, or undefined when one kernel group does not fit the build's CBUF (NVDLA cannot run it: a UserError). */
function tryRun(p: NvdlaParams, l: Layer, memory?: FixedMemory): LayerResult | undefined {
  try {
    return runLayer(p, l, memory).result;
  } catch (e) {
    if (e instanceof UserError && /does not fit in CBUF/.test(e.message)) return undefined;
    throw e;
  }
}

describe('NVDLA core invariants on random layers', () => {
  const layers = randomLayers(7, 60);

  it('direct convolution never beats the MAC array: cycles ≥ macs / (atomicC·atomicK), utilization ≤ 1', () => {
    for (const build of ['nv_full', 'nv_small'] as const) {
      const p = idealParams(build, { winograd: false });
      let ran = 0;
      for (const l of layers) {
        const r = tryRun(p, l);
        if (r === undefined) continue;
        ran++;
        expect(r.cycles).toBeGreaterThanOrEqual(r.macs / (p.macAtomicC * p.macAtomicK));
        expect(r.macUtilization).toBeLessThanOrEqual(1);
        expect(r.macUtilization).toBeGreaterThan(0);
        // Ideal memory: no stall when all weights are resident; with partial weights a group's weights arrive
        // only when a slot frees, and the first weight load of that group may show.
        if (r.cbufMode === 'full-input-full-weights') expect(r.cycles).toBe(r.computeCycles);
        else expect(r.cycles).toBeGreaterThanOrEqual(r.computeCycles);
        expect(r.outputWritten_B).toBe(l.outputHeight * l.outputWidth * l.outputChannels);
      }
      expect(ran).toBeGreaterThanOrEqual(layers.length - 2);
    }
  });

  it('every mode (Winograd, image, direct): the array is never used beyond 1; the network figure at most 2.25x', () => {
    const p = idealParams('nv_full');
    const modes = new Set<string>();
    for (const l of [...layers, ...randomWinogradLayers(11, 15)]) {
      const r = runLayer(p, l).result; // nv_full's CBUF holds every layer generated here
      modes.add(r.convMode);
      expect(r.cycles).toBeGreaterThanOrEqual(r.macs / (WINOGRAD_SPEEDUP * p.macAtomicC * p.macAtomicK));
      expect(r.macUtilization).toBeLessThanOrEqual(1);
      expect(r.macUtilization).toBeGreaterThan(0);
      // The two figures differ by the multiplies Winograd saves, less its padding of the output to multiples of 4.
      const padded = Math.ceil(l.outputHeight / 4) * 4 * Math.ceil(l.outputWidth / 4) * 4;
      const saved = r.convMode === 'winograd' ? (WINOGRAD_SPEEDUP * l.outputHeight * l.outputWidth) / padded : 1;
      expect(r.effectiveMacUtilization).toBeCloseTo(r.macUtilization * saved, 12);
    }
    expect([...modes].sort()).toEqual(['direct', 'image', 'winograd']);
  });

  it('a slower memory never makes a layer faster, and stalls are never negative', () => {
    const p = { ...idealParams('nv_full'), memifWidth_B: 64 };
    for (const l of layers) {
      const fast = runLayer(p, l, new FixedMemory('fast', 50, 100_000)).result;
      const slow = runLayer(p, l, new FixedMemory('slow', 2, 100_000)).result;
      expect(fast.stallCycles).toBeGreaterThanOrEqual(0);
      expect(slow.cycles).toBeGreaterThanOrEqual(fast.cycles);
      expect(slow.computeCycles).toBe(fast.computeCycles);
      // Every input row and every weight is read at least once (an image input as 4-byte pixels).
      const channels = fast.convMode === 'image' ? imageChannels(l, p) : l.inputChannels;
      expect(fast.featureRead_B - fast.refetchedFeature_B).toBeLessThanOrEqual(l.inputHeight * l.inputWidth * channels);
      // Stall causes are never negative, and the write-back ends after the last drain.
      for (const c of [fast.launchCycles, fast.prologueCycles, fast.inputWaitCycles, fast.weightWaitCycles, fast.writebackCycles]) expect(c).toBeGreaterThanOrEqual(0);
      // Every weight is fetched once, or once per row chunk when row split and weights do not all stay resident.
      const weights = l.outputChannels * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth;
      if (fast.cbufMode === 'row-split') expect(fast.weightFetched_B).toBeGreaterThanOrEqual(weights);
      else expect(fast.weightFetched_B).toBe(weights);
    }
  });

  it('is deterministic: the same layer gives identical results', () => {
    const p = idealParams('nv_small');
    for (const l of layers.slice(0, 10)) {
      const a = tryRun(p, l, new FixedMemory('m', 3, 50_000));
      const b = tryRun(p, l, new FixedMemory('m', 3, 50_000));
      expect(a).toEqual(b);
    }
  });
});

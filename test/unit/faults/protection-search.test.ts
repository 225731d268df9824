import { describe, expect, it } from 'vitest';
import { allMoves, allSettings, atLeastAsStrong, normalized, spaceSize, strongest, withMove, type ProtectionSetting, type ProtectionSpace } from '../../../src/faults/search/protection-space.js';
import { searchProtection } from '../../../src/faults/search/protection-search.js';
import type { StreamName } from '../../../src/storage/types.js';

/**
 * A hand-made case with per-layer choices: a small sensitive layer (400 value bits, 100 mask bits) and a large
 * robust one (4,000 and 1,000), each with values, mask, sync and check streams; an additive loss that grows with
 * bits per cell and with the layer's sensitivity, shrinks with ECC (the smaller the word the more) and, for mask
 * errors, with IdxSync: monotone by construction.
 */
const space: ProtectionSpace = { layers: ['small', 'large'], streams: ['values', 'mask', 'sync', 'check'], protectable: ['values', 'mask'], bitsPerCell: [2, 3], eccDataBits: [16, 64], syncIntervals: [256] };
const BITS = [{ values: 400, mask: 100, weights: 800 }, { values: 4000, mask: 1000, weights: 8000 }];
const SENSITIVITY = [1, 0.15];
const checkBits = (w: number): number => Math.log2(w) + 2; // SECDED: (w + log2 w + 2) per word

function cells(s: ProtectionSetting): number {
  let total = 0;
  s.layers.forEach((l, i) => {
    const b = BITS[i] as (typeof BITS)[number];
    let check = 0;
    for (const stream of ['values', 'mask'] as StreamName[]) {
      const x = l[stream];
      if (x === undefined) throw new Error('missing');
      const bits = b[stream as 'values' | 'mask'];
      total += Math.ceil(bits / x.bitsPerCell);
      if (x.protected) check += Math.ceil(bits / s.eccDataBits) * checkBits(s.eccDataBits);
    }
    if (check > 0) total += Math.ceil(check / (l.check?.bitsPerCell ?? 1));
    if (s.syncInterval !== undefined) total += Math.ceil(((b.weights / s.syncInterval) * 12) / (l.sync?.bitsPerCell ?? 1));
  });
  return total;
}

const RAW: Record<number, number> = { 2: 0.02, 3: 0.5 };
function loss(s: ProtectionSetting): number {
  let total = 0;
  s.layers.forEach((l, i) => {
    const k = SENSITIVITY[i] as number;
    for (const stream of ['values', 'mask'] as StreamName[]) {
      const x = l[stream];
      if (x === undefined) continue;
      const raw = (RAW[x.bitsPerCell] as number) * k * (stream === 'values' ? 1 : 0.8);
      total += x.protected ? raw * (s.eccDataBits / 256) : raw;
    }
    // Mask errors shift values until the next sync word; a faulty sync word costs a little.
    total += (RAW[l.mask?.bitsPerCell ?? 2] as number) * k * (s.syncInterval === undefined ? 0.6 : 0.1);
    if (s.syncInterval !== undefined) total += (RAW[l.sync?.bitsPerCell ?? 2] as number) * k * 0.05;
  });
  return total;
}

const passes = (tolerance: number) => (s: ProtectionSetting): boolean => loss(s) <= tolerance + 1e-12;

describe('the protection space', () => {
  it('strongest: every stream at the fewest bits per cell, data streams protected, the smallest word, IdxSync on', () => {
    const s = strongest(space);
    expect(s.layers).toHaveLength(2);
    expect(s.layers[0]).toEqual({ values: { bitsPerCell: 2, protected: true }, mask: { bitsPerCell: 2, protected: true }, sync: { bitsPerCell: 2, protected: false }, check: { bitsPerCell: 2, protected: false } });
    expect(s.eccDataBits).toBe(16);
    expect(s.syncInterval).toBe(256);
    expect(atLeastAsStrong(s, withMove(space, s, { kind: 'sync', value: undefined }))).toBe(true);
    expect(atLeastAsStrong(withMove(space, s, { kind: 'stream', layer: 1, stream: 'values', value: { bitsPerCell: 3, protected: true } }), s)).toBe(false);
  });

  it('normalization: a layer protecting nothing has its check stream at the cheapest value; no protection anywhere, the largest word', () => {
    let s = strongest(space);
    for (const layer of [0, 1]) for (const stream of ['values', 'mask'] as const) s = withMove(space, s, { kind: 'stream', layer, stream, value: { bitsPerCell: 2, protected: false } });
    expect(s.layers[0]?.check).toEqual({ bitsPerCell: 3, protected: false });
    expect(s.eccDataBits).toBe(64);
    const noSync = withMove(space, s, { kind: 'sync', value: undefined });
    expect(noSync.layers[1]?.sync).toEqual({ bitsPerCell: 3, protected: false });
    expect(normalized(space, noSync)).toEqual(noSync);
  });

  it('counts its points', () => {
    expect(spaceSize(space)).toBe((4 * 4 * 2 * 2) ** 2 * 2 * 2);
    // Normalization merges the settings that differ only in dormant coordinates.
    expect(allSettings(space).length).toBeLessThan(spaceSize(space));
  });
});

describe('the protection search', () => {
  const settings = allSettings(space);
  for (const tolerance of [0, 0.01, 0.03, 0.06, 0.1, 0.2, 0.4, 0.8, 2]) {
    it(`finds the brute-force optimum with per-layer choices, tolerance ${tolerance}`, async () => {
      const accepted = settings.filter(passes(tolerance));
      let campaigns = 0;
      const r = await searchProtection(space, { cells, accepts: async (s) => (campaigns++, passes(tolerance)(s)), maxCampaigns: 100_000 });
      expect(r.converged).toBe(true);
      expect(r.optimal).toBe(true);
      if (accepted.length === 0) {
        expect(r.best).toBeUndefined();
        return;
      }
      expect(r.bestCells).toBe(Math.min(...accepted.map(cells)));
      expect(r.best !== undefined && passes(tolerance)(r.best)).toBe(true);
      expect(r.campaigns).toBe(campaigns);
      expect(campaigns).toBeLessThan(settings.length / 4);
    });
  }

  it('the hand-made case needs per-layer choices: at 0.06 pp the optimum stores the two layers differently', () => {
    const best = settings.filter(passes(0.06)).sort((a, b) => cells(a) - cells(b))[0];
    expect(best).toBeDefined();
    expect(JSON.stringify(best?.layers[0])).not.toBe(JSON.stringify(best?.layers[1]));
  });

  it('without the exact step, the descent ends in a local optimum: every cheaper single move fails', async () => {
    for (const tolerance of [0.03, 0.1, 0.4]) {
      const ok = passes(tolerance);
      const r = await searchProtection(space, { cells, accepts: async (s) => ok(s), exactLimit: 0, damage: loss });
      expect(r.converged).toBe(true);
      expect(r.optimal).toBe(false);
      const best = r.best as ProtectionSetting;
      expect(ok(best)).toBe(true);
      for (const m of allMoves(space)) {
        const c = withMove(space, best, m);
        if (cells(c) < cells(best)) expect(ok(c)).toBe(false);
      }
    }
  });

  it('stops at its bound on campaigns and says so, returning the best setting found', async () => {
    const r = await searchProtection(space, { cells, accepts: async (s) => passes(0.1)(s), maxCampaigns: 3 });
    expect(r.campaigns).toBe(3);
    expect(r.converged).toBe(false);
    expect(r.optimal).toBe(false);
    expect(r.best !== undefined && passes(0.1)(r.best)).toBe(true);
  });

  it('a verdict known without a campaign costs none', async () => {
    const r = await searchProtection(space, { cells, accepts: async () => { throw new Error('no campaign expected'); }, known: passes(0.1), maxCampaigns: 0 });
    expect(r.campaigns).toBe(0);
    expect(r.optimal).toBe(true);
    expect(r.bestCells).toBe(Math.min(...settings.filter(passes(0.1)).map(cells)));
  });

  it('when even the strongest setting fails, nothing is returned', async () => {
    const r = await searchProtection(space, { cells, accepts: async () => false });
    expect(r.best).toBeUndefined();
    expect(r.campaigns).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { atLeastAsStrong, searchProtection, strongest, type ProtectionSetting, type ProtectionSpace } from '../../../src/faults/protection-search.js';
import type { StreamName } from '../../../src/storage/types.js';

/**
 * A hand-made case: two protectable streams (values 1,000 bits, mask 200 bits), a sync stream of 40 bits per
 * 1,000-weight interval... and an additive loss that grows with bits per cell, shrinks with ECC (the smaller
 * the word the more) and with a shorter IdxSync interval: monotone by construction.
 */
const space: ProtectionSpace = { streams: ['values', 'mask', 'sync'], protectable: ['values', 'mask'], bitsPerCell: [1, 2, 3], eccDataBits: [16, 32, 64, 128], syncIntervals: [256, 1024] };
const BITS: Record<string, number> = { values: 1000, mask: 200 };
const checkBits = (w: number): number => Math.log2(w) + 2; // SECDED: (w + log2 w + 2) per word

function cells(s: ProtectionSetting): number {
  let total = 0;
  for (const stream of ['values', 'mask'] as StreamName[]) {
    const x = s.streams[stream];
    if (x === undefined) throw new Error('missing');
    const bits = BITS[stream] as number;
    total += Math.ceil(bits / x.bitsPerCell) + (x.protected ? Math.ceil(((bits / s.eccDataBits) * checkBits(s.eccDataBits)) / x.bitsPerCell) : 0);
  }
  if (s.syncInterval !== undefined) total += Math.ceil((2000 / s.syncInterval) * 16 / (s.streams.sync?.bitsPerCell ?? 1));
  return total;
}

const RAW: Record<number, number> = { 1: 0, 2: 0.05, 3: 0.6 };
function loss(s: ProtectionSetting): number {
  let l = 0;
  for (const [name, x] of Object.entries(s.streams)) {
    if (x === undefined) continue;
    const weight = name === 'values' ? 1 : name === 'mask' ? 0.8 : 0.3;
    const raw = (RAW[x.bitsPerCell] as number) * weight;
    l += x.protected ? raw * (s.eccDataBits / 256) : raw;
  }
  // Mask errors shift values until the next sync word.
  const m = s.streams.mask?.bitsPerCell ?? 1;
  l += (RAW[m] as number) * (s.syncInterval === undefined ? 0.5 : s.syncInterval / 4096);
  return l;
}

/** Every setting of the space. */
function all(): ProtectionSetting[] {
  let out: ProtectionSetting[] = [{ streams: {}, eccDataBits: 16 }];
  for (const stream of space.streams) {
    out = out.flatMap((s) => space.bitsPerCell.flatMap((b) => (space.protectable.includes(stream) ? [true, false] : [false]).map((p) => ({ ...s, streams: { ...s.streams, [stream]: { bitsPerCell: b, protected: p } } }))));
  }
  out = out.flatMap((s) => space.eccDataBits.map((w) => ({ ...s, eccDataBits: w })));
  return out.flatMap((s) => [...space.syncIntervals.map((i) => ({ ...s, syncInterval: i })), s]);
}

describe('the protection search', () => {
  it('strongest: every stream at 1 bit per cell, the protectable ones protected, the smallest word and interval', () => {
    expect(strongest(space)).toEqual({
      streams: { values: { bitsPerCell: 1, protected: true }, mask: { bitsPerCell: 1, protected: true }, sync: { bitsPerCell: 1, protected: false } },
      eccDataBits: 16,
      syncInterval: 256,
    });
    const s = strongest(space);
    expect(atLeastAsStrong(s, { ...s, syncInterval: 1024 })).toBe(true);
    expect(atLeastAsStrong({ ...s, syncInterval: 1024 }, s)).toBe(false);
  });

  for (const tolerance of [0, 0.03, 0.1, 0.2, 0.35, 0.5, 0.8, 1.2, 2]) {
    it(`finds the brute-force optimum, tolerance ${tolerance}`, async () => {
      const settings = all();
      const accepted = settings.filter((s) => loss(s) <= tolerance + 1e-12);
      const optimum = Math.min(...accepted.map(cells));
      let campaigns = 0;
      const r = await searchProtection(space, { cells, accepts: async (s) => (campaigns++, loss(s) <= tolerance + 1e-12), maxCombinations: 10_000 });
      expect(r.complete).toBe(true);
      expect(r.bestCells).toBe(optimum);
      expect(r.best !== undefined && loss(r.best) <= tolerance + 1e-12).toBe(true);
      // Far fewer campaigns than settings.
      expect(campaigns).toBeLessThan(settings.length / 4);
      // Given the best unprotected setting as a known pass, the optimum is the same.
      const unprotected = accepted.filter((x) => x.syncInterval === undefined && Object.values(x.streams).every((v) => v?.protected !== true));
      const incumbent = unprotected.sort((a, b) => cells(a) - cells(b))[0];
      if (incumbent !== undefined) {
        const r2 = await searchProtection(space, { cells, accepts: async (s) => loss(s) <= tolerance + 1e-12, maxCombinations: 10_000, incumbent });
        expect(r2.bestCells).toBe(optimum);
      }
    });
  }
});

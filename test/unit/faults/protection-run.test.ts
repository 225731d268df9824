import { describe, expect, it } from 'vitest';
import { protectionSpace, settingChoice } from '../../../src/faults/protection-run.js';
import type { StorageChoice } from '../../../src/storage/types.js';

const bitmask: StorageChoice = { label: 'bitmask', encoding: 'bitmask', bitmaskLayout: 'nvdla', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 1, ecc: { dataBits: 64, streams: ['mask'] } };

describe('the protection space of a storage choice', () => {
  it('bitmask: every stream, check and sync included; data streams protectable; IdxSync intervals searched', () => {
    const s = protectionSpace(bitmask, [1, 2, 3], true);
    expect(s.streams).toEqual(['values', 'codebook', 'mask', 'groupSizes', 'sync', 'check']);
    expect(s.protectable).toEqual(['values', 'codebook', 'mask', 'groupSizes', 'sync']);
    expect(s.eccDataBits).toEqual([16, 32, 64, 128]);
    expect(s.syncIntervals).toEqual([256, 1024, 4096]);
    const u = protectionSpace(bitmask, [1, 2, 3], false);
    expect(u).toMatchObject({ streams: ['values', 'codebook', 'mask', 'groupSizes'], protectable: [], syncIntervals: [] });
    expect(protectionSpace({ ...bitmask, encoding: 'dense' }, [1], true).syncIntervals).toEqual([]);
  });

  it('a setting becomes a storage choice: ECC only on protected streams that exist, bits per cell on produced streams', () => {
    const c = settingChoice(bitmask, {
      streams: {
        values: { bitsPerCell: 3, protected: false },
        codebook: { bitsPerCell: 1, protected: true },
        mask: { bitsPerCell: 2, protected: true },
        groupSizes: { bitsPerCell: 2, protected: false },
        sync: { bitsPerCell: 1, protected: true },
        check: { bitsPerCell: 2, protected: false },
      },
      eccDataBits: 32,
    });
    // No IdxSync: the sync stream is not produced, so it is neither protected nor given bits per cell.
    expect(c.ecc).toEqual({ dataBits: 32, streams: ['codebook', 'mask'] });
    expect(c.idxSync).toBeUndefined();
    expect(c.bitsPerCell).toEqual({ values: 3, codebook: 1, mask: 2, groupSizes: 2, check: 2 });
    expect(c.defaultBitsPerCell).toBe(3);
    const none = settingChoice(bitmask, { streams: { values: { bitsPerCell: 2, protected: false } }, eccDataBits: 16 });
    expect(none.ecc).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { validateStorageChoice } from '../../../src/storage/choice-schema.js';
import { encodeLayer } from '../../../src/storage/codec.js';
import { formatOf } from '../../../src/storage/encoded-layer.js';
import { choiceFromLayers, layerChoice, streamLevels } from '../../../src/storage/layer-choice.js';
import { layerStorage, networkStorage } from '../../../src/storage/stream-sizes.js';
import { STREAM_ORDER } from '../../../src/storage/streams.js';
import { syntheticLayerWeights } from '../../../src/storage/synthetic-weights.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import type { Trace } from '../../../src/workload/layer.js';
import { userErrorOf } from '../sizing/helpers.js';
import { convLayer } from './fixtures.js';

/** Bitmask (plain layout), ECC (72,64) on the mask; layer 'first' stores its values at 1 bit per cell and protects its values too; layer 'big' protects nothing. */
const perLayer: StorageChoice = {
  label: 'per layer',
  encoding: 'bitmask',
  bitmaskLayout: 'plain',
  clustered: false,
  bitsPerCell: { values: 3, mask: 2, check: 2 },
  defaultBitsPerCell: 3,
  ecc: { dataBits: 64, streams: ['mask'] },
  layers: { first: { bitsPerCell: { values: 1 }, eccStreams: ['values', 'mask'] }, big: { bitsPerCell: { mask: 3 }, eccStreams: [] } },
};
const layers = [convLayer('first', 16, 3, 3, 3, 0.5), convLayer('mid', 32, 16, 3, 3, 0.25), convLayer('big', 64, 32, 3, 3, 0.2)];
const trace: Trace = { name: 'three', source: 'test', precision: 'int8', layers } as unknown as Trace;

describe('per-layer settings of a storage choice', () => {
  it('a layer takes its own bits per cell and ECC streams, the others the choice’s', () => {
    expect(layerChoice(perLayer, 'first')).toMatchObject({ bitsPerCell: { values: 1, mask: 2, check: 2 }, ecc: { dataBits: 64, streams: ['values', 'mask'] } });
    // Nothing protected: no ECC and no check stream, so no bits per cell for it.
    const big = layerChoice(perLayer, 'big');
    expect(big.ecc).toBeUndefined();
    expect(big.bitsPerCell).toEqual({ values: 3, mask: 3 });
    expect(layerChoice(perLayer, 'mid')).toMatchObject({ bitsPerCell: { values: 3, mask: 2, check: 2 }, ecc: { streams: ['mask'] } });
    expect(layerChoice(perLayer, 'mid').layers).toBeUndefined();
    expect(streamLevels(perLayer).filter((l) => l.layer === 'first' && l.stream === 'values')).toEqual([{ layer: 'first', stream: 'values', bitsPerCell: 1, jsonPath: '/layers/first/bitsPerCell/values' }]);
  });

  it('round trip through the schema: JSON text in, the same choice out', () => {
    const back = validateStorageChoice(JSON.parse(JSON.stringify(perLayer)), 'c.json', '/weightStorage');
    expect(back).toEqual(perLayer);
  });

  it('refuses what a layer cannot store, at the setting’s path', () => {
    const bad = (layersPatch: unknown): UserError => userErrorOf(() => validateStorageChoice({ ...perLayer, layers: layersPatch }, 'c.json', '/weightStorage'));
    expect(bad({ first: { bitsPerCell: { values: 4 } } }).details.jsonPath).toBe('/weightStorage/layers/first/bitsPerCell/values');
    expect(bad({ first: { bitsPerCell: { indices: 2 } } }).details.jsonPath).toBe('/weightStorage/layers/first/bitsPerCell/indices');
    const check = bad({ big: { eccStreams: [], bitsPerCell: { check: 1 } } });
    expect(check.message).toContain("not produced in layer 'big'");
    const noEcc = userErrorOf(() => validateStorageChoice({ ...perLayer, ecc: undefined, bitsPerCell: { values: 3 }, layers: { first: { eccStreams: ['mask'] } } }, 'c.json', '/weightStorage'));
    expect(noEcc.details.jsonPath).toBe('/weightStorage/layers/first/eccStreams');
    expect(() => validateStorageChoice({ ...perLayer, layers: { first: { colour: 'red' } } }, 'c.json', '')).toThrow(UserError);
  });

  it('sizing: every layer’s streams at its own bits per cell, bit for bit the encoders’ streams', () => {
    let total = 0;
    for (const layer of layers) {
      const own = layerChoice(perLayer, layer.name);
      const enc = encodeLayer(syntheticLayerWeights(layer, 9, { clustered: false }), formatOf(own, 32));
      const size = layerStorage(layer, perLayer, { seed: 9, atomicK: 32 });
      const expected = Object.entries(enc.streams).sort(([a], [b]) => STREAM_ORDER.indexOf(a as 'mask') - STREAM_ORDER.indexOf(b as 'mask')).map(([s, b]) => ({ stream: s, bits: b.length, cells: Math.ceil(b.length / (own.bitsPerCell[s as 'values'] ?? own.defaultBitsPerCell)) }));
      expect(size.streams.map((s) => ({ stream: s.stream, bits: s.bits, cells: s.cells }))).toEqual(expected);
      total += expected.reduce((a, s) => a + s.cells, 0);
    }
    expect(networkStorage(trace, perLayer, { seed: 9, atomicK: 32 }).totalCells).toBe(total);
  });

  it('sizing by hand: layer first = 16 kernels × 27 weights at density 0.5', () => {
    // 432 mask bits, 216 non-zeros × 8 = 1,728 value bits at 1 bit/cell; ECC (72,64) on both: 27 + 7 words × 8 = 272 check bits at 2.
    const s = layerStorage(layers[0]!, perLayer);
    expect(s.streams).toEqual([
      { stream: 'values', bits: 1728, bitsPerCell: 1, cells: 1728 },
      { stream: 'mask', bits: 432, bitsPerCell: 2, cells: 216 },
      { stream: 'check', bits: 272, bitsPerCell: 2, cells: 136 },
    ]);
  });

  it('maxnvm size: sub-arrays and rows by bits per cell over the layers; a layer the trace lacks is refused', () => {
    const run = sizeChoices(trace, [{ choice: perLayer, technology: 'RRAM', origin: { file: 'c.json', jsonPath: '/choices/0' } }]);
    const net = networkStorage(trace, perLayer);
    const at = (b: number): number => net.layers.flatMap((l) => l.streams).filter((s) => s.bitsPerCell === b).reduce((a, s) => a + s.cells, 0);
    const sizing = run.report.choices[0]!;
    expect(sizing.subArrays.map((a) => [a.bitsPerCell, a.cells])).toEqual([1, 2, 3].map((b) => [b, at(b)]).filter(([, c]) => c! > 0));
    expect(sizing.streams.map((s) => `${s.stream}@${s.bitsPerCell}`)).toEqual(['values@1', 'values@3', 'mask@2', 'mask@3', 'check@2']);
    expect(sizing.totalCells).toBe(net.totalCells);
    const e = userErrorOf(() => sizeChoices(trace, [{ choice: { ...perLayer, layers: { frist: { eccStreams: [] } } }, technology: 'RRAM', origin: { file: 'c.json', jsonPath: '/choices/0' } }]));
    expect(e.details.jsonPath).toBe('/choices/0/layers/frist');
    expect(e.details.suggestion).toContain("'first'");
  });

  it('a choice from every layer’s settings names a layer only where it differs, and reads back the same', () => {
    const settings = [
      { name: 'first', bitsPerCell: { values: 1, mask: 2, check: 2 }, eccStreams: ['mask', 'values'] as const },
      { name: 'mid', bitsPerCell: { values: 3, mask: 2, check: 2 }, eccStreams: ['mask'] as const },
      { name: 'mid2', bitsPerCell: { values: 3, mask: 2, check: 2 }, eccStreams: ['mask'] as const },
      { name: 'big', bitsPerCell: { values: 3, mask: 3 }, eccStreams: [] as const },
    ].map((l) => ({ ...l, eccStreams: [...l.eccStreams] }));
    const base: StorageChoice = { ...perLayer, label: 'per layer', bitsPerCell: {}, defaultBitsPerCell: 1 };
    const c = choiceFromLayers({ ...base, layers: undefined } as StorageChoice, settings);
    expect(c.bitsPerCell).toEqual({ values: 3, mask: 2, check: 2 });
    expect(c.ecc).toEqual({ dataBits: 64, streams: ['mask'] });
    expect(c.layers).toEqual({ first: { eccStreams: ['values', 'mask'], bitsPerCell: { values: 1 } }, big: { eccStreams: [], bitsPerCell: { mask: 3 } } });
    const back = validateStorageChoice(JSON.parse(JSON.stringify(c)), 'c.json', '');
    for (const l of settings) {
      const own = layerChoice(back, l.name);
      expect(own.bitsPerCell).toEqual(l.bitsPerCell);
      expect(own.ecc?.streams ?? []).toEqual(['values', 'mask'].filter((s) => l.eccStreams.includes(s as 'mask')));
    }
  });
});

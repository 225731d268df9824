import { describe, expect, it } from 'vitest';
import type { AccuracyNetwork } from '../../../src/faults/networks/accuracy-network.js';
import { technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { ProtectionOracle, layerSettingChoice } from '../../../src/faults/search/protection-oracle.js';
import { protectionSpace, settingChoice } from '../../../src/faults/protection-run.js';
import { strongest, withMove, type ProtectionSetting } from '../../../src/faults/search/protection-space.js';
import { validateStorageChoice } from '../../../src/storage/choice-schema.js';
import { encodeLayer } from '../../../src/storage/codec.js';
import { formatOf } from '../../../src/storage/encoded-layer.js';
import { layerChoice } from '../../../src/storage/layer-choice.js';
import { syntheticLayerWeights } from '../../../src/storage/synthetic-weights.js';
import type { StorageChoice, StreamName } from '../../../src/storage/types.js';
import { convLayer } from '../storage/fixtures.js';

const bitmask: StorageChoice = { label: 'bitmask', encoding: 'bitmask', bitmaskLayout: 'nvdla', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 1, ecc: { dataBits: 64, streams: ['mask'] } };
const layers = [convLayer('conv1', 6, 1, 5, 5, 0.5, 16), convLayer('fc1', 40, 64, 1, 1, 0.3, 16)];
/** A network of synthetic layers: all the oracle needs besides the fault model. */
const net = { tensors: () => layers.map((l) => ({ name: l.name, tensor: syntheticLayerWeights(l, 3, { clustered: true }) })) } as unknown as AccuracyNetwork;

describe('the protection space of a storage choice', () => {
  it('bitmask: every layer, every stream, check and sync included; data streams protectable; IdxSync intervals searched', () => {
    const s = protectionSpace(bitmask, ['conv1', 'fc1'], [1, 2, 3], true);
    expect(s.layers).toEqual(['conv1', 'fc1']);
    expect(s.streams).toEqual(['values', 'codebook', 'mask', 'groupSizes', 'sync', 'check']);
    expect(s.protectable).toEqual(['values', 'codebook', 'mask', 'groupSizes', 'sync']);
    expect(s.eccDataBits).toEqual([16, 32, 64, 128]);
    expect(s.syncIntervals).toEqual([256, 1024, 4096]);
    const u = protectionSpace(bitmask, ['conv1'], [1, 2, 3], false);
    expect(u).toMatchObject({ streams: ['values', 'codebook', 'mask', 'groupSizes'], protectable: [], syncIntervals: [] });
    expect(protectionSpace({ ...bitmask, encoding: 'dense' }, ['a'], [1], true).syncIntervals).toEqual([]);
  });
});

describe('a per-layer setting as a storage choice', () => {
  const space = protectionSpace(bitmask, ['conv1', 'fc1'], [1, 2, 3], true);
  // conv1: everything at 1 bit per cell, the metadata protected; fc1: values and mask at 3, only the mask protected; no IdxSync.
  let s: ProtectionSetting = withMove(space, strongest(space), { kind: 'sync', value: undefined });
  s = withMove(space, s, { kind: 'ecc', value: 32 });
  for (const stream of ['values', 'mask'] as StreamName[]) s = withMove(space, s, { kind: 'stream', layer: 1, stream, value: { bitsPerCell: 3, protected: stream === 'mask' } });
  for (const stream of ['codebook', 'groupSizes'] as StreamName[]) s = withMove(space, s, { kind: 'stream', layer: 1, stream, value: { bitsPerCell: 2, protected: false } });
  s = withMove(space, s, { kind: 'stream', layer: 0, stream: 'values', value: { bitsPerCell: 1, protected: false } });

  it('each layer: ECC only on its protected streams, bits per cell on the streams it produces', () => {
    const c1 = layerSettingChoice(bitmask, space, s, 1);
    expect(c1.ecc).toEqual({ dataBits: 32, streams: ['mask'] });
    expect(c1.idxSync).toBeUndefined();
    expect(c1.bitsPerCell).toEqual({ values: 3, codebook: 2, mask: 3, groupSizes: 2, check: 1 });
    expect(layerSettingChoice(bitmask, space, s, 0).ecc).toEqual({ dataBits: 32, streams: ['codebook', 'mask', 'groupSizes'] });
  });

  it('round trip: the network’s choice passes the schema as JSON and gives every layer back its settings', () => {
    const c = validateStorageChoice(JSON.parse(JSON.stringify(settingChoice(bitmask, space, s))), 'study-protection.json', '');
    expect(c.layers).toBeDefined();
    for (const [i, name] of space.layers.entries()) {
      const own = layerSettingChoice(bitmask, space, s, i);
      const back = layerChoice(c, name);
      expect(back.ecc).toEqual(own.ecc);
      expect(back.bitsPerCell).toEqual(own.bitsPerCell);
    }
  });

  it('the oracle counts the cells that the choice it reports stores: each layer encoded under its own settings', () => {
    const oracle = new ProtectionOracle(net, bitmask, space, technologyFaultModel('RRAM', 'gray'), { seed: 1, trials: 3 });
    const c = settingChoice(bitmask, space, s);
    let total = 0;
    for (const l of layers) {
      const own = layerChoice(c, l.name);
      const enc = encodeLayer(syntheticLayerWeights(l, 3, { clustered: true }), formatOf(own));
      for (const [stream, bits] of Object.entries(enc.streams)) total += Math.ceil(bits.length / (own.bitsPerCell[stream as StreamName] ?? own.defaultBitsPerCell));
    }
    expect(oracle.cells(s)).toBe(total);
    // At 1 and 2 bits per cell RRAM faults 0 and 7.9e-9 per cell: no trial changes a weight, a pass without a campaign.
    expect(oracle.known(strongest(space))).toEqual({ accepted: true, loss_pp: 0 });
    expect(oracle.damage(strongest(space))).toBe(0);
  });
});

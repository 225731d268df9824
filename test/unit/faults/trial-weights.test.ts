import { describe, expect, it } from 'vitest';
import { trialStream } from '../../../src/faults/campaign/campaign.js';
import { faultTablesFor, technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { injectNetwork, prepareNetwork } from '../../../src/faults/inject/inject-network.js';
import { NO_FAULT, replayLayer, trialLayerKeys } from '../../../src/faults/campaign/trial-weights.js';
import { syntheticLayerWeights } from '../../../src/storage/synthetic-weights.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import { convLayer } from '../storage/fixtures.js';

const model = technologyFaultModel('RRAM', 'gray');
const layers = [convLayer('small', 8, 3, 3, 3, 0.5), convLayer('large', 64, 64, 1, 1, 0.3)];
const tensors = layers.map((l) => ({ name: l.name, tensor: syntheticLayerWeights(l, 5, { clustered: false }) }));
const choice = (small: number, large: number): StorageChoice => ({
  label: 'b',
  encoding: 'bitmask',
  bitmaskLayout: 'plain',
  clustered: false,
  bitsPerCell: {},
  defaultBitsPerCell: 3,
  layers: { small: { bitsPerCell: { values: small, mask: small } }, large: { bitsPerCell: { values: large, mask: large } } },
});
const SEED = 4;
const TRIALS = 12;

/** Mean over trials of Σ (decoded − original)² / Σ original², from the campaign's own injection. */
function campaignDamage(c: StorageChoice): number[] {
  const net = prepareNetwork(tensors, c);
  const options = { tables: faultTablesFor(model, c), mapping: model.mapping, mode: { kind: 'sampled' } as const };
  const out = net.layers.map(() => 0);
  for (let t = 0; t < TRIALS; t++) {
    const r = injectNetwork(net, options, trialStream(SEED, t));
    net.layers.forEach((l, i) => {
      let sq = 0;
      let energy = 0;
      l.original.forEach((w, k) => {
        sq += ((r.weights[i]![k] as number) - w) ** 2;
        energy += w * w;
      });
      out[i] = (out[i] as number) + sq / energy / TRIALS;
    });
  }
  return out;
}

describe('replaying one layer of a campaign’s trials', () => {
  it('sees the very weights the campaign’s trials decode (layer by layer, same keys)', () => {
    const c = choice(3, 3);
    const expected = campaignDamage(c);
    expect(expected.every((d) => d > 0)).toBe(true);
    const net = prepareNetwork(tensors, c);
    const keys = trialLayerKeys(SEED, TRIALS, net.layers.length);
    const options = { tables: faultTablesFor(model, c), mapping: model.mapping };
    net.layers.forEach((l, i) => expect(replayLayer(l, options, keys[i]!).damage).toBeCloseTo(expected[i]!, 12));
  });

  it('a layer’s fingerprint depends on its own settings only; one without faults has none', () => {
    const keys = trialLayerKeys(SEED, TRIALS, 2);
    const replay = (c: StorageChoice, i: number) => {
      const net = prepareNetwork(tensors, c);
      return replayLayer(net.layers[i]!, { tables: faultTablesFor(model, c), mapping: model.mapping }, keys[i]!);
    };
    const a = replay(choice(3, 3), 1);
    const b = replay(choice(1, 3), 1);
    expect(a.fingerprint).toBe(b.fingerprint);
    expect(a.fingerprint).not.toBe(NO_FAULT);
    const clean = replay(choice(1, 3), 0);
    expect(clean).toEqual({ fingerprint: NO_FAULT, damage: 0 });
    expect(replay(choice(3, 3), 0).fingerprint).not.toBe(NO_FAULT);
  });
});

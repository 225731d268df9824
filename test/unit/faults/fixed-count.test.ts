import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { faultTablesFor, technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { splitFixedCount } from '../../../src/faults/inject/fixed-count.js';
import { injectNetwork, prepareNetwork } from '../../../src/faults/inject/inject-network.js';
import { UserError } from '../../../src/errors.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import { randomTensor } from './helpers.js';

const model = technologyFaultModel('RRAM', 'gray');
// Values at 3 bits per cell (3.8e-3 per cell), mask at 1 (rate 0: its tails underflow), codebook at 2 (7.9e-9).
const choice: StorageChoice = { label: 'mixed', encoding: 'bitmask', bitmaskLayout: 'plain', clustered: true, bitsPerCell: { values: 3, mask: 1, codebook: 2 }, defaultBitsPerCell: 3 };
const net = prepareNetwork(
  [1, 2, 3].map((seed) => ({ name: `l${seed}`, tensor: randomTensor(seed, 16, 8, 0.4, true) })),
  choice,
);
const tables = faultTablesFor(model, choice);

describe('fixed-count faults over a network', () => {
  it('exactly n faulty cells, none in a stream whose density cannot fault', () => {
    for (const n of [0, 1, 7, 40]) {
      const split = splitFixedCount(net.layers, tables, n, randomStream(n, 'test/fixed'));
      const total = split.reduce((a, l) => a + Object.values(l).reduce((b, c) => b + (c ?? 0), 0), 0);
      expect(total).toBe(n);
      for (const l of split) expect(l.mask ?? 0).toBe(0);
      const r = injectNetwork(net, { tables, mapping: 'gray', mode: { kind: 'fixedCount', count: n } }, randomStream(n, 'test/fixed'));
      expect(r.total.faultyCells).toBe(n);
      expect(r.total.faultyCellsByStream.mask ?? 0).toBe(0);
    }
  });

  it('spreads in proportion to cells × rate: the 2-bit codebook (rate 2e-6 of the values) almost never gets one', () => {
    let codebook = 0;
    for (let t = 0; t < 20; t++) {
      for (const l of splitFixedCount(net.layers, tables, 10, randomStream(t, 'test/fixed/share'))) codebook += l.codebook ?? 0;
    }
    expect(codebook).toBe(0);
  });

  it('more faults than can happen is a UserError', () => {
    const slc: StorageChoice = { ...choice, bitsPerCell: {}, defaultBitsPerCell: 1 };
    const slcNet = prepareNetwork([{ name: 'l', tensor: randomTensor(1, 4, 2, 0.5, true) }], slc);
    expect(() => splitFixedCount(slcNet.layers, faultTablesFor(model, slc), 1, randomStream(1, 'x'))).toThrow(UserError);
  });
});

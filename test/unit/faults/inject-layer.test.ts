import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { decodeAndCompare, injectLayer } from '../../../src/faults/inject/inject-layer.js';
import { prepareLayer, type PreparedLayer } from '../../../src/faults/inject/prepared-layer.js';
import { int8Weights } from '../../../src/faults/inject/weight-errors.js';
import type { BitStream } from '../../../src/storage/bit-stream.js';
import { eccWords } from '../../../src/storage/ecc-streams.js';
import { secdedCode } from '../../../src/storage/secded.js';
import { STREAM_ORDER } from '../../../src/storage/streams.js';
import type { StorageChoice, StreamName } from '../../../src/storage/types.js';
import type { WeightTensor } from '../../../src/storage/weight-tensor.js';
import { ALL_CHOICES, idealFaultModel, randomTensor } from './helpers.js';

type Streams = Partial<Record<StreamName, BitStream>>;

/** The layer's clean streams with `edit` applied to copies. */
function edited(layer: PreparedLayer, edit: (streams: Streams) => void): Streams {
  const streams: Streams = {};
  for (const [name, s] of Object.entries(layer.encoded.streams) as [StreamName, BitStream][]) streams[name] = s.clone();
  edit(streams);
  return streams;
}

describe('injection with zero fault probability', () => {
  for (const choice of ALL_CHOICES) {
    it(`decodes to the original weights: ${choice.label}`, () => {
      const tensor = randomTensor(3, 40, 5, 0.3, choice.clustered);
      const r = injectLayer(tensor, choice, idealFaultModel(), randomStream(1, 'test/zero'));
      expect(r.result.faultyCells).toBe(0);
      expect(r.decoded).toEqual(int8Weights(tensor.values, tensor.codebook));
      expect(r.result.stats).toEqual({ weights: tensor.values.length, changed: 0, misplaced: 0, zeroToNonZero: 0, nonZeroToZero: 0, maxAbsError_lsb: 0, meanAbsError_lsb: 0 });
      expect(r.result.eccUncorrectableWords).toBe(0);
    });
  }

  it('RRAM at 1 bit per cell also never faults (its tails underflow to 0)', () => {
    const choice: StorageChoice = { label: 'slc', encoding: 'bitmask', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 1 };
    const r = injectLayer(randomTensor(4, 32, 4, 0.25, true), choice, technologyFaultModel('RRAM', 'gray'), randomStream(1, 'test/slc'));
    expect(r.result.faultyCells).toBe(0);
    expect(r.result.stats.changed).toBe(0);
  });
});

describe('misplaced values, by hand', () => {
  // One kernel of 8 weights [1, 0, 2, 0, 3, 0, 0, 0] as a plain bitmask: mask 10101000, values 1, 2, 3.
  const tensor: WeightTensor = { shape: { kernels: 1, channels: 8, height: 1, width: 1 }, valueBits: 8, values: Int32Array.of(1, 0, 2, 0, 3, 0, 0, 0) };
  const choice: StorageChoice = { label: 'plain', encoding: 'bitmask', bitmaskLayout: 'plain', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 };

  it('mask bit 1 flipped 0 → 1 shifts 2 and 3 one place left and drops 3', () => {
    const layer = prepareLayer('hand', tensor, choice);
    const r = decodeAndCompare(layer, edited(layer, (s) => s.mask?.flipBit(1)));
    // decoded [1, 2, 3, 0, 0, 0, 0, 0]: positions 1 and 2 hold values stored for positions 2 and 4 (misplaced),
    // position 4 reads no value any more (3 → 0). |err| 2, 1, 3.
    expect(Array.from(r.decoded)).toEqual([1, 2, 3, 0, 0, 0, 0, 0]);
    expect(r.result.stats).toEqual({ weights: 8, changed: 3, misplaced: 2, zeroToNonZero: 1, nonZeroToZero: 1, maxAbsError_lsb: 3, meanAbsError_lsb: 6 / 8 });
  });

  it('a value bit flipped changes one weight and misplaces nothing', () => {
    const layer = prepareLayer('hand', tensor, choice);
    const r = decodeAndCompare(layer, edited(layer, (s) => s.values?.flipBit(8 + 2))); // second value 2 → 6
    expect(Array.from(r.decoded)).toEqual([1, 0, 6, 0, 3, 0, 0, 0]);
    expect(r.result.stats.misplaced).toBe(0);
    expect(r.result.stats.changed).toBe(1);
  });
});

describe('IdxSync contains a flipped mask bit', () => {
  // One kernel of 256 weights, even positions non-zero with values 1..100 cycling (neighbours always differ).
  const values = Int32Array.from({ length: 256 }, (_, i) => (i % 2 === 0 ? ((i / 2) % 100) + 1 : 0));
  const tensor: WeightTensor = { shape: { kernels: 1, channels: 256, height: 1, width: 1 }, valueBits: 8, values };
  const S = 32;
  const plain = (idxSync?: number): StorageChoice => ({
    label: 'plain',
    encoding: 'bitmask',
    bitmaskLayout: 'plain',
    clustered: false,
    bitsPerCell: {},
    defaultBitsPerCell: 1,
    ...(idxSync === undefined ? {} : { idxSync: { interval: idxSync } }),
  });
  const changedPositions = (decoded: Int32Array): number[] => Array.from(decoded.keys()).filter((i) => decoded[i] !== values[i]);

  it('by hand: bit 5 flipped changes positions 5, 6, 8, …, 30 with IdxSync (14 weights), and to the end without', () => {
    const synced = prepareLayer('s', tensor, plain(S));
    const r = decodeAndCompare(synced, edited(synced, (s) => s.mask?.flipBit(5)));
    // Position 5 takes the value of 6, 6 that of 8, …, 30 that of 32; the sync word at 32 re-aligns.
    expect(changedPositions(r.decoded)).toEqual([5, ...Array.from({ length: 13 }, (_, k) => 6 + 2 * k)]);
    expect(r.result.stats.misplaced).toBe(14);
    const bare = prepareLayer('b', tensor, plain());
    const u = decodeAndCompare(bare, edited(bare, (s) => s.mask?.flipBit(5)));
    // Every non-zero from 6 to 254 shifts: 125 of them, plus position 5.
    expect(u.result.stats.changed).toBe(126);
  });

  it('any single flipped mask bit stays within its interval with IdxSync, and spreads beyond it without', () => {
    const rng = randomStream(7, 'test/idxsync/flips');
    const synced = prepareLayer('s', tensor, plain(S));
    const bare = prepareLayer('b', tensor, plain());
    for (let k = 0; k < 40; k++) {
      const p = rng.int(256);
      const start = Math.floor(p / S) * S;
      const changed = changedPositions(decodeAndCompare(synced, edited(synced, (s) => s.mask?.flipBit(p))).decoded);
      expect(changed.length).toBeGreaterThan(0);
      for (const i of changed) expect(i >= start && i < start + S).toBe(true);
      const unsynced = changedPositions(decodeAndCompare(bare, edited(bare, (s) => s.mask?.flipBit(p))).decoded);
      expect(unsynced.length).toBeGreaterThanOrEqual(changed.length);
      // Without IdxSync the shift runs to the end of the layer: past the interval unless the flip is in the last one.
      expect(unsynced.some((i) => i >= start + S)).toBe(start + S < 256);
    }
  });
});

describe('ECC', () => {
  /** Flip one bit in every stored word of every protected stream: a data bit or one of the word's check bits. */
  function oneErrorPerWord(layer: PreparedLayer, seed: number): Streams {
    const ecc = layer.encoded.format.ecc;
    if (ecc === undefined) throw new Error('no ECC');
    const code = secdedCode(ecc.dataBits);
    const rng = randomStream(seed, 'test/ecc/flips');
    return edited(layer, (s) => {
      let checkAt = 0;
      for (const name of STREAM_ORDER.filter((n) => n !== 'check' && ecc.streams.includes(n) && s[n] !== undefined)) {
        const data = s[name] as BitStream;
        for (let w = 0; w < eccWords(data.length, code.dataBits); w++) {
          const dataBits = Math.min(code.dataBits, data.length - w * code.dataBits);
          const r = rng.int(dataBits + code.checkBits);
          if (r < dataBits) data.flipBit(w * code.dataBits + r);
          else s.check?.flipBit(checkAt + r - dataBits);
          checkAt += code.checkBits;
        }
      }
    });
  }

  for (const choice of ALL_CHOICES.filter((c) => c.ecc !== undefined)) {
    it(`corrects one flipped bit in every word: ${choice.label}`, () => {
      for (const seed of [1, 2, 3]) {
        const tensor = randomTensor(seed, 40, 6, 0.3, choice.clustered);
        const layer = prepareLayer('ecc', tensor, choice);
        const r = decodeAndCompare(layer, oneErrorPerWord(layer, seed));
        expect(r.decoded).toEqual(layer.original);
        expect(r.result.stats.changed).toBe(0);
        expect(r.result.eccUncorrectableWords).toBe(0);
        expect(r.result.eccCorrectedWords).toBeGreaterThan(10);
      }
    });
  }

  it('the same errors without ECC do change weights (the test can fail)', () => {
    const withEcc = ALL_CHOICES.find((c) => c.label === 'csr ecc sync') as StorageChoice;
    const layer = prepareLayer('ecc', randomTensor(1, 40, 6, 0.3, true), withEcc);
    const flipped = oneErrorPerWord(layer, 1);
    const { ecc: _ecc, ...withoutEcc } = withEcc;
    const bare = prepareLayer('bare', randomTensor(1, 40, 6, 0.3, true), withoutEcc);
    expect(decodeAndCompare(bare, { ...flipped, check: undefined }).result.stats.changed).toBeGreaterThan(0);
  });
});

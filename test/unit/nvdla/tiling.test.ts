import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { allocateCbuf, kernelGroups, type CbufWeights } from '../../../src/hw/nvdla/cbuf-allocation.js';
import { mapConvolution } from '../../../src/hw/nvdla/conv-mapping.js';
import { planConvolution, STREAM_CHUNKS } from '../../../src/hw/nvdla/tiling.js';
import { nvdlaBuildDefaults } from '../../../src/hw/nvdla/spec.js';
import { conv } from './helpers.js';

/** Dense int8 weights in CBUF; `compressed` marks them as held in NVDLA's compressed format (same sizes). */
const dense = (l: ReturnType<typeof conv>, compressed = false): CbufWeights => ({
  bytesOf: (k0, k1) => (k1 - k0) * l.inputChannels * l.kernelHeight * l.kernelWidth,
  compressed,
});

describe('CBUF allocation', () => {
  const p = nvdlaBuildDefaults('nv_full', 'hardware-limit'); // 16 banks of 32 KiB; a layer held compressed keeps one for the weight mask

  it('full input and full weights when both fit', () => {
    // 56×56×64: 56 entries per row, 3136 entries = 7 banks; weights 64·64 = 4 KiB = 1 bank.
    const l = conv({ H: 56, W: 56, C: 64, K: 64 });
    const a = allocateCbuf(l, mapConvolution(l, p), p, kernelGroups(l, 32), dense(l, true));
    expect(a).toEqual({ mode: 'full-input-full-weights', dataBanks: 7, weightBanks: 1, weightSlots: 2, dataEntries: 7 * 512 });
  });

  it('full input with as many kernel groups as the remaining banks hold, else row split', () => {
    // 28×28×512: 28·8 = 224 entries per row, 6272 entries → 13 banks; 15 − 13 = 2 banks (64 KiB) for weights.
    // 1×1×512, K = 2048: 64 groups of 32·512 = 16 KiB do not fit; 64 KiB hold 4 groups.
    const l = conv({ H: 28, W: 28, C: 512, K: 2048 });
    const a = allocateCbuf(l, mapConvolution(l, p), p, kernelGroups(l, 32), dense(l, true));
    expect(a.mode).toBe('full-input-partial-weights');
    expect(a.weightSlots).toBe(4);
    // 3×3×512 groups of 32: 147456 B = 4.5 banks; 13 + 5 > 15: not even one group fits beside the input.
    const big = conv({ H: 28, W: 28, C: 512, K: 128, R: 3, pad: 1, stride: 2 });
    expect(allocateCbuf(big, mapConvolution(big, p), p, kernelGroups(big, 32), dense(big, true)).mode).toBe('row-split');
  });

  it('only weights held compressed reserve the mask bank, whatever the build supports', () => {
    // 58×58×128: 116 entries per row, 6728 entries → 14 banks; weights 300·128 = 38400 B → 2 banks: 16 banks.
    // With the mask bank only 15 are usable: partial weights, the one bank left holding floor(32768 / 4096) = 8
    // groups of 32·128 B; without the mask bank all 16 are usable: full weights. nv_full supports compression,
    // but a layer held dense keeps all 16 (the per-layer choice).
    const l = conv({ H: 58, W: 58, C: 128, K: 300 });
    expect(p.weightCompression).toBe(true);
    const withMask = allocateCbuf(l, mapConvolution(l, p), p, kernelGroups(l, 32), dense(l, true));
    expect(withMask.mode).toBe('full-input-partial-weights');
    expect(withMask.weightSlots).toBe(8);
    const held = allocateCbuf(l, mapConvolution(l, p), p, kernelGroups(l, 32), dense(l, false));
    expect(held).toMatchObject({ mode: 'full-input-full-weights', dataBanks: 14, weightBanks: 2 });
  });

  it('a layer NVDLA cannot hold is a UserError naming the CBUF', () => {
    const tiny = { ...p, cbufBanks: 3, cbufBankDepth: 8 };
    const l = conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 1 });
    expect(() => allocateCbuf(l, mapConvolution(l, tiny), tiny, kernelGroups(l, 32), dense(l, true))).toThrow(UserError);
  });

  it('kernel groups stay within convolution groups', () => {
    expect(kernelGroups(conv({ H: 4, W: 4, C: 8, K: 70 }), 32)).toEqual([{ k0: 0, k1: 32 }, { k0: 32, k1: 64 }, { k0: 64, k1: 70 }]);
    expect(kernelGroups(conv({ H: 4, W: 4, C: 8, K: 8, groups: 2 }), 32)).toEqual([{ k0: 0, k1: 4 }, { k0: 4, k1: 8 }]);
  });
});

describe('tiling plan', () => {
  const p = nvdlaBuildDefaults('nv_full', 'hardware-limit');
  it('streams the resident input to the first kernel group in row chunks; later groups take all rows', () => {
    const l = conv({ H: 56, W: 56, C: 64, K: 64 });
    const plan = planConvolution(l, p, dense(l));
    expect(plan.steps.length).toBe(STREAM_CHUNKS + 1);
    expect(plan.inputFetches.length).toBe(STREAM_CHUNKS);
    expect(plan.inputFetches.reduce((s, f) => s + f.row1 - f.row0, 0)).toBe(56);
    expect(plan.steps.slice(0, STREAM_CHUNKS).every((s) => s.k0 === 0 && s.scopeRow0 === 0 && s.scopeRow1 === 56)).toBe(true);
    expect(plan.steps[STREAM_CHUNKS]).toMatchObject({ k0: 32, outRow0: 0, outRow1: 56, input: STREAM_CHUNKS - 1 });
  });
  it('Winograd row chunks are multiples of 4 output rows', () => {
    const q = { ...p, cbufBanks: 4, cbufBankDepth: 64, weightCompression: false };
    const l = conv({ H: 16, W: 16, C: 64, K: 8, R: 3, pad: 1 });
    const plan = planConvolution(l, q, dense(l));
    expect(plan.mapping.mode).toBe('winograd');
    expect(plan.allocation.mode).toBe('row-split');
    expect(plan.steps.every((s) => s.outRow0 % 4 === 0 && (s.outRow1 % 4 === 0 || s.outRow1 === 16))).toBe(true);
  });
});

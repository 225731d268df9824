import { describe, expect, it } from 'vitest';
import { layerMacs, layerWeightCount } from '../../../src/workload/layer.js';
import { scalesimTrace } from '../../../src/workload/scalesim.js';

/**
 * SCALE-Sim v2 topologies (scalesim-project/scale-sim-v2 topologies/): MACs here equal SCALE-Sim's
 * topo_calc_hyperparams, ofmap_h·ofmap_w·filter_h·filter_w·channels·num_filter, with
 * ofmap = ceil((ifmap − filter + stride) / stride); computed by hand below.
 */
const CONV_HEADER = 'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,';
const conv = (...rows: string[]) => scalesimTrace([CONV_HEADER, ...rows].join('\n'), 'topo.csv', 'topo');
const fail = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return (e as { format: () => string }).format();
  }
  throw new Error('no error');
};

describe('SCALE-Sim topology import', () => {
  it('conv rows chain by shape: 226 → ceil((226 − 3 + 2) / 2) = 112; MACs 112²·3·3·3·32 = 10,838,016', () => {
    const t = conv('Conv1, 226, 226, 3, 3, 3, 32, 2,', 'Conv2, 112, 112, 1, 1, 32, 64, 1,', '');
    const [c1, c2] = t.layers;
    expect([c1?.inputs, c1?.outputHeight, c1?.outputChannels, c1?.padding, layerMacs(c1 as never)]).toEqual([['input'], 112, 32, 0, 10_838_016]);
    expect([c2?.inputs, c2?.outputHeight, layerMacs(c2 as never)]).toEqual([['Conv1'], 112, 112 * 112 * 32 * 64]);
  });

  it('a "DP" row is depthwise: SCALE-Sim runs Channels single-channel layers; here groups = 32, the same MACs 110²·9·32', () => {
    const t = conv('Conv1, 226, 226, 3, 3, 3, 32, 2,', 'DP2, 112, 112, 3, 3, 32, 1, 1,#dw');
    const dp = t.layers[1];
    expect([dp?.groups, dp?.inputChannels, dp?.outputChannels, dp?.outputHeight, layerWeightCount(dp as never)]).toEqual([32, 32, 32, 110, 288]);
    expect(layerMacs(dp as never)).toBe(32 * (110 * 110 * 3 * 3 * 1 * 1));
  });

  it('a "DP" row with 2 filters per channel gives Channels·2 outputs', () => {
    const dp = conv('DP1, 10, 10, 3, 3, 4, 2, 1,').layers[0];
    expect([dp?.groups, dp?.outputChannels, layerMacs(dp as never)]).toEqual([4, 8, 4 * 8 * 8 * 9 * 2]);
  });

  it('a row reads the latest earlier output of its shape (a projection shortcut reads the block input)', () => {
    const t = conv('A, 8, 8, 1, 1, 16, 16, 1,', 'B, 8, 8, 1, 1, 16, 32, 1,', 'S, 8, 8, 1, 1, 16, 32, 2,');
    expect(t.layers.map((l) => l.inputs[0])).toEqual(['input', 'A', 'A']);
  });

  it('GEMM form (Layer, M, N, K): one fc of M rows, M·N·K MACs', () => {
    const t = scalesimTrace('Layer Name, M, N, K,\nTest 1, 256, 128, 256,\nTest 2, 256, 64, 128,\n', 'g.csv', 'g');
    const [a, b] = t.layers;
    expect([a?.op, a?.inputHeight, a?.inputChannels, a?.outputChannels, layerMacs(a as never)]).toEqual(['fc', 256, 256, 128, 256 * 128 * 256]);
    expect(b?.inputs).toEqual(['Test 1']);
  });

  it('refuses a row no earlier output fits, naming both shapes and the unpadded rule', () => {
    const msg = fail(() => conv('Conv1, 224, 224, 7, 7, 3, 64, 2,', 'CB2a_1, 56, 56, 1, 1, 64, 64, 1,'));
    expect(msg).toMatch(/error: line 3: layer "CB2a_1" reads 56×56×64, which no earlier layer outputs \(the previous, "Conv1", outputs 109×109×64\)/);
    expect(msg).toMatch(/OFMAP = floor\(\(IFMAP − filter\) \/ stride\) \+ 1/);
  });

  it('refuses a missing or non-numeric value, a filter larger than its IFMAP, and unequal strides', () => {
    expect(fail(() => conv('C, 8, 8, 3, 3, 4,'))).toMatch(/line 2: Num Filter is missing\n {2}file: topo\.csv\n {2}at: line 2, column "Num Filter"/);
    expect(fail(() => conv('C, 8, x8, 3, 3, 4, 4, 1,'))).toMatch(/line 2: IFMAP Width is "x8"/);
    expect(fail(() => conv('C, 2, 2, 3, 3, 4, 4, 1,'))).toMatch(/filter 3×3 of "C" exceeds its 2×2 IFMAP/);
    expect(fail(() => conv('C, 8, 8, 3, 3, 4, 4, 1, 2,'))).toMatch(/strides 1 \(height\) and 2 \(width\) differ/);
    expect(fail(() => conv(''))).toMatch(/the topology has no layers/);
  });
});

import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { fusedGroups, groupIndices, pdpMaxFlyingWidth, type FusedGroup } from '../../../src/hw/nvdla/fusion.js';
import { nvdlaBuildDefaults, type NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import type { Layer } from '../../../src/workload/layer.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { add, conv, pooling } from './helpers.js';

const FULL = nvdlaBuildDefaults('nv_full', 'hardware-limit');
const without = (overrides: Partial<NvdlaParams>): NvdlaParams => ({ ...FULL, ...overrides });
const singles = (n: number): FusedGroup[] => Array.from({ length: n }, (_, head) => ({ head }));

// A residual block: a = conv(input), b = conv(a), s = a + b.
const a = conv({ name: 'a', inputs: ['input'], H: 8, W: 8, C: 64, K: 32 });
const b = conv({ name: 'b', inputs: ['a'], H: 8, W: 8, C: 32, K: 32 });
const s = add('s', ['a', 'b'], b);

describe('fusedGroups: element-wise adds', () => {
  it('fuses an add into the convolution right before it when the other operand is an earlier tensor', () => {
    expect(fusedGroups([a, b, s], FULL)).toEqual([{ head: 0 }, { head: 1, eltwise: 2 }]);
    // Operand order does not matter; the network input counts as an earlier tensor.
    expect(fusedGroups([a, b, add('s', ['b', 'a'], b)], FULL)).toEqual([{ head: 0 }, { head: 1, eltwise: 2 }]);
    const c = conv({ name: 'c', inputs: ['input'], H: 8, W: 8, C: 32, K: 32 });
    expect(fusedGroups([c, add('s', ['input', 'c'], c)], FULL)).toEqual([{ head: 0, eltwise: 1 }]);
  });

  it('not when the add does not directly follow the convolution', () => {
    const c = conv({ name: 'c', inputs: ['a'], H: 8, W: 8, C: 32, K: 32 });
    expect(fusedGroups([a, b, c, s], FULL)).toEqual(singles(4));
  });

  it('not when the add does not read the convolution right before it', () => {
    expect(fusedGroups([a, b, add('t', ['a', 'input'], b)], FULL)).toEqual(singles(3));
  });

  it('not when the other operand is not an earlier tensor: the same output twice, or an unknown name', () => {
    expect(fusedGroups([a, b, add('s', ['b', 'b'], b)], FULL)).toEqual(singles(3));
    expect(fusedGroups([a, b, add('s', ['b', 'later'], b)], FULL)).toEqual(singles(3));
  });

  it('not when another layer also reads the convolution output (it must then be written)', () => {
    const d = conv({ name: 'd', inputs: ['b'], H: 8, W: 8, C: 32, K: 32 });
    expect(fusedGroups([a, b, s, d], FULL)).toEqual(singles(4));
  });

  it('not when the shapes differ, nor after a layer that is not a convolution', () => {
    const wide = conv({ name: 'b', inputs: ['a'], H: 8, W: 8, C: 32, K: 64 });
    expect(fusedGroups([a, wide, s], FULL)).toEqual(singles(3));
    const p = pooling('p', a, 1, 1);
    expect(fusedGroups([a, p, add('s2', ['a', 'p'], p)], without({ fusePooling: false }))).toEqual(singles(3));
  });

  it('not when fuseEltwise is false', () => {
    expect(fusedGroups([a, b, s], without({ fuseEltwise: false }))).toEqual(singles(3));
  });
});

describe('fusedGroups: pooling on the fly', () => {
  const c1 = conv({ name: 'c1', inputs: ['input'], H: 16, W: 16, C: 64, K: 32 });
  const p1 = pooling('p1', c1, 3, 2, 1);

  it('fuses a pooling that reads the convolution right before it, unless fusePooling is false', () => {
    expect(fusedGroups([c1, p1], FULL)).toEqual([{ head: 0, pool: 1 }]);
    expect(fusedGroups([c1, p1], without({ fusePooling: false }))).toEqual(singles(2));
  });

  it('PDP line buffer: 7168 B · 8 / (overlap lines · atomicK · 14 bits) is the widest pooled row', () => {
    // 3×3 stride 2: ceil(3/2) = 2 lines: nv_full 57344 / (2·32·14) = 64; nv_small 57344 / (2·8·14) = 256.
    expect(pdpMaxFlyingWidth(FULL, p1)).toBe(64);
    expect(pdpMaxFlyingWidth(nvdlaBuildDefaults('nv_small'), p1)).toBe(256);
    // 2×2 stride 2: 1 line → 128; 7×7 stride 1 (ResNet's pool5): 7 lines, rounded up to 8 → 16.
    expect(pdpMaxFlyingWidth(FULL, pooling('q', c1, 2, 2))).toBe(128);
    expect(pdpMaxFlyingWidth(FULL, pooling('q', conv({ H: 7, W: 7, C: 64, K: 32 }), 7, 1))).toBe(16);
  });

  it('boundary: a pooled width of 64 fits nv_full on the fly, 65 does not', () => {
    // Pooled width floor((W + 2 − 3) / 2) + 1: W = 128 → 64, W = 130 → 65.
    const fits = conv({ name: 'c1', inputs: ['input'], H: 4, W: 128, C: 64, K: 32 });
    const over = conv({ name: 'c1', inputs: ['input'], H: 4, W: 130, C: 64, K: 32 });
    expect(pooling('p1', fits, 3, 2, 1).outputWidth).toBe(64);
    expect(fusedGroups([fits, pooling('p1', fits, 3, 2, 1)], FULL)).toEqual([{ head: 0, pool: 1 }]);
    expect(fusedGroups([over, pooling('p1', over, 3, 2, 1)], FULL)).toEqual(singles(2));
  });

  it('not after a convolution split by rows (each row chunk is a hardware layer of its own)', () => {
    // 4 banks of 4 KiB: input 16×16×64 needs 4 banks, weights 8·64·9 B 2 banks → row split (see conv-memory test).
    const small = without({ cbufBanks: 4, cbufBankDepth: 64, weightCompression: false, winograd: false });
    const c = conv({ name: 'c', inputs: ['input'], H: 16, W: 16, C: 64, K: 8, R: 3, pad: 1 });
    expect(fusedGroups([c, pooling('p', c, 2, 2)], small)).toEqual(singles(2));
    // The same pair with nv_full's CBUF (input resident) fuses.
    expect(fusedGroups([c, pooling('p', c, 2, 2)], without({ weightCompression: false }))).toEqual([{ head: 0, pool: 1 }]);
  });

  it('not after a grouped convolution, nor when another layer reads the convolution output', () => {
    const grouped = conv({ name: 'c1', inputs: ['input'], H: 16, W: 16, C: 64, K: 64, groups: 2 });
    expect(fusedGroups([grouped, pooling('p1', grouped, 3, 2, 1)], FULL)).toEqual(singles(2));
    const other = conv({ name: 'd', inputs: ['c1'], H: 16, W: 16, C: 32, K: 32 });
    expect(fusedGroups([c1, p1, other], FULL)).toEqual(singles(3));
  });

  it('a convolution, its add and a pooling of the sum run as one hardware layer', () => {
    const p = pooling('p', s, 2, 2);
    expect(fusedGroups([a, b, s, p], FULL)).toEqual([{ head: 0 }, { head: 1, eltwise: 2, pool: 3 }]);
    expect(groupIndices({ head: 1, eltwise: 2, pool: 3 })).toEqual([1, 2, 3]);
    expect(fusedGroups([a, b, s, p], without({ fuseEltwise: false }))).toEqual(singles(4));
  });
});

describe('fusedGroups on whole traces', () => {
  it('ResNet-50 v1.5: all 16 adds fuse on both builds; pool1 fuses on nv_full only (nv_small splits conv1 by rows)', () => {
    const layers = loadTrace('traces/resnet50-v1.5.json').layers;
    for (const build of ['nv_full', 'nv_small'] as const) {
      const groups = fusedGroups(layers, nvdlaBuildDefaults(build, 'hardware-limit'));
      const fusedAdds = groups.filter((g) => g.eltwise !== undefined);
      expect(fusedAdds).toHaveLength(16);
      // Each add fuses into its residual branch's last convolution (res2a ← res2a_branch2c).
      for (const g of fusedAdds) expect(layers[g.head]!.name).toBe(`${layers[g.eltwise!]!.name}_branch2c`);
      const pools = groups.filter((g) => g.pool !== undefined).map((g) => layers[g.pool!]!.name);
      expect(pools).toEqual(build === 'nv_full' ? ['pool1', 'pool5'] : ['pool5']);
    }
  });

  it('property: groups partition any trace in order, and each follower reads the layer right before it', () => {
    const rnd = randomStream(7, 'test/nvdla/fusion');
    let followers = 0;
    for (let trial = 0; trial < 40; trial++) {
      const layers = randomTrace(rnd, 12);
      for (const p of [FULL, without({ fuseEltwise: false }), without({ fusePooling: false })]) {
        const groups = fusedGroups(layers, p);
        expect(groups.flatMap(groupIndices)).toEqual(layers.map((_, i) => i));
        for (const g of groups) {
          const idx = groupIndices(g);
          for (let k = 1; k < idx.length; k++) expect(layers[idx[k]!]!.inputs).toContain(layers[idx[k - 1]!]!.name);
          if (g.eltwise !== undefined) expect(p.fuseEltwise).toBe(true);
          if (g.pool !== undefined) expect(p.fusePooling).toBe(true);
          followers += idx.length - 1;
        }
      }
    }
    expect(followers).toBeGreaterThan(40); // the traces do exercise fusion
  });
});

/** Random chains of same-shaped convolutions, adds of two earlier tensors and 1×1 poolings; half the reads are of the layer just before. */
function randomTrace(rnd: ReturnType<typeof randomStream>, n: number): Layer[] {
  const layers: Layer[] = [];
  const tensor = (): string => {
    const r = rnd.next();
    if (layers.length === 0 || r < 0.1) return 'input';
    return (r < 0.55 ? layers[layers.length - 1]! : layers[rnd.int(layers.length)]!).name;
  };
  for (let i = 0; i < n; i++) {
    const r = rnd.next();
    const name = `l${i}`;
    const shape = conv({ name, inputs: [tensor()], H: 8, W: 8, C: 32, K: 32 });
    if (r < 0.5 || layers.length === 0) layers.push(shape);
    else if (r < 0.8) layers.push(add(name, [tensor(), tensor()], shape));
    else layers.push({ ...pooling(name, shape, 1, 1), inputs: [tensor()] });
  }
  return layers;
}

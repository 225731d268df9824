import { describe, expect, it } from 'vitest';
import { encodeLayer } from '../../../src/storage/codec.js';
import { formatOf } from '../../../src/storage/encoded-layer.js';
import { networkStorage } from '../../../src/storage/stream-sizes.js';
import { syntheticLayerWeights } from '../../../src/storage/synthetic-weights.js';
import { hasWeights } from '../../../src/workload/layer.js';
import { choice } from './fixtures.js';
import { csvLayers, resnet50 } from './resnet50-fixture.js';

/**
 * Whole STR-81-pruned ResNet-50 v1.5 against figures computed here from the reference CSVs alone:
 * N = 25 502 912 weights (reference/README.md), nnz_l = round(N_l × density_l) per layer (the synthetic
 * pattern places exactly that many).
 */
const trace = resnet50('str81');
const csv = csvLayers('str81');
const N = csv.reduce((a, l) => a + l.weights, 0);
const nnzOf = (l: (typeof csv)[number]): number => Math.round(l.weights * l.density);
const nnz = csv.reduce((a, l) => a + nnzOf(l), 0);
const pad1024 = (bits: number): number => Math.ceil(bits / 1024) * 1024;
const bitsToHold = (x: number): number => Math.ceil(Math.log2(x + 1));

describe('ResNet-50 v1.5, STR 81 %', () => {
  it('has the reference weight count, and nnz from the pruning profile', () => {
    expect(N).toBe(25_502_912);
    const net = networkStorage(trace, choice({ encoding: 'dense' }));
    expect(net.weights).toBe(N);
    expect(net.nonZeros).toBe(nnz);
    // STR 81.27 % overall sparsity → about 18.7 % of the weights remain
    expect(nnz / N).toBeGreaterThan(0.18);
    expect(nnz / N).toBeLessThan(0.195);
  });

  it('dense: 8·N = 204 023 296 bits', () => {
    expect(networkStorage(trace, choice({ encoding: 'dense' })).totalBits).toBe(204_023_296);
  });

  it('bitmask plain: N + 8·nnz', () => {
    const net = networkStorage(trace, choice({ encoding: 'bitmask', bitmaskLayout: 'plain' }));
    expect(net.totals.mask?.bits).toBe(N);
    expect(net.totals.values?.bits).toBe(8 * nnz);
    expect(net.totalBits).toBe(N + 8 * nnz);
  });

  it('bitmask nvdla: Σ over layers of pad128B(N_l) + pad128B(8·nnz_l) + pad128B(32·ceil(K_l/32))', () => {
    const expected = csv.reduce((a, l) => a + pad1024(l.weights) + pad1024(8 * nnzOf(l)) + pad1024(32 * Math.ceil(l.kernels / 32)), 0);
    expect(networkStorage(trace, choice({ encoding: 'bitmask', bitmaskLayout: 'nvdla' }), { atomicK: 32 }).totalBits).toBe(expected);
  });

  it('bitmask plain with ECC (72,64) on the mask: Σ ceil(N_l / 64)·8 check bits', () => {
    const net = networkStorage(trace, choice({ encoding: 'bitmask', bitmaskLayout: 'plain', ecc: { dataBits: 64, streams: ['mask'] } }));
    expect(net.totals.check?.bits).toBe(csv.reduce((a, l) => a + Math.ceil(l.weights / 64) * 8, 0));
    // 8 check bits per 64 mask bits = N/8; against N + 8·nnz total that is about 4 %
    expect(net.eccOverhead_pct).toBeCloseTo((100 * (N / 8)) / (N + 8 * nnz + N / 8), 3);
  });

  it('bitmask plain with IdxSync every 1024 weights: Σ (ceil(N_l/1024) − 1)·ceil(log2(nnz_l + 1))', () => {
    const net = networkStorage(trace, choice({ encoding: 'bitmask', bitmaskLayout: 'plain', idxSync: { interval: 1024 } }));
    expect(net.totals.sync?.bits).toBe(csv.reduce((a, l) => a + (Math.ceil(l.weights / 1024) - 1) * bitsToHold(nnzOf(l)), 0));
  });

  it('csr r = 4: pointers Σ K_l·ceil(log2(W_l + 1)); entries = nnz + fillers, fillers near the geometric-run estimate', () => {
    const net = networkStorage(trace, choice({ encoding: 'csr', csrIndexBits: 4 }));
    expect(net.totals.pointers?.bits).toBe(csv.reduce((a, l) => a + l.kernels * bitsToHold(l.weights / l.kernels), 0));
    const entries = (net.totals.values?.bits ?? 0) / 8;
    expect(net.totals.indices?.bits).toBe(entries * 4);
    // Uniform placement: the zeros before a non-zero are ~geometric, P(z >= j) = q^j with q = 1 − density,
    // so E[floor(z / 16)] = Σ_m q^(16m) = q^16 / (1 − q^16). Rows cut runs short, so the count is a little lower.
    const estimate = csv.reduce((a, l) => {
      const q16 = (1 - l.density) ** 16;
      return a + nnzOf(l) * (q16 / (1 - q16));
    }, 0);
    const fillers = entries - nnz;
    expect(fillers).toBeGreaterThan(0.95 * estimate);
    expect(fillers).toBeLessThan(1.01 * estimate);
  });

  it('csr r = 4 sizing equals the real CSR encoder on every layer of the network', () => {
    const c = choice({ encoding: 'csr', csrIndexBits: 4 });
    const net = networkStorage(trace, c);
    const layers = trace.layers.filter(hasWeights);
    layers.forEach((layer, i) => {
      const enc = encodeLayer(syntheticLayerWeights(layer), formatOf(c));
      const sized = net.layers[i]!.streams;
      for (const s of sized) expect(enc.streams[s.stream]?.length, `${layer.name} ${s.stream}`).toBe(s.bits);
    });
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { logSpacedRates, normalizePath, parseFpsRange, resolveGrid, unitConfig, type SweepGrid } from '../../../src/system/sweep/grid.js';

const DRAM = 'arch-configs/nvdla-full-lpddr4.json';
const ENVM = 'arch-configs/maxnvm-rram-2bpc-bitmask-slc-metadata.json';
const TINY = 'traces/tiny-conv.json';
const grid = (over: Partial<SweepGrid> = {}): SweepGrid => ({ archFiles: [DRAM], traceFiles: [TINY], fps: [1, 30], seed: 1, ...over });

function userError(fn: () => unknown): UserError {
  try {
    fn();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('expected a UserError');
}

describe('log-spaced rates', () => {
  it('1 to 1000 in 4 steps is one decade apart: 1, 10, 100, 1000', () => {
    // 1000^(i/3) for i = 0..3, rounded to 6 significant digits.
    expect(logSpacedRates(1, 1000, 4)).toEqual([1, 10, 100, 1000]);
  });
  it('0.1:300:200 starts and ends at the bounds with a constant ratio 3000^(1/199) = 1.04106', () => {
    const r = parseFpsRange('0.1:300:200');
    expect(r).toHaveLength(200);
    expect(r[0]).toBe(0.1);
    expect(r[199]).toBe(300);
    const step = Math.pow(3000, 1 / 199);
    for (let i = 1; i < r.length; i++) expect((r[i] as number) / (r[i - 1] as number)).toBeCloseTo(step, 4);
  });
  it('one rate when count is 1', () => {
    expect(parseFpsRange('5:5:1')).toEqual([5]);
  });
  it.each([
    ['10:1:5', /max is below min/],
    ['0:10:5', /must be positive/],
    ['-1:10:5', /must be positive/],
    ['1:10:0', /whole number >= 1/],
    ['1:10:2.5', /whole number >= 1/],
    ['1:10', /three numbers/],
    ['a:b:c', /three numbers/],
  ])('rejects --fps-range %s', (text, message) => {
    expect(userError(() => parseFpsRange(text)).message).toMatch(message);
  });
});

describe('resolving a grid', () => {
  it('cuts the grid into units: every policy on a DRAM system, one "-" unit on a system without DRAM', () => {
    const g = resolveGrid(grid({ archFiles: [DRAM, ENVM], traceFiles: [TINY], policies: ['off', 'best'] }));
    expect(g.units.map((u) => [u.archFile, u.policy])).toEqual([
      [DRAM, 'off'],
      [DRAM, 'best'],
      [ENVM, '-'],
    ]);
    expect(g.units.map((u) => u.index)).toEqual([0, 1, 2]);
    expect(new Set(g.units.map((u) => u.file)).size).toBe(3);
  });
  it("uses each config's own policy when none is given", () => {
    const g = resolveGrid(grid());
    expect(g.units.map((u) => u.policy)).toEqual(['power-down']);
  });
  it('sorts and deduplicates rates', () => {
    expect(resolveGrid(grid({ fps: [30, 1, 30, 0.5] })).fps).toEqual([0.5, 1, 30]);
  });
  it("replaces the config's idle policy without touching the file's other values", () => {
    const g = resolveGrid(grid({ policies: ['self-refresh'] }));
    const c = unitConfig(g.units[0]!);
    expect(c.dram?.idlePolicy).toBe('self-refresh');
    expect(c.dram?.channels).toBe(4);
  });
  it('identifies the sweep by input contents: a different seed, rate or method is a different sweep', () => {
    const a = resolveGrid(grid()).identity;
    expect(resolveGrid(grid()).identity).toEqual(a);
    expect(resolveGrid(grid({ seed: 2 })).identity).not.toEqual(a);
    expect(resolveGrid(grid({ fps: [1, 31] })).identity).not.toEqual(a);
    expect(resolveGrid(grid({ exact: true })).identity).not.toEqual(a);
    expect(a.archs[0]?.sha256).toMatch(/^[0-9a-f]{64}$/);
  });
  it('one spelling per file: ./x, x and the absolute path of x are the same config, in the units and the identity', () => {
    const plain = resolveGrid(grid());
    const spelled = resolveGrid(grid({ archFiles: [`./${DRAM}`, DRAM, resolve(DRAM)], traceFiles: [`./traces/../${TINY}`, TINY] }));
    expect(spelled.identity).toEqual(plain.identity);
    expect(spelled.units).toEqual(plain.units);
    expect(spelled.units.map((u) => [u.archFile, u.traceFile])).toEqual([[DRAM, TINY]]);
  });
  it('normalizes to a path relative to the working directory with forward slashes, or absolute outside it', () => {
    expect(normalizePath('./arch-configs//x.json')).toBe('arch-configs/x.json');
    expect(normalizePath(resolve('traces', 'a.json'))).toBe('traces/a.json');
    const outside = resolve('..', 'elsewhere', 'x.json');
    expect(normalizePath(outside)).toBe(outside.split(/[\\/]/).join('/'));
    expect(normalizePath('../elsewhere/x.json')).toBe(normalizePath(outside));
  });
});

describe('a bad grid is refused before any point runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-sweep-grid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  it.each([
    ['an empty rate list', grid({ fps: [] }), /no frame rates/],
    ['a negative rate', grid({ fps: [1, -30] }), /-30 is not a positive number/],
    ['a rate too low for integer picoseconds', grid({ fps: [1e-4] }), /below 0.001 fps/],
    ['an unknown policy', grid({ policies: ['self_refresh' as 'off'] }), /unknown DRAM idle policy "self_refresh"/],
    ['no configs', grid({ archFiles: [] }), /no architecture config/],
    ['no traces', grid({ traceFiles: [] }), /no trace/],
  ])('%s', (_name, g, message) => {
    expect(userError(() => resolveGrid(g)).message).toMatch(message);
  });
  it('suggests the nearest policy', () => {
    expect(userError(() => resolveGrid(grid({ policies: ['self_refresh' as 'off'] }))).details.suggestion).toMatch(/did you mean self-refresh/);
  });
  it('a config whose CBUF cannot hold a layer of the trace is refused while resolving, naming config, trace and key', () => {
    // Schema-valid and buildable: only planning the convolution finds it (it used to surface in a worker after other units ran).
    // 3 banks of 64 B × 1 entry, below tiny-conv's first layer: its dense weights (4 kernels × 2 × 3 × 3 = 72 B; dense
    // layers are not compressed, so no bank is reserved for a weight mask) and 3 entries of input rows.
    const tiny = JSON.parse(readFileSync(DRAM, 'utf8')) as { nvdla: Record<string, unknown> };
    tiny.nvdla.cbufBanks = 3;
    tiny.nvdla.cbufBankDepth = 1;
    const file = join(dir, 'tiny-cbuf.json');
    writeFileSync(file, JSON.stringify(tiny));
    const e = userError(() => resolveGrid(grid({ archFiles: [ENVM, file] })));
    expect(e.message).toBe(`${file} on ${TINY}: layer conv_a does not fit in CBUF: one kernel group (72 B) and 3 entries of input rows need more than 3 banks of 64 B`);
    expect(e.details).toMatchObject({ file, jsonPath: '/nvdla/cbufBanks', suggestion: 'increase cbufBanks or cbufBankDepth' });
  });
  it('a config without eNVM figures for its bits per cell (STT at 2) is refused while resolving', () => {
    const stt = JSON.parse(readFileSync('arch-configs/maxnvm-rram-safe-csr4.json', 'utf8')) as { envm: { technology: string } };
    stt.envm.technology = 'STT';
    const file = join(dir, 'stt.json');
    writeFileSync(file, JSON.stringify(stt));
    const e = userError(() => resolveGrid(grid({ archFiles: [ENVM, file] })));
    expect(e.message).toMatch(/no readLatency_ns figure for STT at 2 bit\(s\) per cell/);
    expect(e.details.file).toBe(file);
  });
  it('a system that merely cannot run the trace is not an error while resolving (its unit reports it infeasible)', () => {
    const small = JSON.parse(readFileSync('arch-configs/maxnvm-rram-1bpc-dense.json', 'utf8')) as { sram: { capacity_B: number } };
    small.sram.capacity_B = 64;
    const file = join(dir, 'small.json');
    writeFileSync(file, JSON.stringify(small));
    expect(resolveGrid(grid({ archFiles: [file] })).units).toHaveLength(1);
  });
  it('a config that fails validation names its file and the key', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ name: 'x', placement: { weights: 'dram', activations: 'dram' }, nvdla: { clock_GHz: -1 }, dram: {} }));
    const e = userError(() => resolveGrid(grid({ archFiles: [DRAM, bad] })));
    expect(e.details.file).toBe(bad);
    expect(e.details.jsonPath).toBe('/nvdla/clock_GHz');
  });
});

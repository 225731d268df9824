import { reasonOf } from '../../../src/system/measurement.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userErrorOf } from '../sizing/helpers.js';
import { afterAll, describe, expect, it } from 'vitest';
import { configKey, settableKeys } from '../../../src/system/sweep/design/config-keys.js';
import { designName, designSets } from '../../../src/system/sweep/design/designs.js';
import { loadGridFile } from '../../../src/system/sweep/design/grid-file.js';
import { parseSetFlag } from '../../../src/system/sweep/design/set-values.js';
import { resolveGrid, type SweepGrid } from '../../../src/system/sweep/grid.js';
import { runSweepUnits } from '../../../src/system/sweep/run-sweep.js';

const DRAM = 'arch-configs/nvdla-full-lpddr4.json';
const RRAM = 'arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json';
const TINY = 'traces/tiny-conv.json';
const dir = mkdtempSync(join(tmpdir(), 'maxnvm-design-grid-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const userError = userErrorOf;

describe('--set KEY=VALUES: lists and ranges', () => {
  it('a list, read as the key type says', () => {
    expect(parseSetFlag('nvdla.macAtomicK=8,16,32')).toEqual({ key: 'nvdla.macAtomicK', values: [8, 16, 32] });
    expect(parseSetFlag('nvdla.winograd=true,false').values).toEqual([true, false]);
    expect(parseSetFlag('dram.idlePolicy=off,best').values).toEqual(['off', 'best']);
    // A string key keeps digits as text; an integer-or-"stored" key reads numbers and the word.
    expect(parseSetFlag('envm.capacity_cells=stored,1000000').values).toEqual(['stored', 1000000]);
  });
  it('a linear range a:b:n includes both ends, rounded to 12 significant digits', () => {
    expect(parseSetFlag('memoryPort.peakBandwidth_GBps=5:20:4').values).toEqual([5, 10, 15, 20]);
    expect(parseSetFlag('nvdla.clock_GHz=0.1:0.3:3').values).toEqual([0.1, 0.2, 0.3]);
  });
  it('a log range log:a:b:n, rounded to 6 significant digits', () => {
    expect(parseSetFlag('nvdla.macAtomicK=log:8:128:5').values).toEqual([8, 16, 32, 64, 128]);
    expect(parseSetFlag('memoryPort.peakBandwidth_GBps=log:1:100:3').values).toEqual([1, 10, 100]);
  });
  it('an integer key refuses a range that gives fractions, naming the first', () => {
    expect(parseSetFlag('nvdla.macAtomicK=8:32:4').values).toEqual([8, 16, 24, 32]);
    expect(userError(() => parseSetFlag('nvdla.macAtomicK=1:2:3')).message).toMatch(/takes whole numbers, and the range gives 1.5/);
  });
  const bad: [string, RegExp][] = [
    ['nvdla.macAtomicK', /expected KEY=VALUES/],
    ['nvdla.macAtomicK=', /no values/],
    ['nvdla.macAtomicK=8,,16', /empty value/],
    ['nvdla.macAtomicK=8,8', /given twice/],
    ['nvdla.macAtomicK=32:8:3', /start must be below the end/],
    ['nvdla.macAtomicK=8:32:1', /count must be a whole number >= 2/],
    ['nvdla.macAtomicK=log:0:32:3', /log range needs a start > 0/],
    ['nvdla.macAtomicK=8:x:3', /not three numbers/],
  ];
  for (const [text, re] of bad) it(`refuses ${JSON.stringify(text)}`, () => expect(userError(() => parseSetFlag(text)).message).toMatch(re));
});

describe('every key and value is checked against the config schema', () => {
  it('a misspelled key: exit-2 error with the closest key by edit distance', () => {
    const e = userError(() => parseSetFlag('nvdla.macAtomcK=8'));
    expect(e.message).toBe('--set nvdla.macAtomcK: unknown config key "nvdla.macAtomcK"');
    expect(e.details.suggestion).toBe('did you mean nvdla.macAtomicK?');
    expect(userError(() => parseSetFlag('memoryPort.peakBandwith_GBps=5')).details.suggestion).toBe('did you mean memoryPort.peakBandwidth_GBps?');
    // A wrong section with a right key name: the one key of that name.
    expect(userError(() => parseSetFlag('nvdl.macAtomicK=8')).details.suggestion).toBe('did you mean nvdla.macAtomicK?');
  });
  it('a section is not a key', () => {
    expect(userError(() => configKey('nvdla', '--set nvdla')).message).toMatch(/is a config section, not a key/);
  });
  it('a value of the wrong type or out of range names the key, the value and what is expected', () => {
    const t = userError(() => parseSetFlag('nvdla.macAtomicK=abc'));
    expect(t.message).toMatch(/"abc" is not a value of nvdla.macAtomicK/);
    expect(t.details.expected).toBe('integer from 1 to 4096');
    const r = userError(() => parseSetFlag('nvdla.macAtomicK=0,8'));
    expect(r.message).toBe('--set nvdla.macAtomicK: nvdla.macAtomicK = 0 is not a valid value');
    expect(r.details.expected).toMatch(/must be >= 1/);
    const f = userError(() => parseSetFlag('nvdla.macAtomicK=8.5'));
    expect(f.details.expected).toMatch(/must be integer/);
    const en = userError(() => parseSetFlag('dram.idlePolicy=self-refrsh'));
    expect(en.details.suggestion).toBe('did you mean "self-refresh"?');
  });
  it('settable keys are the scalar leaves of the schema (no name, no arrays)', () => {
    const keys = settableKeys();
    expect(keys).toContain('nvdla.macAtomicK');
    expect(keys).toContain('weightStorage.ecc.dataBits');
    expect(keys).not.toContain('name');
    expect(keys).not.toContain('envm.overrides');
  });
});

describe('designs: the cartesian product of the axes', () => {
  it('first axis outermost, named by their keys', () => {
    const sets = designSets([
      { key: 'a.x', values: [1, 2] },
      { key: 'b.y', values: ['p', 'q', 'r'] },
    ]);
    expect(sets).toEqual([
      { 'a.x': 1, 'b.y': 'p' }, { 'a.x': 1, 'b.y': 'q' }, { 'a.x': 1, 'b.y': 'r' },
      { 'a.x': 2, 'b.y': 'p' }, { 'a.x': 2, 'b.y': 'q' }, { 'a.x': 2, 'b.y': 'r' },
    ]);
    expect(designSets([])).toEqual([{}]);
    expect(designName('base', { 'a.x': 1, 'b.y': 'p' })).toBe('base a.x=1 b.y=p');
  });
  it('units: configs × designs × traces × policies, each carrying its keys', () => {
    const grid: SweepGrid = { archFiles: [DRAM], traceFiles: [TINY], fps: [1], seed: 1, policies: ['off', 'best'], set: [parseSetFlag('nvdla.macAtomicK=8,16,32'), parseSetFlag('memoryPort.latency_ns=10,50')] };
    const r = resolveGrid(grid);
    expect(r.units).toHaveLength(3 * 2 * 2);
    expect(r.units[0]).toMatchObject({ set: { 'nvdla.macAtomicK': 8, 'memoryPort.latency_ns': 10 }, policy: 'off' });
    expect(r.units[3]).toMatchObject({ set: { 'nvdla.macAtomicK': 8, 'memoryPort.latency_ns': 50 }, policy: 'best' });
    expect(r.identity.designs).toHaveLength(6);
    expect(r.identity.designs?.[0]).toMatchObject({ name: 'nvdla-full-lpddr4 nvdla.macAtomicK=8 memoryPort.latency_ns=10' });
  });
  it('--policies and --set dram.idlePolicy together are refused', () => {
    expect(userError(() => resolveGrid({ archFiles: [DRAM], traceFiles: [TINY], fps: [1], seed: 1, policies: ['off'], set: [parseSetFlag('dram.idlePolicy=off,best')] })).message).toMatch(/--policies already sweeps/);
  });
  it('a key of a section the config does not use, in every design: exit 2, not a grid of rejected rows', () => {
    expect(userError(() => resolveGrid({ archFiles: [DRAM], traceFiles: [TINY], fps: [1], seed: 1, set: [parseSetFlag('envm.banks=2,4')] })).message).toMatch(/every design of the grid is rejected; the first: config rejected: section "envm" is not used/);
  });
});

describe('rejected combinations are rows with their reason, never numbers', () => {
  it('config rules and builds that fail give infeasible rows; the other designs run', async () => {
    // stripeMin 16 with stripeMax 16 breaks stripeMax >= 2 × stripeMin − 1; 3 CBUF banks of depth 1 cannot hold tiny-conv's first layer.
    const set = ['nvdla.stripeMin=8,16', 'nvdla.stripeMax=16,32', 'nvdla.cbufBanks=3', 'nvdla.cbufBankDepth=1,512'].map(parseSetFlag);
    const grid: SweepGrid = { archFiles: [DRAM, RRAM], traceFiles: [TINY], fps: [1, 10], seed: 1, set };
    const out = await runSweepUnits(grid, { workers: 0 });
    const rows = out.rows.filter((r) => r.archFile === DRAM);
    expect(rows).toHaveLength(8 * 2);
    const rejected = rows.filter((r) => r.set?.['nvdla.stripeMin'] === 16 && r.set['nvdla.stripeMax'] === 16);
    expect(rejected).toHaveLength(4);
    for (const r of rejected) {
      expect(r).toMatchObject({ feasible: false, area_mm2: null, latency_s: null });
      expect(r).not.toHaveProperty('power_W');
      expect(reasonOf(r)).toMatch(/^config rejected: stripeMax 16 is below 2 × stripeMin − 1 = 31/);
    }
    const noCbuf = rows.filter((r) => r.set?.['nvdla.cbufBankDepth'] === 1 && !rejected.includes(r));
    expect(noCbuf.length).toBeGreaterThan(0);
    for (const r of noCbuf) expect(reasonOf(r)).toMatch(/does not fit in CBUF/);
    const ok = rows.filter((r) => r.feasible);
    expect(ok).toHaveLength(rows.length - rejected.length - noCbuf.length);
    for (const r of ok) expect(r.energy_J).toBeGreaterThan(0);
    // Each unit records the config it ran, with the keys set and every default filled in.
    const unit = out.units.find((u) => u.unit.set?.['nvdla.cbufBankDepth'] === 512 && u.unit.archFile === DRAM);
    expect(unit?.config?.nvdla.cbufBankDepth).toBe(512);
    expect(unit?.config?.nvdla.macAtomicC).toBeGreaterThan(0);
  });
});

describe('grid files', () => {
  it('lists and ranges, paths relative to the file', () => {
    const file = join(dir, 'grid.json');
    writeFileSync(file, JSON.stringify({ arch: [join(process.cwd(), DRAM)], set: { 'nvdla.macAtomicK': [8, 16], 'memoryPort.peakBandwidth_GBps': { from: 5, to: 20, count: 2, scale: 'log' } } }));
    const g = loadGridFile(file);
    expect(g.set).toEqual([
      { key: 'nvdla.macAtomicK', values: [8, 16] },
      { key: 'memoryPort.peakBandwidth_GBps', values: [5, 20] },
    ]);
    expect(g.arch).toEqual([join(process.cwd(), DRAM)]);
    writeFileSync(file, JSON.stringify({ arch: ['x.json'], set: { 'nvdla.macAtomicK': [8] } }));
    expect(loadGridFile(file).arch).toEqual([join(dir, 'x.json')]);
  });
  it('a misspelled key in the file names the file and the key, with a suggestion', () => {
    const file = join(dir, 'bad-grid.json');
    writeFileSync(file, JSON.stringify({ set: { 'nvdla.macAtomikK': [8] } }));
    const e = userError(() => loadGridFile(file));
    expect(e.details).toMatchObject({ file, jsonPath: '/set/nvdla.macAtomikK', suggestion: 'did you mean nvdla.macAtomicK?' });
    writeFileSync(file, JSON.stringify({ set: { 'nvdla.macAtomicK': { from: 8, to: 32 } } }));
    expect(userError(() => loadGridFile(file)).details.file).toBe(file);
    writeFileSync(file, JSON.stringify({ sett: {} }));
    expect(userError(() => loadGridFile(file)).message).toMatch(/unknown key "sett"/);
  });
});

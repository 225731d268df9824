import { basename, join } from 'node:path';
import { tmpdir } from 'node:os';
import { describe, expect, it } from 'vitest';
import { loadArchConfig, resolveArchConfig } from '../../../src/config/arch-config.js';
import { resolveArchFile, shippedArchNames, SHIPPED_ARCH_DIR } from '../../../src/config/shipped-configs.js';
import { nvdlaBuildDefaults, type NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import { checkNvdlaParams } from '../../../src/hw/nvdla/params.js';
import { validateStorageChoice } from '../../../src/storage/choice-schema.js';
import { simulate } from '../../../src/system/simulate.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { baselinePolicyCaption, dramPolicyLabel } from '../../../src/report/dram-policy-label.js';
import { parseSeed, seedOption } from '../../../src/cli/seed-option.js';
import yargs, { type Argv } from 'yargs';
import { cli } from '../../integration/helpers.js';
import { json, thrown } from './helpers.js';
import { commands } from '../../../src/cli/commands/index.js';
import { baselineRows } from '../../../src/cli/commands/main.js';

/** Issue 11 item 4: config friction, one test per fix. */


describe('a dense weightStorage needs neither clustered nor bitsPerCell', () => {
  it('takes clustered false and bitsPerCell {} when omitted', () => {
    const c = validateStorageChoice({ label: 'dense 1b', encoding: 'dense', defaultBitsPerCell: 1 }, 'x.json', '/weightStorage');
    expect(c.clustered).toBe(false);
    expect(c.bitsPerCell).toEqual({});
  });
  it('a shipped dense config without them loads the same as with them', () => {
    const data = json('arch-configs/maxnvm-rram-1bpc-dense.json');
    const { clustered: _c, bitsPerCell: _b, ...rest } = data.weightStorage as Record<string, unknown>;
    const short = resolveArchConfig({ ...data, weightStorage: rest }, 'short.json');
    expect(short.weightStorage).toEqual(loadArchConfig('arch-configs/maxnvm-rram-1bpc-dense.json').weightStorage);
  });
  it('a sparse encoding still has to say whether it is clustered', () => {
    const e = thrown(() => validateStorageChoice({ label: 'b', encoding: 'bitmask', defaultBitsPerCell: 2 }, 'x.json', '/weightStorage'));
    expect(e.message).toMatch(/clustered/);
    expect(e.details.file).toBe('x.json');
  });
});

describe('dense storage has no sparse decode unit', () => {
  const trace = loadTrace('traces/tiny-conv.json');
  const run = (file: string) => simulate(loadArchConfig(file), trace, { fps: [], frames: 1, seed: 1 });
  it('dense, unclustered: no decode area and no decode energy', () => {
    const r = run('arch-configs/maxnvm-rram-1bpc-dense.json');
    if (!r.feasible) throw new Error(r.reason);
    expect(r.areaByComponent_mm2.sparseDecode).toBeUndefined();
    expect(r.inference.energyByTerm_J.weightPath?.decode ?? 0).toBe(0);
  });
  it('bitmask: the decode unit is charged (0.02 mm², the weightPath default)', () => {
    const r = run('arch-configs/maxnvm-rram-1bpc-bitmask.json');
    if (!r.feasible) throw new Error(r.reason);
    expect(r.areaByComponent_mm2.sparseDecode).toBe(0.02);
    expect(r.inference.energyByTerm_J.weightPath?.decode ?? 0).toBeGreaterThan(0);
  });
});

describe('CBUF bank width must match the MAC array (entry = atomic-C bytes)', () => {
  const full = nvdlaBuildDefaults('nv_full') as NvdlaParams;
  it('the shipped builds pass (nv_full 64/64, nv_small 8/8)', () => {
    expect(() => checkNvdlaParams(full)).not.toThrow();
    expect(() => checkNvdlaParams(nvdlaBuildDefaults('nv_small') as NvdlaParams)).not.toThrow();
  });
  it('a 32-byte entry with atomic-C 64 is refused, naming the key and the fix', () => {
    const e = thrown(() => checkNvdlaParams({ ...full, cbufBankWidth_B: 32 }, 'cfg.json'));
    expect(e.details.jsonPath).toBe('/nvdla/cbufBankWidth_B');
    expect(e.details.file).toBe('cfg.json');
    expect(e.message).toMatch(/32 B .*macAtomicC = 64/);
    expect(e.details.suggestion).toMatch(/"cbufBankWidth_B": 64/);
  });
  it('refused in a config file too', () => {
    const data = json('arch-configs/nvdla-full-lpddr4.json');
    const e = thrown(() => resolveArchConfig({ ...data, nvdla: { build: 'nv_full', macAtomicC: 32 } }, 'mine.json'));
    expect(e.details.jsonPath).toBe('/nvdla/cbufBankWidth_B');
  });
});

describe('shipped configs by name', () => {
  it('a bare name resolves to arch-configs/NAME.json', () => {
    expect(resolveArchFile('nvdla-full-lpddr4')).toBe(join(SHIPPED_ARCH_DIR, 'nvdla-full-lpddr4.json'));
    expect(loadArchConfig('nvdla-small-lpddr4').name).toBe('nvdla-small-lpddr4');
  });
  it('a path is left alone, and an existing file wins over a shipped name', () => {
    expect(resolveArchFile('arch-configs/nvdla-full-lpddr4.json')).toBe('arch-configs/nvdla-full-lpddr4.json');
    expect(resolveArchFile('README.md')).toBe('README.md');
  });
  it('an unknown name lists the shipped names and suggests the nearest', () => {
    const e = thrown(() => resolveArchFile('nvdla-ful-lpddr4'));
    for (const n of shippedArchNames()) expect(e.details.expected).toContain(n);
    expect(e.details.suggestion).toBe('did you mean nvdla-full-lpddr4?');
  });
  it('the CLI takes a name (and its table names the DRAM idle policy), and exits 2 on an unknown one', async () => {
    const ok = await cli('simulate', '--arch', 'nvdla-small-lpddr4', '--trace', 'traces/tiny-conv.json', '--fps', '1');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('DRAM idle policy: power-down');
    const bad = await cli('simulate', '--arch', 'no-such-system', '--trace', 'traces/tiny-conv.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('nvdla-full-lpddr4');
  }, 240_000); // two CLI processes: slow on a loaded machine
});

describe('--seed is one type in every command', () => {
  it('declared as a number with default 1', () => {
    expect(seedOption('x')).toMatchObject({ type: 'number', default: 1 });
    expect(parseSeed(7)).toBe(7);
    expect(parseSeed(undefined)).toBe(1);
    expect(() => parseSeed(Number.NaN)).toThrow(/not a number/);
    expect(() => parseSeed(1.5)).toThrow(/whole number/);
  });
  it('every command that takes --seed declares it as a number with default 1', async () => {
    const withSeed = commands.filter((c) => c.flags.includes('seed'));
    expect(withSeed.map((c) => c.name).sort()).toEqual(['faults', 'simulate', 'size', 'sweep']);
    for (const c of withSeed) {
      const y = yargs([]);
      ((await c.load())({ stdout: { write: () => true }, stderr: { write: () => true } }).builder as (y: Argv) => Argv)(y);
      // getOptions() is yargs' own (untyped) record of what the builder declared.
      const o = (y as unknown as { getOptions(): { number: string[]; string: string[]; default: Record<string, unknown> } }).getOptions();
      expect(o.number, c.name).toContain('seed');
      expect(o.string, c.name).not.toContain('seed');
      expect(o.default.seed, c.name).toBe(1);
    }
  });
});

describe('the DRAM idle policy is named in tables', () => {
  it('labels', () => {
    expect(dramPolicyLabel('power-down')).toBe('power-down');
    expect(dramPolicyLabel('-')).toBe('no DRAM');
    expect(dramPolicyLabel(undefined)).toBe('no DRAM');
    expect(baselinePolicyCaption('nvdla-full-lpddr4', 'best')).toBe('baseline nvdla-full-lpddr4, DRAM idle policy: best');
  });
  it('the baselines table has a DRAM policy column, and "infeasible" fits the power column', () => {
    const config = loadArchConfig('nvdla-small-lpddr4');
    const r = simulate(config, loadTrace('traces/tiny-conv.json'), { fps: [1, 1e6], frames: 2, seed: 1 });
    const rows = baselineRows(r, 64, config.dram?.idlePolicy);
    expect(rows[0]?.[1]).toBe('power-down');
    expect(rows[1]?.slice(5)).toEqual(['1000000', 'infeasible', '-']);
    // No cell is wider than "infeasible" beyond the numbers it sits among.
    expect(Math.max(...rows.flat().map((c) => c.length))).toBeLessThanOrEqual('nvdla-small-lpddr4'.length);
  });
});

describe('tests leave nothing in the OS temp directory', () => {
  it('temporary folders go into the run folder that test/global-setup.ts removes', () => {
    const runDir = process.env.MAXNVM_TEST_RUN_TMPDIR;
    expect(runDir).toBeDefined();
    expect(tmpdir()).toBe(runDir);
    expect(basename(runDir ?? '')).toMatch(/^maxnvm-test-run-/);
  });
});

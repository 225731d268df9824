import { reasonOf } from '../../../src/system/measurement.js';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { resolveGrid, type SweepGrid } from '../../../src/system/sweep/grid.js';
import { runSweep, runSweepUnits } from '../../../src/system/sweep/run-sweep.js';
import { runUnit } from '../../../src/system/sweep/run-unit.js';
import { codeHash } from '../../../src/system/sweep/source-hash.js';
import { loadSweepRows, MANIFEST_FILE, SWEEP_CSV, SWEEP_JSON } from '../../../src/system/sweep/sweep-folder.js';
import { loadArchConfig } from '../../../src/config/arch-config.js';

const GRID: SweepGrid = {
  archFiles: ['arch-configs/nvdla-full-lpddr4.json', 'arch-configs/maxnvm-rram-2bpc-bitmask-slc-metadata.json'],
  traceFiles: ['traces/tiny-conv.json'],
  // 1e7 fps (100 ns) is above both systems' maximum (one inference takes about 0.3 µs).
  fps: [0.5, 30, 1e4, 1e7],
  policies: ['self-refresh', 'off'],
  seed: 1,
};
const base = mkdtempSync(join(tmpdir(), 'maxnvm-sweep-run-'));
afterAll(() => rmSync(base, { recursive: true, force: true }));
const outDir = (name: string): string => join(base, name);
const files = (dir: string): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const f of [MANIFEST_FILE, SWEEP_JSON, SWEEP_CSV]) out[f] = readFileSync(join(dir, f), 'utf8');
  for (const f of readdirSync(join(dir, 'units'))) out[`units/${f}`] = readFileSync(join(dir, 'units', f), 'utf8');
  return out;
};

describe('sweep outputs', () => {
  it('one row per point in grid order; files identical whatever the number of workers (0 = this thread, 2 threads)', async () => {
    const rows = await runSweep(GRID, { out: outDir('w0'), workers: 0 });
    await runSweep(GRID, { out: outDir('w2'), workers: 2 });
    // 2 policies on the DRAM system + 1 unit for the eNVM system, 4 rates each.
    expect(rows).toHaveLength(12);
    expect(rows.map((r) => `${r.system}/${r.dramPolicy}/${r.fps}`).slice(0, 5)).toEqual([
      'nvdla-full-lpddr4/self-refresh/0.5',
      'nvdla-full-lpddr4/self-refresh/30',
      'nvdla-full-lpddr4/self-refresh/10000',
      'nvdla-full-lpddr4/self-refresh/10000000',
      'nvdla-full-lpddr4/off/0.5',
    ]);
    expect(files(outDir('w2'))).toEqual(files(outDir('w0')));
    expect(loadSweepRows(outDir('w2'))).toEqual(rows);
    // Power is energy per period over the period.
    for (const r of rows.filter((x) => x.feasible)) expect(r.power_W).toBeCloseTo((r.energy_J as number) / r.period_s, 12);
  });

  it('background energy by power state: per device at most its energy, leakage × time for the core, a constant power per DRAM state', async () => {
    // The first test's sweep, when it ran.
    const rows = existsSync(join(outDir('w0'), SWEEP_JSON)) ? loadSweepRows(outDir('w0')) : await runSweep(GRID, { workers: 0 });
    const nvdla = loadArchConfig('arch-configs/nvdla-full-lpddr4.json').nvdla;
    const dramStatePower_W = new Map<string, number>();
    for (const r of rows) {
      if (!r.feasible) continue;
      expect(Object.keys(r.stateEnergy_J).sort()).toEqual(Object.keys(r.residency_s).sort());
      const byDevice = new Map<string, number>();
      for (const [device, states] of Object.entries(r.stateEnergy_J)) {
        for (const e of Object.values(states)) {
          expect(e).toBeGreaterThanOrEqual(0);
          byDevice.set(device, (byDevice.get(device) ?? 0) + e);
        }
      }
      for (const [device, e] of byDevice) expect(e).toBeLessThanOrEqual((r.energyByComponent_J[device] ?? 0) * (1 + 1e-12));
      // The core's domain leaks leakage_mW less its always-on control while on, gatedLeakageFraction of that while
      // gated (src/hw/nvdla/core.ts); the control leaks all the time in the control domain.
      const domain_W = (nvdla.leakage_mW - nvdla.controlLeakage_mW) * 1e-3;
      expect(r.stateEnergy_J.nvdla?.on).toBeCloseTo(domain_W * (r.residency_s.nvdla?.on as number), 15);
      expect(r.stateEnergy_J.nvdla?.gated).toBeCloseTo(nvdla.gatedLeakageFraction * domain_W * (r.residency_s.nvdla?.gated as number), 15);
      // Always on: the whole period, up to the composition's 1 ns wake-up tolerance.
      expect(Math.abs((r.residency_s.controlDomain?.on as number) - r.period_s)).toBeLessThanOrEqual(2e-9);
      // An LPDDR4 state draws the same background power at every rate and policy (energy over mean-per-channel time).
      for (const [state, e] of Object.entries(r.stateEnergy_J.dram ?? {})) {
        const k = `dram.${state}`;
        const t = r.residency_s.dram?.[state] as number;
        if (t < 1e-6) continue;
        const seen = dramStatePower_W.get(k);
        if (seen === undefined) dramStatePower_W.set(k, e / t);
        else expect(Math.abs(e / t - seen), `${k} @ ${r.dramPolicy} ${r.fps} fps`).toBeLessThanOrEqual(1e-9 * seen);
      }
    }
    // self-refresh and off both appear at 0.5 fps; off draws no background.
    expect(dramStatePower_W.get('dram.self_refresh')).toBeGreaterThan(0);
    expect(dramStatePower_W.get('dram.off')).toBe(0);
    for (const r of rows.filter((x) => !x.feasible)) expect(r).not.toHaveProperty('stateEnergy_J');
  });

  it('a config whose CBUF cannot hold a layer is refused before any unit runs, with nothing written (2 workers)', async () => {
    const config = JSON.parse(readFileSync('arch-configs/nvdla-full-lpddr4.json', 'utf8')) as { name: string; nvdla: Record<string, unknown> };
    config.name = 'tiny-cbuf';
    config.nvdla.cbufBanks = 3;
    config.nvdla.cbufBankDepth = 1;
    const file = join(base, 'tiny-cbuf.json');
    writeFileSync(file, JSON.stringify(config));
    const out = outDir('refused');
    let ran = 0;
    // The bad config comes last: its units would have run after the good ones.
    const attempt = runSweep({ ...GRID, archFiles: [...GRID.archFiles, file] }, { out, workers: 2, onUnitDone: () => ran++ });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/tiny-cbuf\.json on traces\/tiny-conv\.json: layer conv_a does not fit in CBUF/);
    expect(ran).toBe(0);
    expect(existsSync(out)).toBe(false);
  });

  it('an infeasible rate is reported with its reason and not computed', async () => {
    const g = resolveGrid(GRID);
    const r = runUnit(g.units[0]!, g.fps, { seed: 1, exact: false });
    const over = r.rows.find((x) => x.fps === 1e7)!;
    expect(over.feasible).toBe(false);
    expect(reasonOf(over)).toMatch(/infeasible at 10000000 fps: one inference takes .* but the frame period is 100\.0 ns/);
    expect(over).not.toHaveProperty('power_W');
    expect(over).not.toHaveProperty('energy_J');
    expect(over.maxFps).toBeLessThan(1e7);
    expect(r.work.pointsComputed).toBe(3);
  });

  it('a system that cannot run the trace at all: every rate infeasible with the reason, no maximum rate', () => {
    const small = JSON.parse(readFileSync('arch-configs/maxnvm-rram-1bpc-dense.json', 'utf8')) as { name: string; sram: { capacity_B: number } };
    small.name = 'sram-too-small';
    small.sram.capacity_B = 64; // the tiny trace's live activations need hundreds of bytes
    const file = join(base, 'small.json');
    writeFileSync(file, JSON.stringify(small));
    const g = resolveGrid({ ...GRID, archFiles: [file] });
    const r = runUnit(g.units[0]!, g.fps, { seed: 1, exact: false });
    expect(r.system.feasible).toBe(false);
    expect(r.system.maxFps).toBe(0);
    expect(r.work.pointsComputed).toBe(0);
    for (const row of r.rows) {
      expect(row.feasible).toBe(false);
      expect(reasonOf(row)).toBe(reasonOf(r.system));
      expect(row.latency_s).toBeNull();
      expect(row.area_mm2).toBeGreaterThan(0);
    }
    expect(reasonOf(r.system)).toMatch(/SRAM|sram|activation/);
  });

  it('--exact replays each feasible point and skips the infeasible one', async () => {
    const g = resolveGrid({ ...GRID, exact: true, policies: ['off'] });
    const r = runUnit(g.units[0]!, g.fps, { seed: 1, exact: true });
    expect(r.work.framesReplayed).toBe(3 * 3);
    expect(r.work.gapsMeasured).toBe(0);
    expect(r.rows.map((x) => x.feasible)).toEqual([true, true, true, false]);
  });
});

describe('resume', () => {
  it('an interrupted sweep resumes without recomputing finished units and ends with the same files', async () => {
    const whole = outDir('whole');
    await runSweep(GRID, { out: whole, workers: 0 });
    const cut = outDir('cut');
    // Interrupt after the first unit is written: what a kill between units leaves.
    await expect(
      runSweep(GRID, {
        out: cut,
        workers: 0,
        onUnitDone: (done) => {
          if (done === 1) throw new Error('killed');
        },
      }),
    ).rejects.toThrow('killed');
    expect(readdirSync(join(cut, 'units'))).toHaveLength(1);
    expect(existsSync(join(cut, SWEEP_CSV))).toBe(false);
    const resumed = await runSweepUnits(GRID, { out: cut, workers: 2 });
    expect(resumed.resumed).toBe(1);
    expect(files(cut)).toEqual(files(whole));
  });

  it('a folder holding a different sweep is refused before any point runs', async () => {
    const dir = outDir('other');
    await runSweep({ ...GRID, fps: [1] }, { out: dir, workers: 0 });
    const before = files(dir);
    let ran = 0;
    const attempt = runSweep(GRID, { out: dir, workers: 0, onUnitDone: () => ran++ });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/output folder holds a different sweep \("fps" differs\)/);
    expect(ran).toBe(0);
    expect(files(dir)).toEqual(before);
  });

  it('the manifest holds the hash of the code; a folder written by other code (same version) is refused', async () => {
    const dir = outDir('other-code');
    await runSweep({ ...GRID, fps: [1] }, { out: dir, workers: 0 });
    const file = join(dir, MANIFEST_FILE);
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { code_sha256: string };
    // This process's hash of src/ (source-hash.test.ts checks it against the tree).
    expect(manifest.code_sha256).toBe(codeHash());
    expect(manifest.code_sha256).toMatch(/^[0-9a-f]{64}$/);
    // What a checkout with one edited source file would have written.
    writeFileSync(file, JSON.stringify({ ...manifest, code_sha256: '0'.repeat(64) }));
    const attempt = runSweep({ ...GRID, fps: [1] }, { out: dir, workers: 0 });
    await expect(attempt).rejects.toThrow(UserError);
    await expect(attempt).rejects.toThrow(/output folder holds a different sweep \("code_sha256" differs\)/);
  });

  it('a non-empty folder that holds no sweep is refused', async () => {
    const dir = outDir('busy');
    mkdirSync(dir);
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    await expect(runSweep(GRID, { out: dir, workers: 0 })).rejects.toThrow(/is not empty and holds no sweep/);
  });
});

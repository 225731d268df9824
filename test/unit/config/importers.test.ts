import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadArchConfig, resolveArchConfig } from '../../../src/config/arch-config.js';
import { envmFragment } from '../../../src/config/import/envm-figures.js';
import { parseMemspec } from '../../../src/config/import/memspec.js';
import { chooseRows, parseNvmexplorerCsv } from '../../../src/config/import/nvmexplorer-csv.js';
import { parseNvsimResults } from '../../../src/config/import/nvsim-results.js';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import { simulate } from '../../../src/system/simulate.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { cli } from '../../integration/helpers.js';
import { json, thrown } from './helpers.js';

/**
 * Importers round-trip their example files (test/fixtures/import/, README there cites each format):
 * file → config fragment → loaded config → the simulated array or DRAM has the file's figures,
 * units converted by hand below.
 */

const FIX = resolve('test/fixtures/import');
const text = (f: string): string => readFileSync(join(FIX, f), 'utf8');
/** A config in its own folder next to copies of `files`, so relative paths are tested. */
function configBeside(files: string[], edit: (cfg: Record<string, unknown>) => Record<string, unknown>, base: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-import-'));
  for (const f of files) copyFileSync(join(FIX, f), join(dir, f));
  const file = join(dir, 'system.json');
  const { $schema: _s, ...cfg } = json(base);
  writeFileSync(file, JSON.stringify(edit(cfg)));
  return file;
}
const ENVM_BASE = 'arch-configs/maxnvm-rram-2bpc-csr4-ecc-idxsync.json';

describe('NVSim result output', () => {
  it('MLC fork, 2 bits per cell, 1MB: hand-converted figures', () => {
    const a = parseNvsimResults(text('nvsim-mlc-rram-2bpc-1mb.txt'), 'f.txt');
    // "Number of Levels per Cell: 4.000" → 2 bits; "Capacity : 1MB" → 1,048,576 B × 8 = 8,388,608 cells;
    // 864.700ps = 0.8647 ns; 4.607pJ; 3.432mW; 288099.000um^2 = 0.288099 mm².
    expect(a).toMatchObject({ technology: 'RRAM', bitsPerCell: 2, capacity_cells: 8_388_608, accessWidth_cells: 64 });
    expect([a.readLatency_ns, a.readEnergy_pJ_per_access, a.leakage_mW, a.area_mm2]).toEqual([0.8647, 4.607, 3.432, 0.288099]);
  });
  it('original NVSim, single-level, 128KB: ps, uW and um^2 converted', () => {
    const a = parseNvsimResults(text('nvsim-rram-slc-128kb.txt'), 'f.txt');
    expect(a).toMatchObject({ bitsPerCell: 1, capacity_cells: 1_048_576 });
    expect([a.readLatency_ns, a.readEnergy_pJ_per_access, a.leakage_mW, a.area_mm2]).toEqual([0.6669, 1.289, 0.4288, 0.030947]);
  });
  it('round trip: importFigures in a config → the simulated array reads the file\'s figures', () => {
    const file = configBeside(['nvsim-mlc-rram-2bpc-1mb.txt'], (c) => ({ ...c, envm: { importFigures: [{ nvsim: 'nvsim-mlc-rram-2bpc-1mb.txt' }], banks: 1 } }), ENVM_BASE);
    const config = loadArchConfig(file);
    expect(config.envm?.technology).toBe('RRAM');
    expect(config.envm?.overrides).toEqual([{ bitsPerCell: 2, capacity_cells: 8_388_608, readLatency_ns: 0.8647, readEnergy_pJ_per_access: 4.607, leakage_mW: 3.432, area_mm2: 0.288099 }]);
    const bank = new EnvmArray(config.envm!, new Map([[2, 8_388_608]])).subArray(2).perBank;
    expect(bank.readLatency_ns).toBe(0.8647);
    expect(bank.readEnergy_pJ_per_access).toBeCloseTo(4.607, 12);
    expect(bank.leakage_mW).toBe(3.432);
    expect(bank.area_mm2).toBe(0.288099);
  });
  it('a 128-cell word: the override holds energy per 64 cells and the array reads the file\'s energy per access', () => {
    const wide = text('nvsim-mlc-rram-2bpc-1mb.txt').replace('Data Width : 64Bits (8Bytes)', 'Data Width : 128Bits (16Bytes)');
    const fragment = envmFragment([parseNvsimResults(wide, 'wide.txt')], 'wide.txt');
    expect(fragment.accessWidth_cells).toBe(128);
    expect(fragment.overrides[0]?.readEnergy_pJ_per_access).toBeCloseTo(4.607 / 2, 12);
    const data = { ...json(ENVM_BASE), envm: { ...fragment, banks: 1 } };
    const config = resolveArchConfig(data, 'inline.json');
    expect(new EnvmArray(config.envm!, new Map([[2, 8_388_608]])).subArray(2).perBank.readEnergy_pJ_per_access).toBeCloseTo(4.607, 12);
  });
  it('refuses a cache design, an unmodelled cell and a cut file, naming the file', () => {
    const mlc = text('nvsim-mlc-rram-2bpc-1mb.txt');
    expect(thrown(() => parseNvsimResults(mlc.replace('Design Target: Random Access Memory', 'Design Target: Cache'), 'c.txt')).message).toMatch(/not a random-access memory/);
    const fefet = thrown(() => parseNvsimResults(mlc.replace('Multi-Level Cell RRAM (Memristor)', 'Multi-Level Cell FeFET'), 'c.txt'));
    expect(fefet.message).toMatch(/FeFET/);
    expect(fefet.details.file).toBe('c.txt');
    expect(thrown(() => parseNvsimResults(mlc.replace(/ - Leakage Power = .*\n/, ''), 'c.txt')).message).toMatch(/no " - Leakage Power =" line/);
    expect(thrown(() => parseNvsimResults(mlc.replace('3.432mW', '3.432 furlongs'), 'c.txt')).message).toMatch(/Leakage Power/);
  });
  it('a missing file named in a config: the config file and its JSON path', () => {
    const file = configBeside([], (c) => ({ ...c, envm: { importFigures: [{ nvsim: 'nowhere.txt' }] } }), ENVM_BASE);
    const e = thrown(() => loadArchConfig(file));
    expect(e.details.file).toBe(file);
    expect(e.details.jsonPath).toBe('/envm/importFigures/0');
    expect(e.message).toContain('nowhere.txt');
  });
});

describe('NVMExplorer result CSV', () => {
  const arrays = parseNvmexplorerCsv(text('nvmexplorer-rram-1bpc.csv'), 'n.csv');
  it('one array per distinct design; rows of -1 skipped', () => {
    expect(arrays.map((a) => a.rows)).toEqual([[1, 2], [4]]);
    // Capacity (MB) 2 → 2 × 1,048,576 × 8 = 16,777,216 cells; row 4 is the ReadEDP design.
    expect(arrays[1]).toMatchObject({ technology: 'RRAM', bitsPerCell: 1, capacity_cells: 16_777_216, accessWidth_cells: 64, readLatency_ns: 0.793, readEnergy_pJ_per_access: 6.178, leakage_mW: 11.98, area_mm2: 0.526 });
  });
  it('two designs of one array size need a choice of row', () => {
    const e = thrown(() => envmFragment(arrays, 'n.csv'));
    expect(e.message).toMatch(/row 4 \(ReadEDP.*row 1 \(WriteLatency/);
    expect(e.details.suggestion).toMatch(/--row/);
    expect(thrown(() => chooseRows(arrays, [3], 'n.csv')).message).toMatch(/row 3 .* not a valid result/);
  });
  it('round trip through a config with "rows"', () => {
    const file = configBeside(['nvmexplorer-rram-1bpc.csv'], (c) => ({ ...c, envm: { importFigures: [{ nvmexplorer: 'nvmexplorer-rram-1bpc.csv', rows: [1] }], banks: 1 } }), ENVM_BASE);
    const config = loadArchConfig(file);
    expect(config.envm?.overrides).toEqual([{ bitsPerCell: 1, capacity_cells: 16_777_216, readLatency_ns: 0.848789, readEnergy_pJ_per_access: 11.149, leakage_mW: 44.408, area_mm2: 0.638798437 }]);
    const bank = new EnvmArray(config.envm!, new Map([[1, 16_777_216]])).subArray(1).perBank;
    expect([bank.readLatency_ns, bank.leakage_mW, bank.area_mm2]).toEqual([0.848789, 44.408, 0.638798437]);
    expect(bank.readEnergy_pJ_per_access).toBeCloseTo(11.149, 12);
  });
  it('a CSV without the figure columns is refused naming the column', () => {
    expect(thrown(() => parseNvmexplorerCsv('MemCellType,Capacity (MB)\nmemristor,2\n', 'x.csv')).message).toMatch(/no column "WordWidth \(bit\)"/);
  });
});

describe('LPDDR4 memspec (DRAMSys, DRAMPower 6)', () => {
  const ref = json('reference/lpddr4-3200.json') as { timing_cycles: Record<string, number>; current_mA: Record<string, Record<string, number>>; voltage_V: Record<string, number> };
  it('DRAMSys JEDEC 8Gb LPDDR4-3200: the figures of reference/lpddr4-3200.json, in cycles, ns, mA and V', () => {
    const d = parseMemspec(json(join(FIX, 'dramsys-JEDEC_8Gb_LPDDR4-3200_16bit.json')), 'm.json');
    expect(d.section.tCK_ns).toBe(0.625); // 625e-12 s
    for (const [k, v] of Object.entries({ RCD: 'tRCD_cycles', RPab: 'tRPab_cycles', RFCab: 'tRFCab_cycles', REFI: 'tREFI_cycles', XSR: 'tXSR_cycles', RL: 'RL_cycles', WL: 'WL_cycles' })) {
      expect(d.section[v], v).toBe(ref.timing_cycles[k]);
    }
    for (const state of ['idd0', 'idd2n', 'idd3n', 'idd4r', 'idd4w', 'idd5', 'idd6', 'idd2p', 'idd3p']) {
      for (const rail of ['vdd1', 'vdd2', 'vddq']) expect(d.section[`${state}_${rail}_mA`], `${state} ${rail}`).toBe(ref.current_mA[state]?.[rail]);
    }
    expect([d.section.vdd1_V, d.section.vdd2_V, d.section.vddq_V]).toEqual([ref.voltage_V.vdd1, ref.voltage_V.vdd2, ref.voltage_V.vddq]);
    expect([d.density_Gb, d.dataRate_MTps, d.notes]).toEqual([8, 3200, []]);
  });
  it('round trip: "memspec" in a config equals the model defaults it was taken from, keys written beside it win', () => {
    const base = 'arch-configs/nvdla-full-lpddr4.json';
    const viaFile = loadArchConfig(configBeside(['dramsys-JEDEC_8Gb_LPDDR4-3200_16bit.json'], (c) => ({ ...c, dram: { ...(c.dram as object), memspec: 'dramsys-JEDEC_8Gb_LPDDR4-3200_16bit.json' } }), base));
    expect(viaFile.dram).toEqual(loadArchConfig(base).dram);
    const mine = loadArchConfig(configBeside(['dramsys-JEDEC_8Gb_LPDDR4-3200_16bit.json'], (c) => ({ ...c, dram: { memspec: 'dramsys-JEDEC_8Gb_LPDDR4-3200_16bit.json', channels: 2, tRCD_cycles: 30 } }), base));
    expect([mine.dram?.channels, mine.dram?.tRCD_cycles, mine.dram?.tRPpb_cycles]).toEqual([2, 30, 29]);
  });
  it('DRAMPower 6 format, LPDDR4-2133 16 Gb: another grade and density imports and simulates', () => {
    const d = parseMemspec(json(join(FIX, 'drampower-lpddr4-2133-16gb.json')), 'm.json');
    expect(d.section).toMatchObject({ tCK_ns: 0.938, rows: 131072, tREFI_cycles: 4166, tRFCab_cycles: 406, idd4r_vdd2_mA: 190, idd0_vdd1_mA: 3, activeBackgroundRho: 0.5 });
    expect(d.density_Gb).toBe(16);
    // DRAMPower 6 memspecs give no VDDQ currents: listed, and the config's (or the model's) values stay.
    expect(d.notes).toHaveLength(9);
    expect(d.notes[0]).toMatch(/^idd0_vddq_mA: not in the file/);
    const config = loadArchConfig(configBeside(['drampower-lpddr4-2133-16gb.json'], (c) => ({ ...c, dram: { ...(c.dram as object), memspec: 'drampower-lpddr4-2133-16gb.json' } }), 'arch-configs/nvdla-full-lpddr4.json'));
    expect(config.dram).toMatchObject({ tCK_ns: 0.938, rows: 131072, idd4r_vddq_mA: 150 });
    const r = simulate(config, loadTrace('traces/tiny-conv.json'), { fps: [10], frames: 2, seed: 1 });
    expect(r.feasible).toBe(true);
  });
  it('another standard is refused naming it; zero timings or zero supplies are refused naming the key', () => {
    const ddr4 = thrown(() => parseMemspec(json(join(FIX, 'memspec-ddr4.json')), 'd.json'));
    expect(ddr4.message).toMatch(/"DDR4": maxnvm models LPDDR4 only/);
    expect(ddr4.details.jsonPath).toBe('/memspec/memoryType');
    const grade = json(join(FIX, 'drampower-lpddr4-2133-16gb.json')) as { memspec: { memtimingspec: Record<string, number>; mempowerspec: Record<string, number> } };
    const zeroCke = structuredClone(grade);
    zeroCke.memspec.memtimingspec.CKE = 0; // as DRAMPower's own test memspec has
    const file = configBeside([], (c) => ({ ...c, dram: { memspec: join(tmpdir(), 'zero-cke.json') } }), 'arch-configs/nvdla-full-lpddr4.json');
    writeFileSync(join(tmpdir(), 'zero-cke.json'), JSON.stringify(zeroCke));
    const e = thrown(() => loadArchConfig(file));
    expect(e.details.file).toBe(join(tmpdir(), 'zero-cke.json'));
    expect(e.details.jsonPath).toBe('/tCKE_cycles');
    const noPower = structuredClone(grade);
    noPower.memspec.mempowerspec.vdd1 = 0;
    expect(thrown(() => parseMemspec(noPower, 'z.json')).message).toMatch(/vdd1 = 0 V: this memspec has no power figures/);
  });
});

describe('maxnvm import (CLI)', () => {
  it('writes a fragment that validates as a config section; another standard exits 2', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'maxnvm-import-cli-')), 'envm.json');
    const ok = await cli('import', 'nvsim', join(FIX, 'nvsim-mlc-rram-2bpc-1mb.txt'), '--out', out);
    expect(ok.code, ok.stderr).toBe(0);
    expect(ok.stderr).toContain('RRAM, 2 bit(s)/cell, 8388608 cells');
    const fragment = json(out) as { envm: object };
    expect(resolveArchConfig({ ...json(ENVM_BASE), envm: fragment.envm }, out).envm?.overrides).toHaveLength(1);
    const bad = await cli('import', 'memspec', join(FIX, 'memspec-ddr4.json'));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/DDR4/);
  }, 240_000); // two CLI processes: slow on a loaded machine
});

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sectionSchema, statsOf } from '../../../src/engine/spec.js';
import { UserError } from '../../../src/errors.js';
import { channelTracePath, drampowerTraceFiles, DrampowerTraceWriter } from '../../../src/hw/dram/drampower-trace.js';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import { currentKey, dramSpec, IDD_STATES, RAILS } from '../../../src/hw/dram/spec.js';
import { validateDramParams } from '../../../src/hw/dram/validate.js';
import { refParams, TCK_PS } from './helpers.js';

const reference = JSON.parse(readFileSync(new URL('../../../reference/lpddr4-3200.json', import.meta.url), 'utf8')) as {
  architecture: Record<string, number>;
  voltage_V: Record<string, number>;
  current_mA: Record<string, Record<string, number>>;
  timing_cycles: Record<string, number>;
};

describe('dram spec', () => {
  it('defaults are the values of reference/lpddr4-3200.json', () => {
    const p = refParams();
    const a = reference.architecture;
    expect([p.banks, p.rows, p.columns, p.channelWidth_bits, p.burstLength]).toEqual([a.banks, a.rows, a.columns, a.width_bits, a.burstLength]);
    expect([p.vdd1_V, p.vdd2_V, p.vddq_V]).toEqual([reference.voltage_V.vdd1, reference.voltage_V.vdd2, reference.voltage_V.vddq]);
    for (const s of IDD_STATES) for (const r of RAILS) expect(p[currentKey(s, r)], `${s} ${r}`).toBe(reference.current_mA[s]![r]);
    const t = reference.timing_cycles;
    expect(p.tCK_ns).toBe(t.tCK_ns);
    const pairs: [number, string][] = [
      [p.tRCD_cycles, 'RCD'], [p.tRPpb_cycles, 'RPpb'], [p.tRPab_cycles, 'RPab'], [p.tRAS_cycles, 'RAS'],
      [p.tRCpb_cycles, 'RCpb'], [p.tRFCab_cycles, 'RFCab'], [p.tREFI_cycles, 'REFI'], [p.tCKE_cycles, 'CKE'],
      [p.tXP_cycles, 'XP'], [p.tSR_cycles, 'SR'], [p.tXSR_cycles, 'XSR'], [p.tCCD_cycles, 'CCD'], [p.tRRD_cycles, 'RRD'],
      [p.tFAW_cycles, 'FAW'], [p.tRTP_cycles, 'RTP'], [p.tWR_cycles, 'WR'], [p.tWTR_cycles, 'WTR'], [p.RL_cycles, 'RL'],
      [p.WL_cycles, 'WL'],
    ];
    for (const [ours, key] of pairs) expect(ours, key).toBe(t[key]);
    // The self-refresh threshold default is one tREFI: 6246 × 0.625 ns.
    expect(p.selfRefreshIdleThreshold_ns).toBe(6246 * 0.625);
  });

  it('every parameter and statistic has a unit; every default a source', () => {
    for (const p of dramSpec.params) {
      expect(p.unit, p.key).not.toBe('');
      expect(p.source.length, p.key).toBeGreaterThan(10);
      // An optional key (a file to read) has no default; every other key has one.
      if (p.optional === true) expect(p.default, p.key).toBeUndefined();
      else expect(p.default, p.key).toBeDefined();
    }
    expect(sectionSchema(dramSpec).additionalProperties).toBe(false);
  });

  it('the memory reports exactly the declared statistics', () => {
    const m = new Lpddr4Memory(refParams());
    m.transfer('read', 0, 1000, 0, 'weights');
    expect(Object.keys(m.stats()).sort()).toEqual(statsOf(dramSpec, 'counter', 'figure').map((s) => s.key).sort());
  });

  it('inconsistent settings are user errors naming the key', () => {
    const bad = (over: Parameters<typeof refParams>[0], key: string): void => {
      let caught: unknown;
      try {
        validateDramParams(refParams(over), 'arch.json');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(UserError);
      expect((caught as UserError).details.jsonPath).toBe(`/dram/${key}`);
      expect((caught as UserError).details.file).toBe('arch.json');
    };
    bad({ interleave_B: 48 }, 'interleave_B');
    bad({ tCK_ns: 0.6251 }, 'tCK_ns');
    bad({ columns: 1000 }, 'columns');
    bad({ tREFI_cycles: 400 }, 'tREFI_cycles');
    bad({ idd4r_vdd2_mA: 10 }, 'idd4r_vdd2_mA');
    bad({ ioDataOnesFraction: 0.2, ioDataToggleRate: 0.5 }, 'ioDataToggleRate');
    bad({ ioCommandOnesFraction: 0.9, ioCommandToggleRate: 0.3 }, 'ioCommandToggleRate');
    expect(() => validateDramParams(refParams())).not.toThrow();
    expect(() => validateDramParams(refParams({ ioDataOnesFraction: 0.25, ioDataToggleRate: 0.5 }))).not.toThrow();
  });
});

describe('DRAMPower command trace', () => {
  it('writes cycle,CMD,rank,bankgroup,bank,row,column with zero data on RD/WR and END last', () => {
    const out: string[] = [];
    const sinkWriter = new DrampowerTraceWriter((_ch, text) => out.push(text));
    const m = new Lpddr4Memory(refParams({ idlePolicy: 'off' }), { sink: sinkWriter });
    m.transfer('write', 64, 32, 0, 'features');
    m.sleep(200 * TCK_PS);
    m.wake(300 * TCK_PS);
    m.endTrace(4_000_000 * TCK_PS);
    const lines = out.join('').trimEnd().split('\n');
    // ACT bank 0 row 0 at 0; WR at tRCD 29, column 2 × 16 (the third burst of the row).
    expect(lines[0]).toBe('0,ACT,0,0,0,0,0');
    expect(lines[1]).toBe(`29,WR,0,0,0,0,32,${'00'.repeat(32)}`);
    // Supply off/on has no DRAMPower command: nothing between the write and END.
    expect(lines.length).toBe(3);
    expect(lines[2]).toMatch(/^\d+,END,0,0,0,0,0$/);
  });

  it('power-down entries and exits say which power-down they are', () => {
    const out: string[] = [];
    const m = new Lpddr4Memory(refParams({ idlePolicy: 'power-down' }), {
      sink: new DrampowerTraceWriter((_c, text) => out.push(text)),
    });
    m.transfer('read', 0, 32, 0, 'weights');
    m.sleep(100 * TCK_PS);
    m.wake(1000 * TCK_PS);
    m.endTrace(1000 * TCK_PS);
    const names = out.join('').trimEnd().split('\n').map((l) => l.split(',')[1]);
    expect(names).toEqual(['ACT', 'RD', 'PREA', 'PDEP', 'PDXP', 'END']);
  });

  it('one file per channel: the given path for one channel, name.chN.ext for several', () => {
    expect(channelTracePath('out/trace.csv', 0, 1)).toBe('out/trace.csv');
    expect(channelTracePath('out/trace.csv', 1, 2)).toBe('out/trace.ch1.csv');
    expect(channelTracePath('out.d/trace', 2, 4)).toBe('out.d/trace.ch2');
    const dir = mkdtempSync(join(tmpdir(), 'maxnvm-dram-'));
    const path = join(dir, 't.csv');
    const writer = drampowerTraceFiles(path, 2);
    const m = new Lpddr4Memory(refParams({ channels: 2 }), { sink: writer });
    m.transfer('read', 0, 64, 0, 'weights');
    m.endTrace(1000 * TCK_PS);
    expect(writer.files).toEqual([join(dir, 't.ch0.csv'), join(dir, 't.ch1.csv')]);
    for (const ch of [0, 1]) {
      const text = readFileSync(channelTracePath(path, ch, 2), 'utf8');
      expect(text.split('\n').filter((l) => l.includes(',RD,')).length).toBe(1);
      expect(text.trimEnd().endsWith('1000,END,0,0,0,0,0')).toBe(true);
    }
  });

  it('close() ends the channels the memory did not end, at their last command', () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxnvm-dram-'));
    const writer = drampowerTraceFiles(join(dir, 'x.csv'), 1);
    const m = new Lpddr4Memory(refParams(), { sink: writer });
    m.transfer('read', 0, 32, 0, 'weights'); // ACT 0, RD 29
    writer.close();
    expect(readFileSync(join(dir, 'x.csv'), 'utf8')).toBe(`0,ACT,0,0,0,0,0\n29,RD,0,0,0,0,0,${'00'.repeat(32)}\n29,END,0,0,0,0,0\n`);
  });
});

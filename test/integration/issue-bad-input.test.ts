import { mkdirSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from './helpers.js';

/**
 * Regressions of the hostile-input trial: each case crashed, hung, exited 0
 * with nonsense, or gave a vague message. Now each is exit 2 with a precise message.
 */
const dir = mkdtempSync(join(tmpdir(), 'maxnvm-hostile-'));
const put = (name: string, text: string): string => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ARCH = 'arch-configs/nvdla-small-lpddr4.json';
const ENVM = 'arch-configs/maxnvm-rram-safe-csr4.json';
const TRACE = 'traces/tiny-conv.json';
const archText = readFileSync(ARCH, 'utf8');
const arch = JSON.parse(archText) as Record<string, unknown>;
const envm = JSON.parse(readFileSync(ENVM, 'utf8')) as Record<string, unknown>;
const conv = (name: string, input: string, c: number) => ({
  name, op: 'conv', inputs: [input], inputHeight: 1, inputWidth: 1, inputChannels: c, outputChannels: c,
  kernelHeight: 1, kernelWidth: 1, stride: 1, padding: 0, groups: 1, outputHeight: 1, outputWidth: 1, weights: { density: 1, valueBits: 8 },
});
const trace = (layers: unknown[]): string => JSON.stringify({ name: 't', description: 'd', source: 's', activationBits: 8, layers });
const timings = Object.fromEntries(['tRCD', 'tRPpb', 'tRAS', 'tCCD', 'RL', 'WL', 'tRRD'].map((t) => [`${t}_cycles`, 0]));

/** Bad files, each with what its message must say. All go through one `maxnvm validate`. */
const files: [string, string, RegExp[]][] = [
  ['1e9 channels', put('bigch.json', trace([conv('a', 'input', 1e9)])), [/invalid value 1000000000 in trace: must be <= 65536/, /at: \/layers\/0\/inputChannels/]],
  ['100,000 channels, 1x1', put('wide.json', trace([conv('a', 'input', 100000)])), [/at: \/layers\/0\/inputChannels/]],
  // One layer past the bound is refused as surely as 200,000, and is 20 times quicker to write and read.
  ['10,001-layer chain', put('chain.json', trace(Array.from({ length: 10_001 }, (_, i) => conv(`l${i}`, i === 0 ? 'input' : `l${i - 1}`, 1)))), [/trace has 10,001 layers, more than 10,000/, /10,000 layers simulate in about 8 s/]],
  ['duplicate key', put('dup.json', archText.replace('"channels": 1', '"channels": 4, "channels": 2')), [/duplicate key "channels" on line \d+/, /at: \/dram\/channels/]],
  ['1e400', put('inf.json', archText.replace('"peakBandwidth_GBps": 1', '"peakBandwidth_GBps": 1e400')), [/number 1e400 on line \d+ .*beyond a double's range/, /at: \/memoryPort\/peakBandwidth_GBps/]],
  ['DRAM timings 0', put('t0.json', JSON.stringify({ ...arch, dram: { channels: 1, ...timings } })), [/must be >= 1/, /JESD209-4 gives every timing a floor of at least one clock/]],
  ['vdd1_V 500000', put('vdd.json', JSON.stringify({ ...arch, dram: { vdd1_V: 500000 } })), [/at: \/dram\/vdd1_V/, /must be <= 3.3/]],
  ['idd0_vddq_mA 1e6', put('idd.json', JSON.stringify({ ...arch, dram: { idd0_vddq_mA: 1e6 } })), [/at: \/dram\/idd0_vddq_mA/, /must be <= 10000/, /275 mA/]],
  ['sram area 1e6', put('sram.json', JSON.stringify({ ...envm, sram: { ...(envm.sram as object), overrides: { area_mm2: 1e6 } } })), [/at: \/sram\/overrides\/area_mm2/, /reticle limit/]],
  ['ECC word 1e9', put('ecc.json', JSON.stringify({ ...envm, weightStorage: { ...(envm.weightStorage as object), ecc: { dataBits: 1e9, streams: ['mask'] } } })), [/must be <= 4096/, /published SECDED words have 16 to 256 data bits/, /at: \/weightStorage\/ecc\/dataBits/]],
  ['BOM is accepted', put('bom.json', `\ufeff${archText}`), []],
  ['a folder', dir, [/cannot read input file ".*": it is a folder, not a file/]],
  ['unknown kind', put('what.json', '{"foo": 1}'), [/not a kind of file maxnvm validate knows/, /levels file/]],
];

describe('hostile-input regressions', () => {
  test('bad files: one validate run reports each precisely', async () => {
    const r = await cli('validate', ...files.map(([, f]) => f), 'examples/faults/levels-example.json');
    expect(r.code).toBe(2);
    for (const [name, file, patterns] of files) {
      for (const p of patterns) expect(r.stderr, name).toMatch(p);
      if (patterns.length === 0) expect(r.stdout, name).toContain(`ok  ${file}`);
    }
    expect(r.stdout).toContain('ok  examples/faults/levels-example.json (levels file)');
    expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+/);
  });

  const flagCases: { name: string; args: string[]; expect: RegExp[] }[] = [
    { name: 'faults --trials 1e12', args: ['faults', '--trials', '1000000000000'], expect: [/--trials: "1000000000000" is not a whole number from 1 to 100000/, /nearest valid value: --trials 100000/] },
    { name: 'sweep --fps-range count 1e9', args: ['sweep', '--arch', ARCH, '--trace', TRACE, '--fps-range', '1:10:1000000000', '--out', join(dir, 's1')], expect: [/count 1000000000 is more than 10000 rates/, /at: --fps-range/] },
    { name: 'sweep --workers abc', args: ['sweep', '--arch', ARCH, '--trace', TRACE, '--fps', '1', '--workers', 'abc', '--out', join(dir, 's2')], expect: [/--workers: "abc" is not a whole number/] },
    { name: 'sweep --policies sleep', args: ['sweep', '--arch', ARCH, '--trace', TRACE, '--fps', '1', '--policies', 'sleep', '--out', join(dir, 's3')], expect: [/--policies: unknown DRAM idle policy "sleep"/, /at: --policies/] },
    { name: 'sweep --fps-range 0.00001:1:3', args: ['sweep', '--arch', ARCH, '--trace', TRACE, '--fps-range', '0.00001:1:3', '--out', join(dir, 's4')], expect: [/--fps-range: frame rate 0.00001 fps is below 0.001 fps/, /--fps-range 0.001:1:3/] },
    { name: 'faults --technology FeFET', args: ['faults', '--technology', 'FeFET'], expect: [/--technology: no fault model for "FeFET"/] },
    { name: "simulate --out ''", args: ['simulate', '--arch', ARCH, '--trace', TRACE, '--out', ''], expect: [/--out is empty/] },
    { name: "simulate --dram-trace ''", args: ['simulate', '--arch', ARCH, '--trace', TRACE, '--dram-trace', ''], expect: [/--dram-trace is empty/] },
    { name: 'faults --out onto a file, before any trial', args: ['faults', '--trials', '100000', '--out', put('file-in-the-way', 'x')], expect: [/--out .*file-in-the-way is a file, not a folder/] },
    { name: 'main --fps 3', args: ['main', '--fps', '3'], expect: [/--fps is not a flag of maxnvm main/, /belongs to maxnvm simulate, sweep/] },
    { name: 'missing flag', args: ['simulate', '--trace', TRACE], expect: [/maxnvm simulate needs --arch/, /at: --arch/] },
  ];
  test.each(flagCases)('$name', async ({ args, expect: patterns }) => {
    const r = await cli(...args);
    expect(r.code, r.stderr).toBe(2);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/NaN/);
  });

  test('report refuses a sweep folder whose rows were emptied', async () => {
    const out = join(dir, 'emptied');
    expect((await cli('sweep', '--arch', ARCH, '--trace', TRACE, '--fps', '1,10', '--workers', '0', '--out', out)).code).toBe(0);
    const file = join(out, 'sweep.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), rows: [] }));
    const r = await cli('report', out);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/sweep.json has no rows/);
    expect(readdirSync(out)).not.toContain('report.html');
  });

  test('a stale .tmp-PID file is removed when the sweep resumes', async () => {
    const out = join(dir, 'resumed');
    expect((await cli('sweep', '--arch', ARCH, '--trace', TRACE, '--fps', '1', '--workers', '0', '--out', out)).code).toBe(0);
    mkdirSync(join(out, 'units'), { recursive: true });
    writeFileSync(join(out, 'units', '.0000-x.json.tmp-999999999'), '{"half');
    expect((await cli('sweep', '--arch', ARCH, '--trace', TRACE, '--fps', '1', '--workers', '0', '--out', out)).code).toBe(0);
    expect(readdirSync(join(out, 'units')).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });
});

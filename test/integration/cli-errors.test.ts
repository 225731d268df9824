import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli, spawnCli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'maxnvm-bad-'));
function file(name: string, content: unknown): string {
  const p = join(dir, name);
  writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content));
  return p;
}
const good = { name: 'x', placement: { weights: 'dram', activations: 'dram' }, nvdla: { build: 'nv_full' }, dram: {} };
const TRACE = 'traces/tiny-conv.json';
const ARCH = 'arch-configs/nvdla-full-lpddr4.json';

/** Every bad input: exit 2, one clear message with what was expected, never a stack trace. */
const cases: { name: string; args: () => string[]; expect: RegExp[]; stdout?: RegExp }[] = [
  { name: 'missing arch file', args: () => ['simulate', '--arch', 'nope.json', '--trace', TRACE], expect: [/cannot read architecture config/, /file: nope.json/, /suggestion/] },
  { name: 'config is not JSON', args: () => ['simulate', '--arch', file('a.json', '{"name": "x",}'), '--trace', TRACE], expect: [/not valid JSON/, /trailing comma/] },
  { name: 'misspelled config key', args: () => ['simulate', '--arch', file('b.json', { ...good, nvdla: { biuld: 'nv_full' } }), '--trace', TRACE], expect: [/unknown key "biuld"/, /at: \/nvdla\/biuld/, /did you mean "build"/] },
  { name: 'misspelled enum value', args: () => ['simulate', '--arch', file('c.json', { ...good, nvdla: { build: 'nv_fulll' } }), '--trace', TRACE], expect: [/invalid value "nv_fulll"/, /at: \/nvdla\/build/, /did you mean "nv_full"/] },
  { name: 'negative clock', args: () => ['simulate', '--arch', file('d.json', { ...good, nvdla: { clock_GHz: -1 } }), '--trace', TRACE], expect: [/must be >= 0.001/, /at: \/nvdla\/clock_GHz/] },
  { name: 'DRAM section missing for DRAM placement', args: () => ['simulate', '--arch', file('e.json', { name: 'x', placement: { weights: 'dram', activations: 'dram' }, nvdla: {} }), '--trace', TRACE], expect: [/missing section "dram"/, /suggestion: add "dram": \{\}/] },
  { name: 'unused section', args: () => ['simulate', '--arch', file('f.json', { ...good, sram: {} }), '--trace', TRACE], expect: [/section "sram" is not used/, /at: \/sram/] },
  { name: 'bad bits per cell in storage', args: () => ['simulate', '--arch', file('g.json', { name: 'x', placement: { weights: 'envm', activations: 'sram' }, nvdla: {}, envm: {}, sram: {}, weightPath: {}, weightStorage: { label: 'l', encoding: 'bitmask', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 4 } }), '--trace', TRACE], expect: [/invalid value 4/, /must be <= 3/, /at: \/weightStorage\/defaultBitsPerCell/, /1 \(single-level\) to 3/] },
  { name: 'trace with wrong output height', args: () => ['simulate', '--arch', ARCH, '--trace', file('t.json', badTrace())], expect: [/layers\/0\/outputHeight/] },
  { name: 'unknown flag', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fsp', '10'], expect: [/unknown argument/, /did you mean --fps/] },
  { name: 'unknown command', args: () => ['simulat', '--arch', ARCH], expect: [/unknown command "simulat"; did you mean simulate\?/, /suggestion: run `maxnvm simulate --help`/] },
  { name: 'non-numeric rate', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '10,abc'], expect: [/"abc" is not a number/, /suggestion/] },
  { name: 'negative rate', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '-5'], expect: [/must be positive/] },
  { name: 'empty rate list entry', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '1,,3'], expect: [/comma-separated list/] },
  { name: 'zero frames', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--frames', '0'], expect: [/--frames/, /integer >= 1/] },
  { name: 'unknown idle policy', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--idle-policy', 'sleepy'], expect: [/not one of standby/] },
  { name: 'idle policy on a system without DRAM', args: () => ['simulate', '--arch', 'arch-configs/maxnvm-rram-1bpc-dense.json', '--trace', TRACE, '--idle-policy', 'off'], expect: [/has no DRAM/] },
  { name: 'unknown output format', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--format', 'xml'], expect: [/--format: "xml"/] },
  { name: 'validate a bad file', args: () => ['validate', file('h.json', { ...good, dram: { channels: 0 } })], expect: [/at: \/dram\/channels/] },
  { name: 'eNVM technology without figures at the bits per cell used', args: () => ['validate', file('stt.json', { ...JSON.parse(readFileSync('arch-configs/maxnvm-rram-safe-csr4.json', 'utf8')), envm: { technology: 'STT' } })], expect: [/no readLatency_ns figure for STT at 2 bit\(s\) per cell/, /at: \/envm\/overrides/, /add override points/] },
  { name: '--weight-storage on a DRAM system', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--weight-storage', file('ws.json', { weightStorage: {} })], expect: [/keeps its weights in DRAM/, /at: \/placement\/weights/] },
  { name: '--weight-storage with a bad choice', args: () => ['simulate', '--arch', 'arch-configs/maxnvm-rram-safe-csr4.json', '--trace', TRACE, '--weight-storage', file('ws2.json', { weightStorage: { label: 'x', encoding: 'csr', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 0 } })], expect: [/0 bits per cell/, /weightStorage\/defaultBitsPerCell/] },
  { name: 'describe an unknown component', args: () => ['describe', 'dramm'], expect: [/unknown component "dramm"/, /did you mean "dram"/] },
  // Simulated time is integer ps below 2^53 (about 9007 s): 3 frames at 1e-4 fps are 30000 s, 1000 at 0.1 fps 10000 s.
  { name: 'rate too low for the simulated time', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '0.0001'], expect: [/--frames 3 at --fps 0.0001 would simulate 30000 s/, /at: --fps/, /integer number of picoseconds/, /maxnvm sweep/] },
  { name: 'too many frames for the simulated time', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '0.1', '--frames', '1000'], expect: [/simulate 10000 s/, /at most --frames 900 at 0.1 fps/, /at least 0.111 fps/] },
  { name: 'rate above the 1 ps time resolution', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fps', '1e13'], expect: [/frame period of 1e-13 s is shorter than 1 ps/, /at: --fps/] },
  { name: 'absurdly low port bandwidth', args: () => ['simulate', '--arch', file('bw.json', { ...good, memoryPort: { peakBandwidth_GBps: 1e-12 } }), '--trace', TRACE], expect: [/must be >= 0.001/, /at: \/memoryPort\/peakBandwidth_GBps/, /1 MB\/s/] },
  { name: 'absurd DRAM channel count', args: () => ['simulate', '--arch', file('ch.json', { ...good, dram: { channels: 1e9 } }), '--trace', TRACE], expect: [/must be <= 64/, /at: \/dram\/channels/, /sanity bound/] },
  { name: 'absurd eNVM bank count', args: () => ['validate', file('eb.json', { ...JSON.parse(readFileSync('arch-configs/maxnvm-rram-safe-csr4.json', 'utf8')), envm: { banks: 1e9 } })], expect: [/must be <= 4096/, /at: \/envm\/banks/] },
  { name: '--out names an existing file', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--out', file('not-a-folder', 'x')], expect: [/--out .*not-a-folder is a file, not a folder/, /at: --out/, /suggestion: choose a folder name/] },
  { name: '--dram-trace in a missing folder', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--dram-trace', '/nonexistent/dir/x.trace'], expect: [/folder \/nonexistent\/dir does not exist/, /at: --dram-trace/, /mkdir -p/] },
  { name: 'CBUF too small, found while running: names the config', args: () => ['simulate', '--arch', file('cbuf.json', { ...good, nvdla: { cbufBanks: 3, cbufBankDepth: 1, weightCompression: false } }), '--trace', TRACE], expect: [/does not fit in CBUF/, /file: .*cbuf\.json/, /at: \/nvdla\/cbufBanks/] },
  { name: 'SRAM weight store with gating, found while building: names the config', args: () => ['simulate', '--arch', file('sramw.json', { ...JSON.parse(readFileSync('arch-configs/maxnvm-rram-1bpc-dense.json', 'utf8')), envm: { technology: 'SRAM' } }), '--trace', TRACE], expect: [/SRAM as a weight store is volatile/, /file: .*sramw\.json/, /at: \/envm\/powerDomain/] },
  { name: 'validate a storage choices file as one', args: () => ['validate', file('choices.json', { technolgy: 'RRAM', choices: [{ label: 'a', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 }] })], expect: [/unknown key "technolgy" in storage choices file/, /did you mean "technology"/] },
  {
    name: 'validate lists every problem of a file, and every file',
    args: () => ['validate', file('multi.json', { ...good, nvdla: { biuld: 'nv_full', clock_GHz: -1 }, dram: { chanels: 2 } }), 'examples/storage-choices/maxnvm-study.json', 'nope.json'],
    expect: [/unknown key "biuld"/, /at: \/nvdla\/biuld/, /unknown key "chanels"/, /at: \/dram\/chanels/, /must be >= 0.001/, /at: \/nvdla\/clock_GHz/, /3 problems in .*multi\.json/, /file: nope\.json/, /2 of 3 files failed/],
    stdout: /^ok {2}examples\/storage-choices\/maxnvm-study\.json \(storage choices file\)\n$/,
  },
  { name: 'non-numeric frame count', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--frames', 'abc'], expect: [/--frames: "abc" is not a whole number/] },
  { name: 'misspelled trace op', args: () => ['validate', file('op.json', { ...JSON.parse(readFileSync(TRACE, 'utf8')), layers: [{ ...JSON.parse(readFileSync(TRACE, 'utf8')).layers[0], op: 'convolution' }] })], expect: [/invalid value "convolution" in trace/, /at: \/layers\/0\/op/, /did you mean "conv"/] },
  { name: 'a single-value flag given twice', args: () => ['simulate', '--arch', ARCH, '--arch', ARCH, '--trace', TRACE], expect: [/--arch was given 2 times/, /takes one value/, /maxnvm sweep/] },
];

function badTrace(): unknown {
  return {
    name: 'bad', description: 'd', source: 's', activationBits: 8,
    layers: [{ name: 'c', op: 'conv', inputs: ['input'], inputHeight: 4, inputWidth: 4, inputChannels: 2, outputChannels: 2, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1, groups: 1, outputHeight: 5, outputWidth: 4, weights: { density: 1, valueBits: 8 } }],
  };
}

describe('bad input: exit code 2, a clear message, no stack trace', () => {
  test.each(cases)('$name', async ({ args, expect: patterns, stdout }) => {
    const r = await cli(...args());
    expect(r.code, r.stderr).toBe(2);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    if (stdout === undefined) expect(r.stdout).toBe('');
    else expect(r.stdout).toMatch(stdout);
  });
});

describe('output files', () => {
  test('--dram-trace: the help says it covers the first rate only', async () => {
    expect((await cli('simulate', '--help')).stdout.replace(/\s+/g, ' ')).toMatch(/first --fps rate only/);
  });

  test('--dram-trace: finished traces are renamed into place; no temporary file is left', async () => {
    const out = mkdtempSync(join(tmpdir(), 'maxnvm-trace-'));
    const r = await cli('simulate', '--arch', 'arch-configs/nvdla-small-lpddr4.json', '--trace', TRACE, '--fps', '10', '--frames', '2', '--dram-trace', join(out, 'd.trace'));
    expect(r.code, r.stderr).toBe(0);
    const names = readdirSync(out);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((n) => n.startsWith('.'))).toEqual([]);
    for (const n of names) expect(readFileSync(join(out, n), 'utf8').trimEnd()).toMatch(/,END,0,0,0,0,0$/);
  });
});

/** The real executable, in a child process: what the in-process runs above cannot show (exit codes of the process). */
describe('the binary (smoke)', () => {
  test('a misspelled config key: exit 2, the message on stderr, nothing on stdout', () => {
    const r = spawnCli('simulate', '--arch', file('smoke.json', { ...good, nvdla: { biuld: 'nv_full' } }), '--trace', TRACE);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: unknown key "biuld"/);
    expect(r.stderr).toMatch(/did you mean "build"/);
    expect(r.stdout).toBe('');
  });

  test('validate with a failing file: exit 2 after reporting every file', () => {
    const r = spawnCli('validate', ARCH, file('smoke-bad.json', { ...good, dram: { channels: 0 } }));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe(`ok  ${ARCH} (architecture config)\n`);
    expect(r.stderr).toMatch(/at: \/dram\/channels/);
    expect(r.stderr).toMatch(/1 of 2 files failed validation\n$/);
  });

  test('output larger than a pipe holds (describe, over 100 KiB) arrives whole before the process exits', async () => {
    // A reader that starts late (as `| less` or a busy consumer does): the pipe fills and the rest waits in Node.
    const r = spawnSync('sh', ['-c', `"${process.execPath}" bin/maxnvm-dev.js describe | (sleep 1; cat)`], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(0);
    expect(r.stdout.length).toBeGreaterThan(65_536);
    expect(r.stdout).toBe((await cli('describe')).stdout);
  });

  test('--help: exit 0 and the usage on stdout', () => {
    const r = spawnCli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^maxnvm <command> \[options\]\n/);
    expect(r.stderr).toBe('');
  });
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { cli } from './helpers.js';

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
const cases: { name: string; args: () => string[]; expect: RegExp[] }[] = [
  { name: 'missing arch file', args: () => ['simulate', '--arch', 'nope.json', '--trace', TRACE], expect: [/cannot read architecture config/, /file: nope.json/, /suggestion/] },
  { name: 'config is not JSON', args: () => ['simulate', '--arch', file('a.json', '{"name": "x",}'), '--trace', TRACE], expect: [/not valid JSON/, /trailing comma/] },
  { name: 'misspelled config key', args: () => ['simulate', '--arch', file('b.json', { ...good, nvdla: { biuld: 'nv_full' } }), '--trace', TRACE], expect: [/unknown key "biuld"/, /at: \/nvdla\/biuld/, /did you mean "build"/] },
  { name: 'misspelled enum value', args: () => ['simulate', '--arch', file('c.json', { ...good, nvdla: { build: 'nv_fulll' } }), '--trace', TRACE], expect: [/invalid value "nv_fulll"/, /at: \/nvdla\/build/, /did you mean "nv_full"/] },
  { name: 'negative clock', args: () => ['simulate', '--arch', file('d.json', { ...good, nvdla: { clock_GHz: -1 } }), '--trace', TRACE], expect: [/must be > 0/, /at: \/nvdla\/clock_GHz/] },
  { name: 'DRAM section missing for DRAM placement', args: () => ['simulate', '--arch', file('e.json', { name: 'x', placement: { weights: 'dram', activations: 'dram' }, nvdla: {} }), '--trace', TRACE], expect: [/missing section "dram"/, /suggestion: add "dram": \{\}/] },
  { name: 'unused section', args: () => ['simulate', '--arch', file('f.json', { ...good, sram: {} }), '--trace', TRACE], expect: [/section "sram" is not used/, /at: \/sram/] },
  { name: 'bad bits per cell in storage', args: () => ['simulate', '--arch', file('g.json', { name: 'x', placement: { weights: 'envm', activations: 'sram' }, nvdla: {}, envm: {}, sram: {}, weightPath: {}, weightStorage: { label: 'l', encoding: 'bitmask', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 4 } }), '--trace', TRACE], expect: [/invalid value 4/, /must be <= 3/, /at: \/weightStorage\/defaultBitsPerCell/, /1 \(single-level\) to 3/] },
  { name: 'trace with wrong output height', args: () => ['simulate', '--arch', ARCH, '--trace', file('t.json', badTrace())], expect: [/layers\/0\/outputHeight/] },
  { name: 'unknown flag', args: () => ['simulate', '--arch', ARCH, '--trace', TRACE, '--fsp', '10'], expect: [/unknown argument/, /did you mean --fps/] },
  { name: 'unknown command', args: () => ['simulat', '--arch', ARCH], expect: [/simulat/] },
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
];

function badTrace(): unknown {
  return {
    name: 'bad', description: 'd', source: 's', activationBits: 8,
    layers: [{ name: 'c', op: 'conv', inputs: ['input'], inputHeight: 4, inputWidth: 4, inputChannels: 2, outputChannels: 2, kernelHeight: 3, kernelWidth: 3, stride: 1, padding: 1, groups: 1, outputHeight: 5, outputWidth: 4, weights: { density: 1, valueBits: 8 } }],
  };
}

describe('bad input: exit code 2, a clear message, no stack trace', () => {
  test.each(cases)('$name', ({ args, expect: patterns }) => {
    const r = cli(...args());
    expect(r.code, r.stderr).toBe(2);
    for (const p of patterns) expect(r.stderr).toMatch(p);
    expect(r.stderr).not.toMatch(/\n\s+at .*\(.*:\d+:\d+\)/);
    expect(r.stdout).toBe('');
  });
});

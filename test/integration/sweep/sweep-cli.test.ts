import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cli, type CliRun } from '../helpers.js';

/** `maxnvm sweep` as a user runs it: exit codes, streams, and a kill followed by a resume. */
const BIN = 'bin/maxnvm-dev.js';
const dir = mkdtempSync(join(tmpdir(), 'maxnvm-sweep-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const DRAM = 'arch-configs/nvdla-full-lpddr4.json';
const TINY = 'traces/tiny-conv.json';

/** `maxnvm sweep ARGS` in-process, through the binary's entry point. */
const sweep = (...args: string[]): Promise<CliRun> => cli('sweep', ...args);
const folder = (out: string): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const f of readdirSync(out)) if (f !== 'units') files[f] = readFileSync(join(out, f), 'utf8');
  for (const f of readdirSync(join(out, 'units'))) files[`units/${f}`] = readFileSync(join(out, 'units', f), 'utf8');
  return files;
};

describe('maxnvm sweep: a bad grid exits with code 2 and a clear message before any point runs', () => {
  const badConfig = join(dir, 'bad.json');
  writeFileSync(badConfig, JSON.stringify({ name: 'x', placement: { weights: 'dram', activations: 'dram' }, nvdla: { build: 'nv_fulll' }, dram: {} }));
  // Valid and buildable, but its CBUF (2 usable banks of 64 B) cannot hold tiny-conv's first layer: found only by planning it.
  const tinyCbuf = join(dir, 'tiny-cbuf.json');
  const dram = JSON.parse(readFileSync(DRAM, 'utf8')) as { nvdla: Record<string, unknown> };
  writeFileSync(tinyCbuf, JSON.stringify({ ...dram, nvdla: { ...dram.nvdla, cbufBanks: 3, cbufBankDepth: 1 } }));
  const cases: { name: string; args: string[]; expect: RegExp }[] = [
    { name: 'empty rate list', args: ['--fps', ''], expect: /--fps needs a comma-separated list/ },
    { name: 'negative rate', args: ['--fps', '1,-5'], expect: /-5 must be positive/ },
    { name: 'rates given twice', args: ['--fps', '1', '--fps-range', '1:10:3'], expect: /not both/ },
    { name: 'no rates', args: [], expect: /needs frame rates/ },
    { name: 'bad range', args: ['--fps-range', '10:1:5'], expect: /max is below min/ },
    // A value starting with "-" is the range's value, not a flag: the message says what is wrong with it.
    { name: 'negative range', args: ['--fps-range', '-1:5:3'], expect: /error: --fps-range "-1:5:3": rates must be positive\n(.*\n)+  suggestion: / },
    { name: 'negative rate first', args: ['--fps', '-1,5'], expect: /error: --fps: -1 must be positive/ },
    { name: 'range without a value', args: ['--fps-range'], expect: /error: --fps-range needs a value\n  expected: min:max:count after --fps-range\n  suggestion: / },
    {
      name: 'CBUF too small for a layer, on 2 workers',
      args: ['--fps', '1', '--arch', DRAM, tinyCbuf, '--workers', '2'],
      expect: /layer conv_a does not fit in CBUF.*\n  file: .*tiny-cbuf\.json\n  at: \/nvdla\/cbufBanks\n  expected: .+\n  suggestion: increase cbufBanks or cbufBankDepth/,
    },
    { name: 'unknown policy', args: ['--fps', '1', '--policies', 'power-down,deep-sleep'], expect: /unknown DRAM idle policy "deep-sleep"/ },
    { name: 'config failing validation', args: ['--fps', '1', '--arch', badConfig], expect: /did you mean "nv_full"/ },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const out = join(dir, `bad-${c.name.replace(/\W+/g, '-')}`);
      const hasArch = c.args.includes('--arch');
      const r = await sweep(...(hasArch ? [] : ['--arch', DRAM]), '--trace', TINY, '--out', out, ...c.args);
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(c.expect);
      expect(r.stderr).not.toMatch(/\n\s+at .*:\d+:\d+\)?/);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    });
  }
  it('an output folder holding a different sweep', async () => {
    const out = join(dir, 'taken');
    expect((await sweep('--arch', DRAM, '--trace', TINY, '--fps', '1', '--out', out, '--workers', '0')).code).toBe(0);
    const before = folder(out);
    const r = await sweep('--arch', DRAM, '--trace', TINY, '--fps', '1,2', '--out', out, '--workers', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/output folder holds a different sweep/);
    expect(r.stderr).toMatch(/suggestion: choose another --out, or delete the folder/);
    expect(folder(out)).toEqual(before);
  });
});

describe('maxnvm sweep: one sweep however its files are spelled', () => {
  it('a sweep given ./arch-configs/x.json resumes with arch-configs/x.json, and the rows name the file one way', async () => {
    const out = join(dir, 'spelled');
    const first = await sweep('--arch', `./${DRAM}`, '--trace', `./${TINY}`, '--fps', '1', '--out', out, '--workers', '0', '--format', 'csv');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout.split('\n')[1]).toMatch(new RegExp(`^nvdla-full-lpddr4,${DRAM},tiny-conv,${TINY},`));
    const again = await sweep('--arch', DRAM, '--trace', TINY, '--fps', '1', '--out', out, '--workers', '0');
    expect(again.code, again.stderr).toBe(0);
    expect(again.stderr).toMatch(/resumed 1 of 1 units/);
  });
});

describe('maxnvm sweep: data on stdout, progress on stderr', () => {
  it('--format csv prints sweep.csv and nothing else on stdout', async () => {
    const out = join(dir, 'csv');
    const r = await sweep('--arch', DRAM, '--trace', TINY, '--fps', '1,10', '--policies', 'standby,off', '--out', out, '--format', 'csv', '--workers', '0');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(out, 'sweep.csv'), 'utf8'));
    expect(r.stdout.trimEnd().split('\n')).toHaveLength(1 + 4);
    // Not a terminal: plain progress lines.
    expect(r.stderr).toMatch(/^sweep: 4\/4 points, 2\/2 units, 100 %$/m);
  });
});

describe('maxnvm sweep: killed, then resumed', () => {
  it('resuming a killed sweep gives the same files as an uninterrupted one', async () => {
    // Unit 0 (tiny trace) is quick; unit 1 (ResNet-50) takes long enough to be killed in.
    const args = ['--arch', DRAM, '--trace', TINY, 'traces/resnet50-v1.5-str81.json', '--fps', '1,30,1000'];
    const killed = join(dir, 'killed');
    const child = spawn(process.execPath, [BIN, 'sweep', ...args, '--out', killed, '--workers', '1'], { stdio: 'ignore' });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const units = join(killed, 'units');
    for (let i = 0; i < 6000 && !(existsSync(units) && readdirSync(units).some((f) => f.endsWith('.json'))); i++) {
      await new Promise((r) => setTimeout(r, 5));
    }
    child.kill('SIGKILL');
    await exited;
    const left = readdirSync(units).filter((f) => f.endsWith('.json'));
    expect(left).toHaveLength(1);
    expect(existsSync(join(killed, 'sweep.csv'))).toBe(false);

    const resumed = await sweep(...args, '--out', killed, '--workers', '1');
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toMatch(/resumed 1 of 2 units/);
    const whole = join(dir, 'whole');
    expect((await sweep(...args, '--out', whole, '--workers', '2')).code).toBe(0);
    // A killed writer may leave a temporary file behind; the results are the named files.
    const named = (f: Record<string, string>): Record<string, string> => Object.fromEntries(Object.entries(f).filter(([k]) => !k.includes('.tmp-')));
    expect(named(folder(killed))).toEqual(named(folder(whole)));
  });
});

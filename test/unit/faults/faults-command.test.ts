import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runFaultsCommand, type FaultsArgs } from '../../../src/cli/commands/faults.js';
import { UserError } from '../../../src/errors.js';
import { loadChoicesFile } from '../../../src/sizing/choices-file.js';
import { validateStorageChoice } from '../../../src/storage/choice-schema.js';
import { cli } from '../../integration/helpers.js';

const tmp = (): string => mkdtempSync(join(tmpdir(), 'maxnvm-faults-'));

async function rejection(args: FaultsArgs): Promise<UserError> {
  try {
    await runFaultsCommand(args);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

function levelsFile(doc: unknown): string {
  const file = join(tmp(), 'levels.json');
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('maxnvm faults: bad campaign parameters', () => {
  it('zero or negative trials', async () => {
    for (const trials of ['0', '-3', '2.5']) {
      const e = await rejection({ trials, workers: '0' });
      expect(e.message).toMatch(/--trials: ".*" is not a whole number from 1 to 100000/);
      expect(e.details.jsonPath).toBe('--trials');
    }
  });

  it('a tolerance outside 0..100, with --search and also in a plain campaign that does not use it', async () => {
    for (const tol of ['150', '-1', '100.5']) {
      for (const search of [true, false]) {
        const e = await rejection({ search, 'tolerance-pp': tol, workers: '0' });
        expect(e.message).toMatch(/outside 0\.\.100/);
        expect(e.details.jsonPath).toBe('--tolerance-pp');
      }
    }
  });

  it('through the command line: --tolerance-pp 150 or -1 exits with code 2 before any trial runs', async () => {
    for (const tol of ['150', '-1']) {
      const r = await cli('faults', '--tolerance-pp', tol, '--trials', '2', '--workers', '0');
      expect(r.code, r.stderr).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^error: tolerance ${tol} percentage points is outside 0\\.\\.100`));
      expect(r.stdout).toBe('');
    }
  });

  it('a level model with levels out of order or a sigma that is not positive', async () => {
    const order = await rejection({ levels: levelsFile({ source: 's', models: [{ levels: [[1, 0.01], [0, 0.01]] }] }), workers: '0' });
    expect(order.message).toMatch(/strictly increasing/);
    expect(order.details.jsonPath).toBe('/models/0/levels/1/0');
    const sigma = await rejection({ levels: levelsFile({ source: 's', models: [{ levels: [[0, -0.1], [1, 0.01]] }] }), workers: '0' });
    expect(sigma.message).toMatch(/sigma -0\.1/);
  });

  it('a bits-per-cell value the model does not define', async () => {
    const only1 = levelsFile({ source: 's', models: [{ levels: [[0, 0.01], [1, 0.01]] }] });
    const e = await rejection({ levels: only1, 'bits-per-cell': '2', trials: '2', workers: '0' });
    expect(e.message).toMatch(/defines no 2 bits per cell/);
    // ... and one no eNVM model covers
    expect((await rejection({ 'bits-per-cell': '4', workers: '0' })).message).toMatch(/4 bits per cell/);
  });

  it('mode, search and network misuse', async () => {
    expect((await rejection({ mode: 'fixed', workers: '0' })).details.jsonPath).toBe('--faulty-cells');
    expect((await rejection({ 'faulty-cells': '3', workers: '0' })).details.jsonPath).toBe('--faulty-cells');
    expect((await rejection({ search: true, 'bits-per-cell': '2', workers: '0' })).message).toMatch(/chooses the bits per cell/);
    expect((await rejection({ search: true, network: 'traces/tiny-conv.json', workers: '0' })).message).toMatch(/a trace on synthetic weights does not have/);
    expect((await rejection({ study: true, workers: '0' })).details.jsonPath).toBe('--out');
    expect((await rejection({ 'max-campaigns': '10', workers: '0' })).details.jsonPath).toBe('--max-campaigns');
    expect((await rejection({ study: true, protect: true, 'max-campaigns': '0', out: tmp(), workers: '0' })).details.jsonPath).toBe('--max-campaigns');
    expect((await rejection({ study: true, protect: true, mode: 'fixed', 'faulty-cells': '3', out: tmp(), model: 'mlp', workers: '0' })).message).toMatch(/same sampled faults/);
  });

  it('the command line prints the error and exits with code 2', async () => {
    const r = await cli('faults', '--trials', '0');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --trials/);
    expect(r.stderr).not.toMatch(/at .*\.ts:\d+/); // no stack trace
  });
});

describe('maxnvm faults: runs', () => {
  it('CTT results say first, plainly, that its level model is the RRAM one; RRAM results do not', async () => {
    const ctt = await runFaultsCommand({ technology: 'ctt', trials: '2', workers: '0' });
    expect(ctt.stdout).toMatch(/^ASSUMPTION: the CTT level model borrows the MLC RRAM level distributions/);
    expect(ctt.stdout).toMatch(/\nfault model: CTT,/);
    // JSON stays parseable: the statement goes to stderr.
    const json = await runFaultsCommand({ technology: 'ctt', trials: '2', workers: '0', format: 'json' });
    expect(() => JSON.parse(json.stdout)).not.toThrow();
    expect(json.stderr).toMatch(/^note: ASSUMPTION: the CTT level model borrows/);
    const rram = await runFaultsCommand({ technology: 'rram', trials: '2', workers: '0' });
    expect(rram.stdout).not.toMatch(/ASSUMPTION/);
  });

  const choice: FaultsArgs = { encoding: 'bitmask', clustered: true, 'bits-per-cell': '2', 'stream-bits-per-cell': 'values=3', trials: '3', seed: '5' };

  it('writes byte-identical files for the same seed, whatever the worker count', async () => {
    const dirs = [tmp(), tmp()];
    await runFaultsCommand({ ...choice, workers: '0', out: dirs[0] });
    const { stdout } = await runFaultsCommand({ ...choice, workers: '2', out: dirs[1] });
    const files = readdirSync(dirs[0]!).sort();
    expect(files).toEqual(['faults.json', 'layers.csv', 'manifest.json']);
    for (const f of files) expect(readFileSync(join(dirs[1]!, f), 'utf8')).toBe(readFileSync(join(dirs[0]!, f), 'utf8'));
    expect(stdout).toMatch(/accuracy, with faults: .* t interval/);
    const report = JSON.parse(readFileSync(join(dirs[0]!, 'faults.json'), 'utf8')) as { accuracy: { accuracyLoss_pp: number }; storage: { streams: { stream: string; bitsPerCell: number }[] } };
    expect(report.storage.streams.map((s) => [s.stream, s.bitsPerCell])).toEqual([['values', 3], ['codebook', 2], ['mask', 2], ['groupSizes', 2]]);
    expect(Number.isFinite(report.accuracy.accuracyLoss_pp)).toBe(true);
  });

  it('a trace gets weight errors and says plainly that accuracy is not measured', async () => {
    const { stdout } = await runFaultsCommand({ network: 'traces/tiny-conv.json', 'bits-per-cell': '3', trials: '2', workers: '0' });
    expect(stdout).toMatch(/accuracy: NOT MEASURED/);
    expect(stdout).toMatch(/conv_a/);
    const json = await runFaultsCommand({ network: 'traces/tiny-conv.json', 'bits-per-cell': '3', trials: '2', workers: '0', format: 'json' });
    const r = JSON.parse(json.stdout) as Record<string, unknown>;
    expect(r.accuracy).toBeUndefined();
    expect(json.stderr).toMatch(/accuracy is not measured/);
  });

  it('--search writes a choices file `maxnvm size` accepts and a weightStorage block', async () => {
    const out = tmp();
    const { stdout } = await runFaultsCommand({ encoding: 'dense', search: true, trials: '3', workers: '0', out });
    expect(stdout).toMatch(/arch config block/);
    const entries = loadChoicesFile(join(out, 'choices.json'));
    expect(entries.length).toBe(1);
    expect(entries[0]?.technology).toBe('RRAM');
    const block = JSON.parse(readFileSync(join(out, 'weight-storage.json'), 'utf8')) as { weightStorage: unknown };
    expect(validateStorageChoice(block.weightStorage, 'weight-storage.json', '/weightStorage')).toEqual(entries[0]?.choice);
    // search.csv: accuracies are fractions 0..1 and their columns say so.
    const [header, step0] = readFileSync(join(out, 'search.csv'), 'utf8').split('\n').map((l) => l.split(','));
    expect(header).toEqual(['step', 'stream', 'bitsPerCell', 'accuracy_fraction', 'accuracyLow_fraction', 'accuracyHigh_fraction', 'accuracyLoss_pp', 'accepted']);
    const search = JSON.parse(readFileSync(join(out, 'search.json'), 'utf8')) as { search: { steps: { accuracy: { mean: number; low: number; high: number } }[] } };
    const acc = search.search.steps[0]!.accuracy;
    expect(step0?.slice(3, 6).map(Number)).toEqual([acc.mean, acc.low, acc.high]);
  });
});

import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { userErrorOf } from '../sizing/helpers.js';
import { folderFiles as files } from '../../integration/helpers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeReport } from '../../../src/report/html/write-report.js';
import { parseSetFlag } from '../../../src/system/sweep/design/set-values.js';
import type { SweepGrid } from '../../../src/system/sweep/grid.js';
import { mergeShards } from '../../../src/system/sweep/merge.js';
import { runSweepUnits } from '../../../src/system/sweep/run-sweep.js';

/** A small grid run whole and in 3 shards: the merge equals the whole run byte for byte, and bad sets of shards are refused. */
const dir = mkdtempSync(join(tmpdir(), 'maxnvm-merge-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const GRID: SweepGrid = {
  archFiles: ['arch-configs/nvdla-full-lpddr4.json'],
  traceFiles: ['traces/tiny-conv.json'],
  fps: [1, 30, 1e5],
  policies: ['power-down', 'best'],
  seed: 1,
  // Two of the 8 designs are rejected (stripeMin 16 with stripeMax 16).
  set: ['nvdla.macAtomicK=8,32', 'nvdla.stripeMin=8,16', 'nvdla.stripeMax=16,32'].map(parseSetFlag),
};
const N = 3;
const shardDir = (i: number): string => join(dir, `shard-${i}`);


const userError = userErrorOf;

beforeAll(async () => {
  await runSweepUnits(GRID, { out: join(dir, 'whole'), workers: 0 });
  for (let i = 0; i < N; i++) await runSweepUnits({ ...GRID, shard: { index: i, count: N } }, { out: shardDir(i), workers: 0 });
}, 120_000);

describe('merge of shard folders', () => {
  it('shard folders hold the whole manifest, shard.json and their units, no sweep.json', () => {
    for (let i = 0; i < N; i++) {
      const f = files(shardDir(i));
      expect(f.has('sweep-manifest.json') && f.has('shard.json')).toBe(true);
      expect(f.has('sweep.json') || f.has('sweep.csv')).toBe(false);
      expect(f.get('sweep-manifest.json')?.equals(readFileSync(join(dir, 'whole', 'sweep-manifest.json')))).toBe(true);
    }
  });

  it('the merged folder is byte-identical to the single-machine run, file by file', () => {
    const out = join(dir, 'merged');
    const r = mergeShards([2, 0, 1].map(shardDir), out); // any order
    expect(r.units.length).toBeGreaterThan(N);
    const merged = files(out);
    const whole = files(join(dir, 'whole'));
    expect([...merged.keys()]).toEqual([...whole.keys()]);
    for (const [name, bytes] of whole) expect(merged.get(name)?.equals(bytes), name).toBe(true);
    // The rejected design is there as rows with a reason.
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toMatch(/config rejected: stripeMax 16 is below/);
  });

  it('report works on the merged folder', async () => {
    const r = await writeReport(join(dir, 'merged'));
    expect(r.plots.map((p) => p.name)).toContain('pareto-front');
    expect(readFileSync(r.reportPath, 'utf8')).toMatch(/<section id="pareto">/);
  });

  it('refuses a missing, a repeated and a foreign shard, and an unfinished one', () => {
    expect(userError(() => mergeShards([shardDir(0), shardDir(1)], join(dir, 'm1'))).message).toBe('shard 2/3 missing');
    expect(userError(() => mergeShards([shardDir(0), shardDir(1), shardDir(1)], join(dir, 'm2'))).message).toMatch(/shard 1\/3 is given twice/);
    expect(userError(() => mergeShards([join(dir, 'whole')], join(dir, 'm3'))).message).toMatch(/holds a whole sweep, not a shard/);
    const partial = join(dir, 'partial');
    cpSync(shardDir(2), partial, { recursive: true });
    unlinkSync(join(partial, 'units', readdirSync(join(partial, 'units'))[0] as string));
    expect(userError(() => mergeShards([shardDir(0), shardDir(1), partial], join(dir, 'm4'))).message).toMatch(/shard 2\/3 in .* is unfinished/);
  });

  it('refuses shards of a different grid, and of different code, saying which', async () => {
    const other = join(dir, 'other-grid');
    await runSweepUnits({ ...GRID, fps: [1, 30], shard: { index: 2, count: N } }, { out: other, workers: 0 });
    const g = userError(() => mergeShards([shardDir(0), shardDir(1), other], join(dir, 'm5')));
    expect(g.message).toMatch(/is a shard of a different grid than .* \("fps" differs\)/);
    const code = join(dir, 'other-code');
    cpSync(shardDir(2), code, { recursive: true });
    const m = join(code, 'sweep-manifest.json');
    writeFileSync(m, readFileSync(m, 'utf8').replace(/"code_sha256": "[0-9a-f]+"/, `"code_sha256": "${'0'.repeat(64)}"`));
    const c = userError(() => mergeShards([shardDir(0), shardDir(1), code], join(dir, 'm6')));
    expect(c.message).toMatch(/was written by other code than .* \("code_sha256" differs\)/);
  });

  it('a shard folder is not resumed as a whole sweep, nor as another shard', async () => {
    await expect(runSweepUnits(GRID, { out: shardDir(0), workers: 0 })).rejects.toThrow(/holds shard 0\/3 of this sweep, not the whole sweep/);
    await expect(runSweepUnits({ ...GRID, shard: { index: 1, count: N } }, { out: shardDir(0), workers: 0 })).rejects.toThrow(/holds shard 0\/3, not 1\/3/);
  });
});

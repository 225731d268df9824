import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { folderFiles as files } from '../helpers.js';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { slurmMissing, startCluster, type Cluster } from './slurm-cluster.js';

/**
 * examples/slurm on a real single-node Slurm cluster: a job array of 4
 * shards (sbatch --wait --array=0-3), the merge job submitted while they
 * run and held back by --dependency=afterok, and the merged folder compared
 * byte for byte with the same grid run on one machine.
 */

const GRID = 'examples/slurm/tiny-grid.json';
const SHARDS = 4;
const missing = slurmMissing();
const skipReason = missing === undefined ? '' : ` [skipped: ${missing}]`;
if (missing !== undefined) process.stderr.write(`test/integration/slurm/slurm-array.test.ts:${skipReason}\n`);


/** `sbatch --parsable --wait ARGS` started in the background: its job id once submitted, its exit once the job ended. */
function sbatch(env: NodeJS.ProcessEnv, args: string[]): { id: Promise<string>; done: Promise<{ code: number | null; stderr: string }> } {
  const child = spawn('sbatch', ['--parsable', '--wait', `--chdir=${process.cwd()}`, ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const id = new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      const line = /^(\d+)/m.exec(stdout);
      if (line !== null) resolve(line[1] as string);
    });
    child.on('close', () => reject(new Error(`sbatch printed no job id: ${stderr}`)));
  });
  const done = new Promise<{ code: number | null; stderr: string }>((resolve) => child.on('close', (code) => resolve({ code, stderr })));
  return { id, done };
}

describe('Slurm job array and merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-slurm-'));
  let cluster: Cluster | undefined;
  beforeAll(async () => {
    if (missing === undefined) cluster = await startCluster(join(dir, 'cluster'));
  }, 60_000);
  afterAll(() => {
    cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  test.skipIf(missing !== undefined)(`4 shards on Slurm, merged after them, equal the single-machine run byte for byte${skipReason}`, { timeout: 180_000 }, async () => {
    const c = cluster as Cluster;
    const out = join(dir, 'study');
    const maxnvm = `${process.execPath} ${join(process.cwd(), 'bin/maxnvm-dev.js')}`;
    // The report is left out here (the merge tests run it on a merged folder): this test is about the cluster.
    const env = { ...c.env, MAXNVM: maxnvm, MAXNVM_OUT: out, MAXNVM_REPORT: '0' };
    const logs = (): string => `${readdirSync(dir).filter((f) => f.endsWith('.out')).map((f) => `--- ${f}\n${readFileSync(join(dir, f), 'utf8')}`).join('\n')}\n${c.logs()}`;
    const t0 = performance.now();
    // The array with --wait, and, while it runs, the merge held back by afterok on it.
    const array = sbatch(env, [`--array=0-${SHARDS - 1}`, `--output=${dir}/shard-%a.out`, 'examples/slurm/shard.sbatch', '--grid', GRID]);
    const id = await array.id;
    const merge = sbatch(env, [`--dependency=afterok:${id}`, `--output=${dir}/merge.out`, 'examples/slurm/merge.sbatch', String(SHARDS)]);
    const [a, m] = [await array.done, await merge.done];
    expect(a.code, `array: ${a.stderr}\n${logs()}`).toBe(0);
    expect(m.code, `merge: ${m.stderr}\n${logs()}`).toBe(0);
    const wall_s = (performance.now() - t0) / 1000;
    process.stderr.write(`slurm: ${SHARDS} shards and the merge took ${wall_s.toFixed(1)} s from submission to the end of the merge\n`);

    for (let i = 0; i < SHARDS; i++) expect(JSON.parse(readFileSync(join(out, `shard-${i}`, 'shard.json'), 'utf8'))).toMatchObject({ index: i, count: SHARDS });
    // The same grid on this machine.
    const single = join(dir, 'single');
    const r = spawnSync(process.execPath, ['bin/maxnvm-dev.js', 'sweep', '--grid', GRID, '--out', single, '--workers', '0', '--format', 'csv'], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status, r.stderr).toBe(0);
    const merged = files(join(out, 'merged'));
    const whole = files(single);
    expect([...merged.keys()]).toEqual([...whole.keys()]);
    for (const [name, bytes] of whole) expect(merged.get(name)?.equals(bytes), name).toBe(true);
  });
});

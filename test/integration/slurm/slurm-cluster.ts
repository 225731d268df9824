import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { createServer } from 'node:net';
import { hostname } from 'node:os';
import { delimiter, join } from 'node:path';

/**
 * A real single-node Slurm cluster in a temporary folder, for tests: its own
 * munge key and socket, slurm.conf, state and spool folders, and the three
 * daemons (munged, slurmctld, slurmd) started from Debian's packages and
 * stopped by the pids they wrote. Nothing outside the folder is touched.
 */

const DAEMONS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'sinfo'] as const;

/** Why the cluster cannot run here, or undefined when it can. */
export function slurmMissing(): string | undefined {
  const path = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  const missing = DAEMONS.filter((d) => !path.some((p) => p !== '' && existsSync(join(p, d))));
  if (missing.length > 0) return `no ${missing.join(', ')} on this machine; apt-get install slurm-wlm munge (.ci/run does)`;
  if (process.getuid?.() !== 0) return 'the test cluster runs its daemons as root (SlurmUser=root); run as root';
  return undefined;
}

export interface Cluster {
  dir: string;
  /** Environment for sbatch and friends: SLURM_CONF pointing at the cluster's slurm.conf. */
  env: NodeJS.ProcessEnv;
  stop(): void;
  /** The daemons' logs, for failure messages. */
  logs(): string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export async function startCluster(dir: string): Promise<Cluster> {
  const sbin = (d: string): string => (existsSync(`/usr/sbin/${d}`) ? `/usr/sbin/${d}` : d);
  for (const d of ['state', 'spool', 'munge']) mkdirSync(join(dir, d), { recursive: true });
  chmodSync(join(dir, 'munge'), 0o700);
  const key = join(dir, 'munge', 'munge.key');
  if (!existsSync(key)) writeFileSync(key, randomBytes(128), { mode: 0o600 });
  const socket = join(dir, 'munge', 'munge.sock');
  const host = hostname().split('.')[0] as string;
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    [
      'ClusterName=maxnvmtest',
      `SlurmctldHost=${host}(127.0.0.1)`,
      'SlurmUser=root',
      'SlurmdUser=root',
      `SlurmctldPort=${ctldPort}`,
      `SlurmdPort=${dPort}`,
      'AuthType=auth/munge',
      `AuthInfo=socket=${socket}`,
      'CryptoType=crypto/munge',
      `StateSaveLocation=${dir}/state`,
      `SlurmdSpoolDir=${dir}/spool`,
      `SlurmctldPidFile=${dir}/slurmctld.pid`,
      `SlurmdPidFile=${dir}/slurmd.pid`,
      `SlurmctldLogFile=${dir}/slurmctld.log`,
      `SlurmdLogFile=${dir}/slurmd.log`,
      'ProctrackType=proctrack/linuxproc',
      'TaskPlugin=task/none',
      'SelectType=select/cons_tres',
      'SelectTypeParameters=CR_Core',
      'SchedulerType=sched/backfill',
      'JobCompType=jobcomp/none',
      'AccountingStorageType=accounting_storage/none',
      'MpiDefault=none',
      'ReturnToService=2',
      `NodeName=${host} NodeAddr=127.0.0.1 CPUs=2 State=UNKNOWN`,
      `PartitionName=test Nodes=${host} Default=YES MaxTime=INFINITE State=UP`,
      '',
    ].join('\n'),
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const pidFiles = [join(dir, 'slurmd.pid'), join(dir, 'slurmctld.pid'), join(dir, 'munge', 'munged.pid')];
  const cluster: Cluster = {
    dir,
    env,
    stop: () => stopDaemons(pidFiles),
    logs: () => ['slurmctld.log', 'slurmd.log', 'munge/munged.log'].map((f) => `--- ${f}\n${tail(join(dir, f))}`).join('\n'),
  };
  try {
    // --force: munged refuses to run as root without it; the key, socket and logs are the cluster's own.
    execFileSync(sbin('munged'), ['--force', `--socket=${socket}`, `--key-file=${key}`, `--pid-file=${pidFiles[2]}`, `--log-file=${join(dir, 'munge', 'munged.log')}`, `--seed-file=${join(dir, 'munge', 'munge.seed')}`], { env });
    execFileSync(sbin('slurmctld'), ['-f', conf], { env });
    execFileSync(sbin('slurmd'), ['-f', conf], { env });
    await waitForIdleNode(env);
  } catch (e) {
    const logs = cluster.logs();
    cluster.stop();
    throw new Error(`the Slurm test cluster did not start: ${(e as Error).message}\n${logs}`);
  }
  return cluster;
}

async function waitForIdleNode(env: NodeJS.ProcessEnv): Promise<void> {
  const deadline = Date.now() + 30_000;
  let last = '';
  while (Date.now() < deadline) {
    const r = spawnSync('sinfo', ['-h', '-o', '%T'], { env, encoding: 'utf8' });
    last = `${r.stdout}${r.stderr}`.trim();
    if (r.status === 0 && /^idle/m.test(last)) return;
    await new Promise((res) => setTimeout(res, 250));
  }
  throw new Error(`node not idle after 30 s (sinfo: ${last})`);
}

/** SIGTERM each daemon by the pid it wrote, then wait (up to 10 s) for it to be gone. */
function stopDaemons(pidFiles: readonly string[]): void {
  for (const file of pidFiles) {
    if (!existsSync(file)) continue;
    const pid = Number(readFileSync(file, 'utf8').trim());
    if (!Number.isInteger(pid) || pid <= 1) continue;
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      continue; // already gone
    }
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline && alive(pid)) spawnSync('sleep', ['0.1']);
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function tail(file: string): string {
  return existsSync(file) ? readFileSync(file, 'utf8').split('\n').slice(-30).join('\n') : '(none)';
}

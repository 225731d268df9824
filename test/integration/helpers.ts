import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveArchConfig, loadArchConfig, type ArchConfig } from '../../src/config/arch-config.js';
import { run } from '../../src/cli/main.js';
import type { CliStream } from '../../src/cli/io.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import type { Trace } from '../../src/workload/layer.js';

const TINY = 'traces/tiny-conv.json';
export const tinyTrace = (): Trace => loadTrace(TINY);
export const arch = (file: string): ArchConfig => loadArchConfig(file);
export const archFrom = (data: unknown): ArchConfig => resolveArchConfig(data, 'inline-test-config.json');

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** A stream that keeps what is written, as a pipe would (not a terminal). */
function buffer(): CliStream & { text: () => string } {
  const parts: string[] = [];
  return { write: (s: string) => (parts.push(s), true), text: () => parts.join('') };
}

/**
 * Run the CLI as the binary does, in this process: the same entry point (`run` in src/cli/main.ts) with
 * captured streams, without the 1 to 5 s of starting Node and tsx. Exit code and both streams as a user sees them.
 */
export async function cli(...args: string[]): Promise<CliRun> {
  const stdout = buffer();
  const stderr = buffer();
  const code = await run(args, { stdout, stderr });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

/** Run the real binary in a child process: for the few smoke tests of the executable itself. */
export function spawnCli(...args: string[]): CliRun {
  const r = spawnSync(process.execPath, ['bin/maxnvm-dev.js', ...args], { encoding: 'utf8', timeout: 120_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Every file under `root` with its bytes, by path relative to it, in sorted order: to compare folders byte for byte. */
export function folderFiles(root: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out.set(relative(root, p), readFileSync(p));
    }
  };
  walk(root);
  return out;
}

import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { resolveArchConfig, loadArchConfig, type ArchConfig } from '../../src/config/arch-config.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import type { Trace } from '../../src/workload/layer.js';

export const TINY = 'traces/tiny-conv.json';
export const tinyTrace = (): Trace => loadTrace(TINY);
export const arch = (file: string): ArchConfig => loadArchConfig(file);
export const archFrom = (data: unknown): ArchConfig => resolveArchConfig(data, 'inline-test-config.json');

/** Run the CLI as a user would; returns exit code and both streams. */
export function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, ['bin/maxnvm.js', ...args], { encoding: 'utf8', timeout: 120_000 });
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

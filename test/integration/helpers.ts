import { spawnSync } from 'node:child_process';
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

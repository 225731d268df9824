import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The package version, read once from package.json. */
export function maxnvmVersion(): string {
  const pkg = JSON.parse(readFileSync(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

/** manifest.json: what was run, with every input resolved. No timestamps, so reruns are byte-identical. */
export function manifestFor(command: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return { tool: 'maxnvm', version: maxnvmVersion(), command, node: process.versions.node.split('.')[0], ...inputs };
}

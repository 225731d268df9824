import { maxnvmVersion } from '../util/version.js';

/** manifest.json: what was run, with every input resolved. No timestamps, so reruns are byte-identical. */
export function manifestFor(command: string, inputs: Record<string, unknown>): Record<string, unknown> {
  return { tool: 'maxnvm', version: maxnvmVersion(), command, ...inputs };
}

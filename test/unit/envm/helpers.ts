import { defaultsOf } from '../../../src/engine/spec.js';
import { envmSpec, type EnvmParams } from '../../../src/hw/envm/spec.js';

/** 1024 KiB of cells (8,388,608 cells): the NVSim-fork array at which NVMExplorer published RRAM, a reference row. */
export const REF_CELLS = 1024 * 8192;

export function envmParams(overrides: Partial<EnvmParams> = {}): EnvmParams {
  return { ...defaultsOf<EnvmParams>(envmSpec), ...overrides };
}

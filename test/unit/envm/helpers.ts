import { defaultsOf } from '../../../src/engine/spec.js';
import { envmSpec, type EnvmParams } from '../../../src/hw/envm/spec.js';

/** 1024 KiB of cells: the smallest characterized NVSim-fork array, 8,388,608 cells. */
export const REF_CELLS = 1024 * 8192;

export function envmParams(overrides: Partial<EnvmParams> = {}): EnvmParams {
  return { ...defaultsOf<EnvmParams>(envmSpec), ...overrides };
}

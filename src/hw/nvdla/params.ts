import { UserError } from '../../errors.js';
import { NVDLA_BUILDS, NVDLA_SOFTWARE, nvdlaBuildDefaults, nvdlaSpec, type NvdlaBuild, type NvdlaParams, type NvdlaSoftware } from './spec.js';

/**
 * Resolve the `nvdla` config section: the chosen build's defaults (nv_full
 * when `build` is absent) under the chosen software profile (nvdla-sw when
 * `software` is absent) overlaid with the keys given. Use this instead of
 * the generic withDefaults, whose defaults are nv_full's only. The section is
 * assumed schema-valid (sectionSchema(nvdlaSpec)); the cross-key rules that a
 * schema cannot express are checked here.
 */
export function resolveNvdlaParams(section: Record<string, unknown> | undefined, file?: string): NvdlaParams {
  const build = (section?.build ?? 'nv_full') as NvdlaBuild;
  if (!NVDLA_BUILDS.includes(build)) {
    throw new UserError(`unknown NVDLA build ${JSON.stringify(build)}`, {
      file,
      jsonPath: '/nvdla/build',
      expected: `one of: ${NVDLA_BUILDS.join(', ')}`,
    });
  }
  const software = (section?.software ?? 'nvdla-sw') as NvdlaSoftware;
  if (!NVDLA_SOFTWARE.includes(software)) {
    throw new UserError(`unknown NVDLA software profile ${JSON.stringify(software)}`, {
      file,
      jsonPath: '/nvdla/software',
      expected: `one of: ${NVDLA_SOFTWARE.join(', ')}`,
    });
  }
  const out: Record<string, unknown> = { ...nvdlaBuildDefaults(build, software) };
  for (const p of nvdlaSpec.params) {
    const v = section?.[p.key];
    if (v !== undefined) out[p.key] = v;
  }
  const params = out as unknown as NvdlaParams;
  checkNvdlaParams(params, file);
  return params;
}

/** Cross-key rules of the NVDLA parameters; throws UserError naming the key. */
function checkNvdlaParams(p: NvdlaParams, file?: string): void {
  const fail = (key: keyof NvdlaParams, message: string, expected: string, suggestion: string): never => {
    throw new UserError(message, { file, jsonPath: `/nvdla/${key}`, expected, suggestion });
  };
  if (p.stripeMin > p.stripeMax) {
    fail('stripeMin', `stripeMin ${p.stripeMin} exceeds stripeMax ${p.stripeMax}`, 'stripeMin <= stripeMax', 'NVDLA uses 16 and 32');
  }
  if (p.stripeMax < 2 * p.stripeMin - 1) {
    fail('stripeMax', `stripeMax ${p.stripeMax} is below 2 × stripeMin − 1 = ${2 * p.stripeMin - 1}: balanced stripes could not all reach stripeMin`, 'stripeMax >= 2 × stripeMin − 1', 'NVDLA uses 16 and 32');
  }
  if (p.winograd && p.macAtomicC % 16 !== 0) {
    fail('winograd', `Winograd needs macAtomicC divisible by 16 (a 4×4 tile per MAC cell), got ${p.macAtomicC}`, 'macAtomicC a multiple of 16, or winograd false', 'set "winograd": false');
  }
  if (p.weightCompression && p.cbufBanks < 3) {
    fail('cbufBanks', `weight compression reserves one CBUF bank for the weight mask; ${p.cbufBanks} banks leave too few for data and weights`, 'at least 3 banks with weightCompression', 'add banks or set "weightCompression": false');
  }
  if (p.controlLeakage_mW > p.leakage_mW) {
    fail('controlLeakage_mW', `controlLeakage_mW ${p.controlLeakage_mW} exceeds leakage_mW ${p.leakage_mW}: the control is part of the core's leakage`, 'controlLeakage_mW <= leakage_mW', 'lower controlLeakage_mW, or raise leakage_mW');
  }
  if (!Number.isInteger(1000 / p.clock_GHz)) {
    fail('clock_GHz', `clock ${p.clock_GHz} GHz has a period of ${1000 / p.clock_GHz} ps, not a whole number of ps`, 'a frequency whose period is a whole number of picoseconds', 'use e.g. 1, 0.5, 1.25 or 2 GHz');
  }
}

/** CBUF capacity in bytes. */
export function cbufBytes(p: NvdlaParams): number {
  return p.cbufBanks * p.cbufBankWidth_B * p.cbufBankDepth;
}

/** MACs per atomic operation (per cycle). */
export function macsPerCycle(p: NvdlaParams): number {
  return p.macAtomicC * p.macAtomicK;
}

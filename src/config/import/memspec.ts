import { UserError } from '../../errors.js';
import { IDD_STATES, RAILS, currentKey, type IddState, type Rail } from '../../hw/dram/spec.js';

/**
 * A DRAMSys or DRAMPower 6 memory specification (JSON, `{ "memspec": { memoryType, memarchitecturespec,
 * memtimingspec, mempowerspec, bankwisespec } }`: tukl-msd/DRAMSys configs/memspec/*.json, tukl-msd/DRAMPower
 * tests/tests_drampower/resources/lpddr4.json) read into the `dram` section's keys. LPDDR4 only (the model's
 * timing rules and power states are LPDDR4's); another memoryType is refused naming it.
 * Units: memtimingspec counts clock cycles except tCK (seconds; older files give clkMhz), mempowerspec gives
 * currents in A and voltages in V; the section takes cycles, ns, mA and V.
 */

/** memtimingspec key → the `dram` key (cycles of tCK). */
export const MEMSPEC_TIMINGS: ReadonlyArray<readonly [string, string]> = [
  ['RCD', 'tRCD_cycles'], ['RPpb', 'tRPpb_cycles'], ['RPab', 'tRPab_cycles'], ['RAS', 'tRAS_cycles'],
  ['RCpb', 'tRCpb_cycles'], ['RFCab', 'tRFCab_cycles'], ['REFI', 'tREFI_cycles'], ['CKE', 'tCKE_cycles'],
  ['XP', 'tXP_cycles'], ['SR', 'tSR_cycles'], ['XSR', 'tXSR_cycles'], ['CCD', 'tCCD_cycles'], ['RRD', 'tRRD_cycles'],
  ['FAW', 'tFAW_cycles'], ['RTP', 'tRTP_cycles'], ['WR', 'tWR_cycles'], ['WTR', 'tWTR_cycles'], ['RL', 'RL_cycles'], ['WL', 'WL_cycles'],
];

/** memarchitecturespec key → the `dram` key. */
export const MEMSPEC_ARCHITECTURE: ReadonlyArray<readonly [string, string]> = [
  ['nbrOfBanks', 'banks'], ['nbrOfRows', 'rows'], ['nbrOfColumns', 'columns'], ['width', 'channelWidth_bits'], ['burstLength', 'burstLength'],
];

/** mempowerspec current names per IDD state: VDD1 and VDD2 as `<name>1`/`<name>2`, VDDQ as the spellings DRAMSys uses. */
const CURRENT_NAMES: Record<IddState, { base: string; vddq: string[] }> = {
  idd0: { base: 'idd0', vddq: ['idd0q', 'idd0ql'] },
  idd2p: { base: 'idd2p', vddq: ['idd2pq'] },
  idd2n: { base: 'idd2n', vddq: ['idd2nq'] },
  idd3p: { base: 'idd3p', vddq: ['idd3pq'] },
  idd3n: { base: 'idd3n', vddq: ['idd3nq'] },
  idd4r: { base: 'idd4r', vddq: ['idd4rq'] },
  idd4w: { base: 'idd4w', vddq: ['idd4wq'] },
  idd5: { base: 'idd5', vddq: ['idd5q'] },
  idd6: { base: 'idd6', vddq: ['idd6q'] },
};

export interface ImportedDram {
  /** The `dram` keys the file gives. */
  section: Record<string, number>;
  /** What the file says about itself: id, speed, density. */
  memoryId: string;
  dataRate_MTps: number;
  density_Gb: number;
  /** `dram` keys the file does not give (they keep the config's value or the model default), and other remarks. */
  notes: string[];
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

export function parseMemspec(data: unknown, file: string): ImportedDram {
  const spec = isRecord(data) && isRecord(data.memspec) ? data.memspec : undefined;
  if (spec === undefined) {
    throw new UserError('not a memory specification: no top-level "memspec" object', {
      file,
      jsonPath: '/memspec',
      expected: 'a DRAMSys or DRAMPower memspec JSON: { "memspec": { "memoryType": "LPDDR4", ... } }',
      suggestion: 'give a file of DRAMSys configs/memspec/ or a DRAMPower memspec',
    });
  }
  const type = String(spec.memoryType ?? '');
  if (type.toUpperCase() !== 'LPDDR4') {
    throw new UserError(`memoryType ${JSON.stringify(type)}: maxnvm models LPDDR4 only`, {
      file,
      jsonPath: '/memspec/memoryType',
      expected: '"LPDDR4" (the model has LPDDR4\'s timing rules, power states and interface)',
      suggestion: type === '' ? 'the memspec names no memoryType' : `a ${type} part needs its own DRAM model; use an LPDDR4 memspec`,
    });
  }
  const group = (name: string): Record<string, unknown> => {
    const g = spec[name];
    if (!isRecord(g)) throw new UserError(`the memspec has no "${name}" object`, { file, jsonPath: `/memspec/${name}`, expected: `"${name}": { ... }`, suggestion: 'give a complete memspec' });
    return g;
  };
  const arch = group('memarchitecturespec');
  const timing = group('memtimingspec');
  const power = group('mempowerspec');
  const lower = Object.fromEntries(Object.entries(power).map(([k, v]) => [k.toLowerCase(), v]));
  const number = (g: Record<string, unknown>, key: string, path: string): number | undefined => {
    const v = g[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isFinite(v)) {
      throw new UserError(`${path}/${key} is ${JSON.stringify(v)}, not a number`, { file, jsonPath: `${path}/${key}`, expected: 'a number', suggestion: 'check the memspec' });
    }
    return v;
  };
  const section: Record<string, number> = {};
  const notes: string[] = [];
  for (const [from, to] of MEMSPEC_ARCHITECTURE) {
    const v = number(arch, from, '/memspec/memarchitecturespec');
    if (v === undefined) notes.push(`${to}: not in the file (memarchitecturespec.${from})`);
    else section[to] = v;
  }
  for (const [key, one] of [['nbrOfRanks', 'rank'], ['nbrOfDevices', 'device']] as const) {
    const v = number(arch, key, '/memspec/memarchitecturespec');
    if (v !== undefined && v !== 1) {
      throw new UserError(`memarchitecturespec.${key} is ${v}: the model has one ${one} per channel`, {
        file,
        jsonPath: `/memspec/memarchitecturespec/${key}`,
        expected: '1',
        suggestion: `use the memspec of one ${one}; set "channels" in the config for more parallel parts`,
      });
    }
  }
  // tCK in seconds, or clkMhz in older memspecs; simulated time is whole picoseconds.
  const tCK_s = number(timing, 'tCK', '/memspec/memtimingspec');
  const clkMhz = number(timing, 'clkMhz', '/memspec/memtimingspec');
  const tCK_ps = tCK_s !== undefined ? tCK_s * 1e12 : clkMhz !== undefined && clkMhz > 0 ? 1e6 / clkMhz : undefined;
  if (tCK_ps === undefined || !(tCK_ps > 0)) {
    throw new UserError('the memspec gives no clock period', { file, jsonPath: '/memspec/memtimingspec/tCK', expected: 'tCK in seconds (e.g. 625e-12) or clkMhz', suggestion: 'give a complete memtimingspec' });
  }
  section.tCK_ns = Math.round(tCK_ps) / 1000;
  if (Math.abs(tCK_ps - Math.round(tCK_ps)) > 1e-6) notes.push(`tCK_ns: ${tCK_ps.toFixed(4)} ps rounded to ${Math.round(tCK_ps)} ps (simulated time is whole picoseconds)`);
  for (const [from, to] of MEMSPEC_TIMINGS) {
    const v = number(timing, from, '/memspec/memtimingspec');
    if (v === undefined) notes.push(`${to}: not in the file (memtimingspec.${from})`);
    else section[to] = v;
  }
  for (const rail of RAILS) {
    const v = number(lower, rail, '/memspec/mempowerspec');
    if (v === undefined) notes.push(`${rail}_V: not in the file (mempowerspec.${rail})`);
    else section[`${rail}_V`] = v;
  }
  for (const state of IDD_STATES) {
    const names = CURRENT_NAMES[state];
    const byRail: Record<Rail, string[]> = { vdd1: [`${names.base}1`], vdd2: [`${names.base}2`], vddq: names.vddq };
    for (const rail of RAILS) {
      const name = byRail[rail].find((n) => lower[n] !== undefined);
      const key = currentKey(state, rail);
      if (name === undefined) {
        notes.push(`${key}: not in the file (mempowerspec.${byRail[rail].join(' or ')})`);
        continue;
      }
      // A → mA, to 12 significant digits (0.3e-3 A is 0.3 mA, not 0.30000000000000004).
      section[key] = Number((number(lower, name, '/memspec/mempowerspec')! * 1000).toPrecision(12));
    }
  }
  const zeroRails = RAILS.filter((r) => section[`${r}_V`] === 0);
  if (zeroRails.length > 0) {
    throw new UserError(`mempowerspec gives ${zeroRails.join(', ')} = 0 V: this memspec has no power figures`, {
      file,
      jsonPath: `/memspec/mempowerspec/${zeroRails[0]}`,
      expected: 'supply voltages and IDD currents of the part (DRAMSys ships some LPDDR4 speed grades with timings only)',
      suggestion: 'fill mempowerspec (currents in A, voltages in V) from the part\'s datasheet',
    });
  }
  const bankwise = spec.bankwisespec;
  const rho = isRecord(bankwise) ? number(bankwise, 'factRho', '/memspec/bankwisespec') : undefined;
  if (rho !== undefined) section.activeBackgroundRho = rho;
  const bits = (section.banks ?? 0) * (section.rows ?? 0) * (section.columns ?? 0) * (section.channelWidth_bits ?? 0);
  return {
    section,
    memoryId: String(spec.memoryId ?? ''),
    dataRate_MTps: Math.round(2e6 / (section.tCK_ns * 1000)),
    density_Gb: bits / 2 ** 30,
    notes,
  };
}

import { UserError } from '../../errors.js';
import { currentKey, RAILS, type DramParams, type IddState } from './spec.js';

/**
 * Checks across `dram` keys that a JSON Schema cannot express. Throws a
 * UserError naming the key (JSON path /dram/<key>) and what would fix it.
 */
export function validateDramParams(p: DramParams, file?: string): void {
  const fail = (key: string, message: string, expected: string, suggestion: string): never => {
    throw new UserError(message, { file, jsonPath: `/dram/${key}`, expected, suggestion });
  };
  const burstBytes = (p.channelWidth_bits * p.burstLength) / 8;
  if (p.burstLength % 2 !== 0 || !Number.isInteger(burstBytes)) {
    fail('burstLength', `burstLength ${p.burstLength} × ${p.channelWidth_bits} bits is not a whole, even number of beats and bytes`, 'an even burst length moving whole bytes', 'LPDDR4 uses BL16 (or BL32)');
  }
  if (p.columns % p.burstLength !== 0) {
    fail('columns', `columns ${p.columns} is not a multiple of burstLength ${p.burstLength}`, 'whole bursts per row', `use a multiple of ${p.burstLength}`);
  }
  if (p.interleave_B % burstBytes !== 0) {
    fail('interleave_B', `interleave_B ${p.interleave_B} is not a multiple of one burst (${burstBytes} B)`, `a multiple of ${burstBytes}`, `use ${Math.max(1, Math.round(p.interleave_B / burstBytes)) * burstBytes}`);
  }
  const tCK_ps = p.tCK_ns * 1000;
  if (Math.abs(tCK_ps - Math.round(tCK_ps)) > 1e-6) {
    fail('tCK_ns', `tCK_ns ${p.tCK_ns} is not a whole number of picoseconds`, 'a clock period in whole ps (simulated time is integer ps)', `use ${Math.round(tCK_ps) / 1000}`);
  }
  // Idle refresh periods must leave room for their own exit, refresh and re-entry.
  const refreshSlot = p.tRFCab_cycles + p.tXP_cycles + p.tCKE_cycles + p.tRPab_cycles;
  if (p.tREFI_cycles <= refreshSlot) {
    fail('tREFI_cycles', `tREFI_cycles ${p.tREFI_cycles} leaves no time between refreshes (tRFCab + tXP + tCKE + tRPab = ${refreshSlot})`, `more than ${refreshSlot}`, 'check the timing values against the datasheet');
  }
  // One row access (activate, read, precharge) and a refresh must fit between two refreshes, or a refresh
  // would always close the row before its read could follow (the scheduler would never finish).
  const accessSlot = p.tRCpb_cycles + p.tRCD_cycles + p.RL_cycles + p.burstLength / 2 + p.tRFCab_cycles;
  if (p.tREFI_cycles <= accessSlot) {
    fail('tRCD_cycles', `one row access and a refresh (tRCpb + tRCD + RL + BL/2 + tRFCab = ${accessSlot} cycles) do not fit in tREFI_cycles ${p.tREFI_cycles}`, `tRCpb + tRCD + RL + BL/2 + tRFCab < tREFI (${p.tREFI_cycles})`, 'check the timing values against the datasheet (LPDDR4-3200: tRCD 29, tRCpb 97, RL 28, tRFCab 448, tREFI 6246)');
  }
  // Command energies are increments over a background current; a negative one is a typo.
  const above = (hi: IddState, lo: IddState): void => {
    for (const r of RAILS) {
      const a = p[currentKey(hi, r)];
      const b = p[currentKey(lo, r)];
      if (a < b) {
        fail(currentKey(hi, r), `${currentKey(hi, r)} = ${a} is below ${currentKey(lo, r)} = ${b}`, `at least ${b} mA`, 'IDD0, IDD4R, IDD4W and IDD5 include the standby current; check the datasheet table');
      }
    }
  };
  above('idd0', 'idd3n');
  above('idd0', 'idd2n');
  above('idd4r', 'idd3n');
  above('idd4w', 'idd3n');
  above('idd5', 'idd3n');
  // A line can change level at most twice per high bit-time it spends: rate ≤ 2·min(ones, 1 − ones).
  const toggles = (rateKey: 'ioDataToggleRate' | 'ioCommandToggleRate', onesKey: 'ioDataOnesFraction' | 'ioCommandOnesFraction'): void => {
    const max = 2 * Math.min(p[onesKey], 1 - p[onesKey]);
    if (p[rateKey] > max + 1e-12) {
      fail(rateKey, `${rateKey} ${p[rateKey]} is more than a line high ${p[onesKey]} of the time can toggle`, `at most 2 × min(${onesKey}, 1 − ${onesKey}) = ${max}`, `lower ${rateKey} or move ${onesKey} toward 0.5`);
    }
  };
  toggles('ioDataToggleRate', 'ioDataOnesFraction');
  toggles('ioCommandToggleRate', 'ioCommandOnesFraction');
}

import type { DramParams } from './spec.js';

/**
 * The timing constraints of one channel in clock cycles, derived once from the
 * parameters. Composite delays follow JESD209-4 (LPDDR4) for BL16.
 */
export interface DramTiming {
  readonly banks: number;
  readonly tRCD: number;
  readonly tRPpb: number;
  readonly tRPab: number;
  readonly tRAS: number;
  readonly tRC: number;
  readonly tRFC: number;
  readonly tREFI: number;
  readonly tCKE: number;
  readonly tXP: number;
  readonly tSR: number;
  readonly tXSR: number;
  readonly tCCD: number;
  readonly tRRD: number;
  readonly tFAW: number;
  readonly RL: number;
  readonly WL: number;
  /** Cycles a burst occupies the data bus: BL / 2 (double data rate). */
  readonly burst: number;
  /** RD to PRE, same bank: BL/2 + max(8, tRTP) − 8. */
  readonly rdToPre: number;
  /** WR to PRE, same bank: WL + BL/2 + 1 + tWR (the 1 is tDQSS). */
  readonly wrToPre: number;
  /** WR to RD, any bank: WL + BL/2 + 1 + tWTR. */
  readonly wrToRd: number;
  /** WR to its first data beat: WL + 1 (tDQSS). */
  readonly wrData: number;
  /** Power-up sequence after supplies return, cycles (rounded up). */
  readonly powerUp: number;
}

export type TimingRule =
  | 'order'
  | 'tRCD'
  | 'tRP'
  | 'tRPab'
  | 'tRAS'
  | 'tRC'
  | 'tCCD'
  | 'tRRD'
  | 'tFAW'
  | 'tRTP'
  | 'tWR'
  | 'tWTR'
  | 'dataBus'
  | 'tRFC'
  | 'tCKE'
  | 'tXP'
  | 'tSR'
  | 'tXSR'
  | 'powerUp';

export function deriveTiming(p: DramParams): DramTiming {
  const burst = p.burstLength / 2;
  return {
    banks: p.banks,
    tRCD: p.tRCD_cycles,
    tRPpb: p.tRPpb_cycles,
    tRPab: p.tRPab_cycles,
    tRAS: p.tRAS_cycles,
    tRC: p.tRCpb_cycles,
    tRFC: p.tRFCab_cycles,
    tREFI: p.tREFI_cycles,
    tCKE: p.tCKE_cycles,
    tXP: p.tXP_cycles,
    tSR: p.tSR_cycles,
    tXSR: p.tXSR_cycles,
    tCCD: p.tCCD_cycles,
    tRRD: p.tRRD_cycles,
    tFAW: p.tFAW_cycles,
    RL: p.RL_cycles,
    WL: p.WL_cycles,
    burst,
    rdToPre: burst + Math.max(8, p.tRTP_cycles) - 8,
    wrToPre: p.WL_cycles + burst + 1 + p.tWR_cycles,
    wrToRd: p.WL_cycles + burst + 1 + p.tWTR_cycles,
    wrData: p.WL_cycles + 1,
    powerUp: Math.ceil(p.powerUpTime_ns / p.tCK_ns - 1e-9),
  };
}

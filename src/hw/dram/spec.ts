import { interfaceParams, type InterfaceParams } from './interface-spec.js';
import { dramStats } from './stats-spec.js';
import {
  nonNegNum,
  num,
  oneOf,
  posInt,
  type ComponentSpec,
  type ParamSpec,
} from '../../engine/spec.js';
import { thousands } from '../../util/format.js';

export { ENERGY_TERMS, RESIDENCY_KEYS, COMMAND_COUNT_KEYS } from './stats-spec.js';
export type { EnergyTerm, ResidencyKey, CommandCountKey } from './stats-spec.js';

/**
 * The `dram` config section: LPDDR4 channels (x16 each). Every default is a
 * literal copied from reference/lpddr4-3200.json (JEDEC 8 Gb LPDDR4-3200 x16,
 * DRAMSys/DRAMPower memspecs) unless it says "assumption".
 */

export const IDLE_POLICIES = ['standby', 'power-down', 'self-refresh', 'off', 'best'] as const;
export type DramIdlePolicy = (typeof IDLE_POLICIES)[number];

/** IDD measurement states (JEDEC names) and the three supply rails. */
export const IDD_STATES = ['idd0', 'idd2p', 'idd2n', 'idd3p', 'idd3n', 'idd4r', 'idd4w', 'idd5', 'idd6'] as const;
export type IddState = (typeof IDD_STATES)[number];
export const RAILS = ['vdd1', 'vdd2', 'vddq'] as const;
export type Rail = (typeof RAILS)[number];
export type CurrentKey = `${IddState}_${Rail}_mA`;
export const currentKey = (state: IddState, rail: Rail): CurrentKey => `${state}_${rail}_mA`;

const BACKGROUND_FORMS = ['all-banks-IDD3N', 'one-bank-IDD3N'] as const;
type BackgroundForm = (typeof BACKGROUND_FORMS)[number];

export type DramParams = InterfaceParams & {
  channels: number;
  banks: number;
  rows: number;
  columns: number;
  channelWidth_bits: number;
  burstLength: number;
  tCK_ns: number;
  tRCD_cycles: number;
  tRPpb_cycles: number;
  tRPab_cycles: number;
  tRAS_cycles: number;
  tRCpb_cycles: number;
  tRFCab_cycles: number;
  tREFI_cycles: number;
  tCKE_cycles: number;
  tXP_cycles: number;
  tSR_cycles: number;
  tXSR_cycles: number;
  tCCD_cycles: number;
  tRRD_cycles: number;
  tFAW_cycles: number;
  tRTP_cycles: number;
  tWR_cycles: number;
  tWTR_cycles: number;
  RL_cycles: number;
  WL_cycles: number;
  vdd1_V: number;
  vdd2_V: number;
  vddq_V: number;
  activeBackgroundRho: number;
  activeBackgroundForm: BackgroundForm;
  interleave_B: number;
  idlePolicy: DramIdlePolicy;
  powerDownIdleThreshold_ns: number;
  selfRefreshIdleThreshold_ns: number;
  powerUpTime_ns: number;
} & Record<CurrentKey, number>;

const REF = 'reference/lpddr4-3200.json';

/** Currents per state and rail in mA, literals from reference/lpddr4-3200.json `current_mA`. */
const CURRENTS: ReadonlyArray<readonly [IddState, number, number, number, string]> = [
  ['idd0', 3.5, 45.0, 0.75, 'one bank activate-precharge cycling at tRC'],
  ['idd2p', 1.2, 3.0, 0.75, 'precharge power-down (CKE low, all banks closed)'],
  ['idd2n', 2.0, 27.0, 0.75, 'precharge standby (CKE high, all banks closed)'],
  ['idd3p', 1.2, 9.0, 0.75, 'active power-down (CKE low, a bank open)'],
  ['idd3n', 2.25, 30.0, 0.75, 'active standby (CKE high, a bank open)'],
  ['idd4r', 2.25, 275.0, 150.0, 'burst read at full bandwidth'],
  ['idd4w', 2.25, 210.0, 55.0, 'burst write at full bandwidth'],
  ['idd5', 10.0, 90.0, 0.75, 'all-bank refresh (REFab) back to back at tRFCab'],
  ['idd6', 0.3, 0.5, 0.1, 'self-refresh'],
];

/**
 * Upper bounds are sanity bounds, far beyond any real part: they keep a typo
 * (1e9 channels) from exhausting memory or simulated time, and say so.
 */
const bounded = (description: string, max: number): string => `${description} (at most ${thousands(max)}, a sanity bound no real part approaches)`;
const count = (key: string, def: number, description: string, max: number, source = REF): ParamSpec => ({
  key,
  unit: 'count',
  description: bounded(description, max),
  default: def,
  source,
  schema: posInt({ maximum: max }),
});
/**
 * Timing parameters: JEDEC values are below 10,000 cycles (tREFI, 6246 here),
 * and every one of them is a minimum of at least one clock (JESD209-4 AC
 * timing table: each has an nCK floor), so 0 would be a DRAM with no latency.
 */
const MAX_TIMING_CYCLES = 100_000;
const cycles = (key: string, def: number, description: string): ParamSpec => ({
  key,
  unit: 'cycles of tCK',
  description: `${bounded(description, MAX_TIMING_CYCLES)}; at least 1 (JESD209-4 gives every timing a floor of at least one clock)`,
  default: def,
  source: `${REF} timing_cycles`,
  schema: posInt({ maximum: MAX_TIMING_CYCLES }),
});
/**
 * Supply voltages, 0.3 V to 3.3 V: sanity bounds around every DRAM supply (LPDDR5X VDDQ 0.5 V to SDR SDRAM 3.3 V);
 * LPDDR4 itself is 1.70 to 1.95 V on VDD1 and 1.06 to 1.17 V on VDD2 and VDDQ (JESD209-4 recommended operating conditions).
 */
const MIN_SUPPLY_V = 0.3;
const MAX_SUPPLY_V = 3.3;
/** Currents per rail: a sanity bound 36× the largest LPDDR4-3200 figure (IDD4R on VDD2, 275 mA). */
const MAX_CURRENT_MA = 10_000;
/** Idle thresholds and the power-up time: JEDEC values are milliseconds at most; 1 s keeps every event time far below 2^53 ps. */
const MAX_DELAY_NS = 1e9;
const volts = (key: string, def: number, rail: string): ParamSpec => ({
  key,
  unit: 'V',
  description: `supply voltage of ${rail}, ${MIN_SUPPLY_V} to ${MAX_SUPPLY_V} V (sanity bounds around every DRAM supply, LPDDR5X VDDQ 0.5 V to SDR 3.3 V; LPDDR4 is 1.06 to 1.95 V, JESD209-4)`,
  default: def,
  source: `${REF} voltage_V`,
  schema: num({ minimum: MIN_SUPPLY_V, maximum: MAX_SUPPLY_V }),
});

const currentParams: ParamSpec[] = CURRENTS.flatMap(([state, vdd1, vdd2, vddq, what]) =>
  ([['vdd1', vdd1], ['vdd2', vdd2], ['vddq', vddq]] as const).map(([rail, value]) => ({
    key: currentKey(state, rail),
    unit: 'mA',
    description: `${state.toUpperCase()} on ${rail.toUpperCase()}: ${what} (at most ${thousands(MAX_CURRENT_MA)} mA, a sanity bound 36× the largest LPDDR4-3200 current, IDD4R on VDD2 at 275 mA)`,
    default: value,
    source: `${REF} current_mA.${state}.${rail}`,
    schema: nonNegNum({ maximum: MAX_CURRENT_MA }),
  })),
);

const params: ParamSpec[] = [
  count('channels', 1, 'x16 LPDDR4 channels, each with its own banks, command and data bus', 64, `${REF} (one x16 channel)`),
  count('banks', 8, 'banks per channel (LPDDR4 has 8, LPDDR5 16)', 32, `${REF} architecture.banks`),
  count('rows', 65536, 'rows per bank', 1 << 20, `${REF} architecture.rows`),
  count('columns', 1024, 'columns per row (one column = channelWidth_bits)', 1 << 16, `${REF} architecture.columns`),
  {
    key: 'channelWidth_bits',
    unit: 'bits',
    description: bounded('data bus width of one channel', 128),
    default: 16,
    source: `${REF} architecture.width_bits`,
    schema: posInt({ maximum: 128 }),
  },
  count('burstLength', 16, 'burst length BL in beats; one burst moves channelWidth_bits × BL / 8 bytes in BL/2 cycles (double data rate)', 64, `${REF} architecture.burstLength`),
  {
    key: 'tCK_ns',
    unit: 'ns',
    description: 'clock period, 0.1 ns (10 GHz) to 100 ns (10 MHz): sanity bounds around every LPDDR generation (0.3 to 1.9 ns); a shorter period would round to 0 ps',
    default: 0.625,
    source: `${REF} timing_cycles.tCK_ns`,
    schema: num({ minimum: 0.1, maximum: 100 }),
  },
  cycles('tRCD_cycles', 29, 'ACT to RD/WR, same bank'),
  cycles('tRPpb_cycles', 29, 'PRE to ACT/REF, same bank'),
  cycles('tRPab_cycles', 34, 'PREA to ACT/REF'),
  cycles('tRAS_cycles', 68, 'ACT to PRE, same bank'),
  cycles('tRCpb_cycles', 97, 'ACT to ACT, same bank'),
  cycles('tRFCab_cycles', 448, 'REFab duration: REF to any ACT/REF'),
  cycles('tREFI_cycles', 6246, 'average interval between all-bank refreshes'),
  cycles('tCKE_cycles', 12, 'minimum time in power-down (PDE to PDX) and out of it (PDX to PDE)'),
  cycles('tXP_cycles', 12, 'power-down exit to next command'),
  cycles('tSR_cycles', 24, 'minimum self-refresh time (SREFEN to SREFEX)'),
  cycles('tXSR_cycles', 460, 'self-refresh exit to next command'),
  cycles('tCCD_cycles', 8, 'column command to column command'),
  cycles('tRRD_cycles', 16, 'ACT to ACT, different banks'),
  cycles('tFAW_cycles', 64, 'window in which at most four ACTs may be issued'),
  cycles('tRTP_cycles', 12, 'read to precharge (used as BL/2 + max(8, tRTP) − 8, JESD209-4)'),
  cycles('tWR_cycles', 29, 'write recovery (WR to PRE = WL + BL/2 + 1 + tWR, JESD209-4)'),
  cycles('tWTR_cycles', 16, 'write to read turnaround (WR to RD = WL + BL/2 + 1 + tWTR, JESD209-4)'),
  cycles('RL_cycles', 28, 'read latency: RD to first data beat'),
  cycles('WL_cycles', 14, 'write latency: WR to first data beat (plus one cycle of tDQSS)'),
  volts('vdd1_V', 1.8, 'VDD1 (core)'),
  volts('vdd2_V', 1.1, 'VDD2 (core)'),
  volts('vddq_V', 1.1, 'VDDQ (I/O)'),
  ...currentParams,
  {
    key: 'activeBackgroundRho',
    unit: '-',
    description:
      "DRAMPower's bank-wise factor rho: active background = V·I_rho·(time with any bank open) + V·ΔI·(sum over banks of open time), I_rho = IDD2N + rho·(IDD3N − IDD2N), ΔI per activeBackgroundForm. 1 gives the plain V·IDD3N·time of the reference note",
    default: 1,
    source: `${REF} power_states.note; DRAMPower src/DRAMPower/DRAMPower/memspec/MemSpecLPDDR4.cpp (factRho defaults to 1)`,
    schema: { type: 'number', minimum: 0, maximum: 1 },
  },
  {
    key: 'activeBackgroundForm',
    unit: '-',
    description:
      'which bank count IDD3N is measured with, fixing the per-bank share of the active background: all-banks-IDD3N adds (IDD3N − I_rho)/banks per open bank (DRAMPower 6.2, as its DDR4/DDR5 models: I_1 = (IDD3N + (B−1)·I_rho)/B, E_ACT = V·(IDD0 − I_1)·tRAS, E_REF = V·(IDD5 − IDD3N)·tRFC); one-bank-IDD3N adds IDD3N − I_rho per open bank (earlier DRAMPower LPDDR4, E_ACT with IDD3N, E_REF with I_rho + B·(IDD3N − I_rho)). Identical when activeBackgroundRho = 1',
    default: 'all-banks-IDD3N',
    source:
      "DRAMPower 6.2 (tukl-msd/DRAMPower PR #152, 'unify I_rho calculations/definition across DDR and LPDDR'), following src/DRAMPower/DRAMPower/standards/ddr4/core_calculation_DDR4.cpp and ddr5/core_calculation_DDR5.cpp (the LPDDR4 file after that change was not available to read; earlier LPDDR4: standards/lpddr4/core_calculation_LPDDR4.cpp)",
    schema: oneOf(BACKGROUND_FORMS),
  },
  ...interfaceParams,
  {
    key: 'interleave_B',
    unit: 'B',
    description: bounded('bytes placed in one channel before the next address goes to the next channel (a multiple of one burst)', 1 << 20),
    default: 32,
    source: 'assumption: one burst (16 bits × BL16 = 32 B), so every transfer of 32·channels bytes or more uses all channels',
    schema: posInt({ maximum: 1 << 20 }),
  },
  {
    key: 'memspec',
    unit: '-',
    description:
      'an LPDDR4 memory specification to read, relative to the config file (DRAMSys configs/memspec/*.json or a DRAMPower 6 memspec): organisation, tCK, timings, currents, voltages and factRho; keys written in this section win over the file. `maxnvm import memspec` writes the same keys as a fragment',
    source: 'tukl-msd/DRAMSys configs/memspec; tukl-msd/DRAMPower memspec JSON',
    optional: true,
    schema: { type: 'string', minLength: 1 },
  },
  {
    key: 'idlePolicy',
    unit: '-',
    description:
      'low-power state between uses (sleep/wake): standby (stay awake, refresh continues), power-down (rows closed, precharge power-down after powerDownIdleThreshold_ns), self-refresh (power-down, then self-refresh after selfRefreshIdleThreshold_ns), off (supplies removed, contents lost), best (the cheapest for the known idle length)',
    default: 'power-down',
    source:
      'assumption: idle power-down is the usual LPDDR4 controller default and its exit (tXP = 7.5 ns) never delays a frame; self-refresh and off trade exit latency (tXSR, power-up) for lower power and are opt-in',
    schema: oneOf(IDLE_POLICIES),
  },
  {
    key: 'powerDownIdleThreshold_ns',
    unit: 'ns',
    description: bounded('idle time after which the controller closes rows and enters power-down', MAX_DELAY_NS),
    default: 0,
    source:
      'DRAMSys staggered power-down policy (tukl-msd/DRAMSys src/DRAMSys/controller/powerdown/PowerDownManagerStaggered.cpp): power-down is entered as soon as the controller is idle',
    schema: nonNegNum({ maximum: MAX_DELAY_NS }),
  },
  {
    key: 'selfRefreshIdleThreshold_ns',
    unit: 'ns',
    description: bounded('idle time after which the controller moves to self-refresh (self-refresh policy)', MAX_DELAY_NS),
    default: 3903.75,
    source:
      'assumption: one refresh interval (tREFI = 6246 × 0.625 ns), after the DRAMSys staggered policy, which moves from precharge power-down to self-refresh at the first refresh due while idle',
    schema: nonNegNum({ maximum: MAX_DELAY_NS }),
  },
  {
    key: 'powerUpTime_ns',
    unit: 'ns',
    description: bounded('time from supplies on to the first command after an off period; the device draws precharge-standby current meanwhile (assumption)', MAX_DELAY_NS),
    default: 2203000,
    source:
      'JESD209-4 power-up sequence minima: tINIT1 200 µs (RESET_n low) + tINIT3 2 ms (to CKE high) + tINIT5 2 µs + tZQCAL 1 µs; training not counted',
    schema: nonNegNum({ maximum: MAX_DELAY_NS }),
  },
];

export const dramSpec: ComponentSpec = {
  name: 'dram',
  description:
    'LPDDR4 DRAM: x16 channels interleaved by address, banks with open rows, command-level timing (JESD209-4 rules), refresh every tREFI, power-down, self-refresh and off between uses, energy by DRAMPower equations: core (VDD1 + VDD2) from IDD currents, interface (VDDQ) from LVSTL termination and switching per line.',
  params,
  stats: dramStats,
};

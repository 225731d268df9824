import type { StatSpec } from '../../engine/spec.js';

/** Statistics of the `dram` section: energy terms, power-state residency, command counts, traffic. */

const stat = (key: string, unit: string, description: string): StatSpec => ({ key, unit, description });

/** Core terms (VDD1 + VDD2, from IDD currents) and the two interface terms (VDDQ, from the LVSTL line model). */
export const ENERGY_TERMS = ['act', 'pre', 'read', 'write', 'refresh', 'background', 'io_termination', 'io_switching'] as const;
export type EnergyTerm = (typeof ENERGY_TERMS)[number];
export const RESIDENCY_KEYS = [
  'active_standby',
  'precharge_standby',
  'active_power_down',
  'precharge_power_down',
  'self_refresh',
  'off',
] as const;
export type ResidencyKey = (typeof RESIDENCY_KEYS)[number];
export const COMMAND_COUNT_KEYS = ['act', 'pre', 'prea', 'rd', 'wr', 'ref', 'pde', 'pdx', 'srefen', 'srefex', 'powerOff', 'powerOn'] as const;
export type CommandCountKey = (typeof COMMAND_COUNT_KEYS)[number];

const ENERGY_DESCRIPTIONS: Record<EnergyTerm, string> = {
  act: 'core (VDD1 + VDD2) energy of activates',
  pre: 'core energy of precharges (per bank closed)',
  read: 'core energy of read bursts',
  write: 'core energy of write bursts',
  refresh: 'core energy of all-bank refreshes',
  background: 'core background energy in every power state',
  io_termination: 'interface (VDDQ) energy in the on-die terminations while lines are high: DQ, DBI, DQS, CA, CS, CK, both ends',
  io_switching: 'interface (VDDQ) energy charging line capacitance on 0→1 transitions: DQ, DBI, DQS, CA, CS, CK, both ends',
};

export const dramStats: StatSpec[] = [
  ...ENERGY_TERMS.map((t) => stat(`energy_${t}_J`, 'J', ENERGY_DESCRIPTIONS[t])),
  ...RESIDENCY_KEYS.map((k) => stat(`residency_${k}_s`, 's', `time in ${k.replace(/_/g, ' ')}, mean over channels`)),
  ...COMMAND_COUNT_KEYS.map((k) => stat(`commands_${k}`, 'count', `${k} commands (pre counts banks closed, also by PREA)`)),
  stat('bytesRead_B', 'B', 'bytes requested by reads'),
  stat('bytesWritten_B', 'B', 'bytes requested by writes'),
  stat('bursts', 'count', 'column bursts (32 B each by default)'),
  stat('rowHits', 'count', 'bursts served from a row opened for an earlier burst'),
  stat('rowMisses', 'count', 'bursts that needed their own ACT'),
];

import { stat, type StatSpec } from '../../engine/spec.js';

/** Statistics of the `dram` section: energy terms, power-state residency, command counts, traffic. */

const counter = stat('counter', 'model: src/hw/dram/ (command scheduler and counters)');
const energyTerm = stat('energy', 'model: src/hw/dram/ (DRAMPower core equations, LVSTL interface; reference/lpddr4-3200.json)');
const powerState = stat('state', 'model: src/hw/dram/ (power states of the channels, IDD currents of reference/lpddr4-3200.json)');

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
  ...ENERGY_TERMS.map((t) => energyTerm(t, 'J', ENERGY_DESCRIPTIONS[t])),
  ...RESIDENCY_KEYS.map((k) => powerState(k, 's, J', `time in ${k.replace(/_/g, ' ')} (mean over channels), and the background energy in it`)),
  ...COMMAND_COUNT_KEYS.map((k) => counter(`${k}Commands`, 'count', `${k} commands (pre counts banks closed, also by PREA)`)),
  counter('bytesRead_B', 'B', 'bytes requested by reads'),
  counter('bytesWritten_B', 'B', 'bytes requested by writes'),
  counter('bursts', 'count', 'column bursts (32 B each by default)'),
  counter('rowHits', 'count', 'bursts served from a row opened for an earlier burst'),
  counter('rowMisses', 'count', 'bursts that needed their own ACT'),
];

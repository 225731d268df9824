import { bool, posNum, type ParamSpec } from '../../engine/spec.js';

/**
 * Parameters of the LPDDR4 interface (LVSTL lines terminated to VSSQ) whose
 * termination and switching energy `interface-energy.ts` computes. Physical
 * values come from reference/lpddr4-interface.json; activity factors are
 * stated assumptions the user can change.
 */
export interface InterfaceParams {
  ioOdt_ohm: number;
  ioVohFraction: number;
  ioLineCapacitance_pF: number;
  ioDataOnesFraction: number;
  ioDataToggleRate: number;
  ioCommandOnesFraction: number;
  ioCommandToggleRate: number;
  ioDbi: boolean;
  ioClockStopWhileCkeLow: boolean;
}

const REF = 'reference/lpddr4-interface.json';
const fraction = { type: 'number', minimum: 0, maximum: 1 };
const RANDOM_BITS = 'assumption: uniformly random independent bits are high half the time';
const RANDOM_TOGGLES = 'assumption: uniformly random independent bits differ from the previous bit half the time (DRAMPower calls this the toggling rate)';

export const interfaceParams: ParamSpec[] = [
  {
    key: 'ioOdt_ohm',
    unit: 'ohm',
    description: 'on-die termination to VSSQ at the receiving end of every interface line (DQ, DQS, DBI at the receiver of each direction; CA, CS, CK at the DRAM)',
    default: 48,
    source: `${REF} odt_ohm (AMD UG863: all LPDDR4 lines use ODT 48 ohm = RZQ/5)`,
    schema: posNum({ maximum: 1e6 }),
  },
  {
    key: 'ioVohFraction',
    unit: 'V/V',
    description: 'high level of a driven line as a fraction of VDDQ (VOH / VDDQ); with the termination it fixes the driver pull-up R_pu = ioOdt_ohm × (1/ioVohFraction − 1)',
    default: 1 / 3,
    source: `${REF} voh_fraction_of_vddq (JESD209-4 MR3 PU-CAL default VDDQ/3)`,
    schema: { type: 'number', exclusiveMinimum: 0, maximum: 1 },
  },
  {
    key: 'ioLineCapacitance_pF',
    unit: 'pF',
    description: 'capacitance switched per line: both pads plus package and board route',
    default: 3,
    source: `${REF} line_capacitance_pF (assumption: 1 pF DRAM pad + 1 pF controller pad + 1 pF route)`,
    schema: posNum({ maximum: 1000 }),
  },
  {
    key: 'ioDataOnesFraction',
    unit: '-',
    description: 'fraction of data bit-times (DQ and, with ioDbi, DBI) driven high; termination energy is paid only for these',
    default: 0.5,
    source: RANDOM_BITS,
    schema: fraction,
  },
  {
    key: 'ioDataToggleRate',
    unit: '-',
    description: 'fraction of data bit-times in which a DQ (or DBI) line changes level; half of the changes are 0→1 and draw switching energy. At most 2 × min(ioDataOnesFraction, 1 − ioDataOnesFraction)',
    default: 0.5,
    source: RANDOM_TOGGLES,
    schema: fraction,
  },
  {
    key: 'ioCommandOnesFraction',
    unit: '-',
    description: 'fraction of CA bit-times driven high during a command (CS follows the command encoding exactly)',
    default: 0.5,
    source: `${RANDOM_BITS} (command codes and row, column and bank addresses mixed)`,
    schema: fraction,
  },
  {
    key: 'ioCommandToggleRate',
    unit: '-',
    description: 'fraction of CA bit-times during a command in which a CA line changes level. At most 2 × min(ioCommandOnesFraction, 1 − ioCommandOnesFraction)',
    default: 0.5,
    source: RANDOM_TOGGLES,
    schema: fraction,
  },
  {
    key: 'ioDbi',
    unit: '-',
    description: 'data bus inversion on: the DBI line of each byte is driven during bursts with the data activity factors (set ioDataOnesFraction to the inverted data statistics)',
    default: false,
    source: `${REF} dbi_default (JESD209-4 MR3 DBI-RD and DBI-WR default disabled)`,
    schema: bool(),
  },
  {
    key: 'ioClockStopWhileCkeLow',
    unit: '-',
    description: 'CK stops (both lines parked low, no termination or switching) in active and precharge power-down and in self-refresh, and is off with the supplies; it runs in active and precharge standby',
    default: true,
    source: `${REF} clock_stop (JESD209-4: CK need only be valid tCKELCK after CKE falls and tCKCKEH before it rises)`,
    schema: bool(),
  },
];

import type { AssumptionName, BandPoint, RatioBand } from '../../../src/system/ratio-band.js';

/**
 * Hand-made ratio bands matching the plot fixture's systems and rates (test/golden/plots/fixture.json):
 * the default ratio is the fixture's baseline (best) power over the system's power; the ends are made up
 * around it, with the CTT system's high end moving to another corner from 10 fps on (so one end has two
 * legend entries) and its low end driven by the flash energy at 1 fps. Infeasible where the fixture is.
 */
const L: AssumptionName = 'gatedLeakageFraction';
const F: AssumptionName = 'flashEnergy_pJ_per_B';
type End = [ratio: number, leak: number, flash_pJ_per_B: number, driver: AssumptionName];

function point(fps: number, baseline_W: number, system_W: number, low: End, high: End): BandPoint {
  const end = ([ratio, g, f, driver]: End) => ({ ratio, assumptions: { gatedLeakageFraction: g, flashEnergy_pJ_per_B: f }, driver });
  return { fps, baseline_W, system_W, ratio: baseline_W / system_W, low: end(low), high: end(high) };
}

const DEFAULTS = { gatedLeakageFraction: 0.05, flashEnergy_pJ_per_B: 292 };
const RATES = [1, 3, 10, 30, 100];

export function bandFixture(): RatioBand[] {
  return [
    {
      system: 'rram-2bpc',
      baseline: 'lpddr4-baseline',
      defaults: DEFAULTS,
      rates: RATES,
      points: [
        point(1, 0.014875, 0.00386, [3.1, 0.05, 100, L], [6.2, 0.001, 2000, L]),
        point(3, 0.024625002, 0.007580001, [2.9, 0.05, 100, L], [4.4, 0.001, 2000, L]),
        point(10, 0.05875, 0.0206, [2.8, 0.05, 100, L], [3.3, 0.001, 2000, L]),
        point(30, 0.15625002, 0.05780001, [2.7, 0.05, 100, L], [2.8, 0.001, 2000, L]),
        null,
      ],
    },
    {
      system: 'ctt-3bpc',
      baseline: 'lpddr4-baseline',
      defaults: DEFAULTS,
      rates: RATES,
      points: [
        point(1, 0.014875, 0.004, [2.9, 0.05, 100, F], [5.9, 0.001, 2000, L]),
        point(3, 0.024625002, 0.008000001, [2.8, 0.05, 100, L], [4.1, 0.001, 2000, L]),
        point(10, 0.05875, 0.022, [2.6, 0.05, 100, L], [3.0, 0.001, 100, L]),
        null,
        null,
      ],
    },
  ];
}

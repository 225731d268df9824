import { beforeAll, describe, expect, it } from 'vitest';
import { WAKE_TOLERANCE_ps } from '../../../src/system/sweep/compose.js';
import { logSpacedRates } from '../../../src/system/sweep/grid.js';
import { runSweep } from '../../../src/system/sweep/run-sweep.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

/**
 * Pruned, clustered ResNet-50 on the NVDLA + LPDDR4 baseline: the DRAM idle
 * policies over 15 log-spaced rates from 0.1 to 200 fps (one inference takes
 * about 4.5 ms under the released software, so every rate is feasible), composed on 2 workers (about 5 s).
 *
 * Tolerance: a composed period counts up to WAKE_TOLERANCE_ps (1 ns) more or
 * less of background at the wake-up, and frame starts fall at any phase of the
 * LPDDR4 clock (src/system/sweep/compose.ts). So "not more energy" is checked
 * within 1 ns of the system's highest background power: the sum over devices
 * of their highest per-state power, measured from the rows themselves
 * (stateEnergy_J / residency_s).
 */
const FIXED = ['standby', 'power-down', 'self-refresh', 'off'] as const;
const POLICIES = [...FIXED, 'best'] as const;
const FPS = logSpacedRates(0.1, 200, 15);

let rows: SweepRow[] = [];
/** 1 ns of the highest background power of every device, J. */
let TOL_J = NaN;
let maxPower_W = new Map<string, number>();
beforeAll(async () => {
  rows = await runSweep(
    { archFiles: ['arch-configs/nvdla-full-lpddr4.json'], traceFiles: ['traces/resnet50-v1.5-str81-c16.json'], fps: FPS, policies: [...POLICIES], seed: 1 },
    { workers: 2 },
  );
  maxPower_W = highestStatePower_W(rows);
  TOL_J = [...maxPower_W.values()].reduce((a, b) => a + b, 0) * WAKE_TOLERANCE_ps * 1e-12;
}, 60_000);
const byPolicy = (p: string): SweepRow[] => rows.filter((r) => r.dramPolicy === p);
const energy = (r: SweepRow): number => (r.feasible ? r.energy_J : NaN);
const power = (r: SweepRow): number => (r.feasible ? r.power_W : NaN);

/** Each device's highest background power in any state at any point, W. */
function highestStatePower_W(rows: readonly SweepRow[]): Map<string, number> {
  const maxPower = new Map<string, number>();
  for (const r of rows) {
    if (!r.feasible) continue;
    for (const [device, states] of Object.entries(r.stateEnergy_J)) {
      for (const [state, e] of Object.entries(states)) {
        const t = r.residency_s[device]?.[state] ?? 0;
        if (t > 0) maxPower.set(device, Math.max(maxPower.get(device) ?? 0, e / t));
      }
    }
  }
  return maxPower;
}

describe('ResNet-50 on NVDLA + LPDDR4 across frame rates and DRAM idle policies', () => {
  it('every point is feasible; the tolerance covers the DRAM, the core and the always-on control and is below a nanojoule', () => {
    expect(rows).toHaveLength(POLICIES.length * FPS.length);
    expect(rows.every((r) => r.feasible)).toBe(true);
    expect([...maxPower_W.keys()].sort()).toEqual(['controlDomain', 'dram', 'nvdla']);
    expect(TOL_J).toBeGreaterThan(0);
    expect(TOL_J).toBeLessThan(1e-9);
  });

  for (const policy of ['standby', 'power-down', 'self-refresh'] as const) {
    it(`${policy}: power rises and energy per frame falls with every step up in rate`, () => {
      // The DRAM draws background power in every state of these policies, so a shorter gap always saves energy.
      const r = byPolicy(policy);
      for (let i = 1; i < r.length; i++) {
        expect(power(r[i]!), `${policy} @ ${r[i]!.fps} fps`).toBeGreaterThan(power(r[i - 1]!));
        expect(energy(r[i]!), `${policy} @ ${r[i]!.fps} fps`).toBeLessThan(energy(r[i - 1]!));
      }
    });
  }

  it('best: power rises with the rate and energy per frame never rises', () => {
    // At the lowest rates best powers the DRAM off: the gap then costs the same (power-up, reload) whatever its
    // length, so the energy per frame is flat there, and falls once self-refresh is cheaper.
    const r = byPolicy('best');
    for (let i = 1; i < r.length; i++) {
      expect(power(r[i]!), `best @ ${r[i]!.fps} fps`).toBeGreaterThan(power(r[i - 1]!));
      expect(energy(r[i]!), `best @ ${r[i]!.fps} fps`).toBeLessThanOrEqual(energy(r[i - 1]!) + TOL_J);
    }
    expect(energy(r[r.length - 1]!)).toBeLessThan(energy(r[0]!));
  });

  it('best is never worse than any fixed policy (standby, power-down, self-refresh, off) at any rate', () => {
    const best = byPolicy('best');
    for (const policy of FIXED) {
      byPolicy(policy).forEach((fixed, i) => {
        const b = best[i]!;
        expect(b.fps).toBe(fixed.fps);
        expect(energy(b), `best vs ${policy} @ ${b.fps} fps`).toBeLessThanOrEqual(energy(fixed) + TOL_J);
      });
    }
  });
});

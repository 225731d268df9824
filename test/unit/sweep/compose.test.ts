import { si } from '../../../src/util/format.js';
import { describe, expect, it } from 'vitest';
import { loadArchConfig, withDramIdlePolicy, type ArchConfig } from '../../../src/config/arch-config.js';
import { PS_PER_S } from '../../../src/engine/time.js';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import type { EnergyAccount, PowerManaged } from '../../../src/hw/memory.js';
import { PowerGate } from '../../../src/hw/power-gate.js';
import { IDLE_POLICIES } from '../../../src/hw/dram/spec.js';
import { buildSystem } from '../../../src/system/build.js';
import { StatsRegistry, sumNested } from '../../../src/engine/stats.js';
import { stat } from '../../../src/engine/spec.js';
import { replayFrames, type PointMeasurement } from '../../../src/system/replay.js';
import { coldInference, composePeriod, composer, type ColdStart } from '../../../src/system/sweep/compose.js';
import type { System } from '../../../src/system/system.js';
import { loadTrace } from '../../../src/workload/load-trace.js';

/**
 * The composed steady-state period (one cold inference + one measured gap)
 * against a replay of 3 frames (1 warm-up + 2 measured) on the tiny trace.
 *
 * Tolerances, and why (see the comment in src/system/sweep/compose.ts):
 * - Low rates (1/30 s and longer periods, where the gap dominates): total
 *   energy per period within REL = 1e-3 on every DRAM policy.
 * - Every rate, component by component:
 *   · the DRAM within REL plus one refresh interval of idle DRAM energy (all
 *     channels, one REF each; measured below on a fresh LPDDR4): where the
 *     refresh grid falls in a period and the rows the inference leaves open
 *     are the only DRAM differences, and a 3-frame replay carries the same
 *     phase error against the long-run mean;
 *   · every other component within REL plus its mean power during the
 *     inference over a refresh stall + CLOCK_PHASE_s: a replayed inference runs
 *     longer when a refresh collides with its traffic (tRPab + tRFCab + tRCD:
 *     close every row, refresh, reopen the row), and a frame start
 *     falls at any phase of the core, SRAM, eNVM and DRAM clocks, so it can
 *     start up to about a cycle later per clocked unit (1 ns at 1 GHz);
 *     assumption: 4 ns covers the phases and the composition's 1 ns wake-up
 *     tolerance (WAKE_TOLERANCE_ps);
 *   · the backing store (weights reloaded after `off`) within 1e-9: exactly one
 *     reload per period, or none, in both.
 * - Latency within a refresh stall + CLOCK_PHASE_s.
 * - Each device's residencies sum to the period within 2 ns: the DRAM accounts
 *   whole clocks (0.625 ns) and a composed gap may end up to WAKE_TOLERANCE_ps
 *   (1 ns) off the steady wake-up.
 * The tiny trace makes these effects large against one inference (297 ns);
 * on ResNet-50 (ms per inference) they are below 1e-6.
 */
const REL = 1e-3;
const CLOCK_PHASE_s = 4e-9;
const TRACE = loadTrace('traces/tiny-conv.json');
const DRAM_SYSTEM = loadArchConfig('arch-configs/nvdla-full-lpddr4.json');
const ENVM_SYSTEMS = ['arch-configs/maxnvm-rram-2bpc-bitmask-slc-metadata.json', 'arch-configs/maxnvm-ctt-3bpc-bitmask-ecc-idxsync.json'].map(loadArchConfig);

/** Energy of one refresh interval of an idle LPDDR4 (standby, one REF per channel), J, all channels. */
function refreshIntervalEnergy_J(config: ArchConfig): number {
  const dram = config.dram;
  if (dram === undefined) return 0;
  const m = new Lpddr4Memory(dram);
  const intervals = 100;
  m.advanceTo(Math.round(intervals * dram.tREFI_cycles * dram.tCK_ns * 1000));
  return Object.values(m.energy_J()).reduce((a, b) => a + b, 0) / intervals;
}

function compare(config: ArchConfig, fps: number): { c: PointMeasurement; r: PointMeasurement; mean_W: Record<string, number> } {
  const fresh = (): ReturnType<typeof buildSystem> => buildSystem(config, TRACE, { seed: 1 });
  const cold = coldInference(fresh());
  const L_s = cold.latency_ps / PS_PER_S;
  const mean_W = Object.fromEntries(Object.entries(cold.inference.energyByComponent_J).map(([k, e]) => [k, e / L_s]));
  return { c: composePeriod(composer(fresh, cold), fps), r: replayFrames(fresh(), fps, 3), mean_W };
}

function expectAgreement(config: ArchConfig, fps: number): { composed_J: number; replayed_J: number } {
  const { c, r, mean_W } = compare(config, fps);
  expect(c.feasible, `${config.name} @ ${fps} fps`).toBe(r.feasible);
  if (!c.feasible || !r.feasible) return { composed_J: NaN, replayed_J: NaN };
  const cc = c.energyByComponent_J;
  const rc = r.energyByComponent_J;
  expect(Object.keys(cc).sort()).toEqual(Object.keys(rc).sort());
  const refresh_J = refreshIntervalEnergy_J(config);
  const d = config.dram;
  // A refresh that collides with traffic: close every row, refresh, reopen the row.
  const tRFC_s = d === undefined ? 0 : (d.tRPab_cycles + d.tRFCab_cycles + d.tRCD_cycles) * d.tCK_ns * 1e-9;
  for (const [comp, replayed] of Object.entries(rc)) {
    const composed = cc[comp] ?? NaN;
    const rel = REL * Math.abs(replayed);
    const bound = comp === 'backingStore' ? 1e-9 * Math.abs(replayed) : comp === 'dram' ? refresh_J + rel : (mean_W[comp] ?? 0) * (tRFC_s + CLOCK_PHASE_s) + rel;
    expect(Math.abs(composed - replayed), `${config.name} ${config.dram?.idlePolicy ?? ''} @ ${fps} fps: ${comp}`).toBeLessThanOrEqual(bound);
  }
  // Background energy by state: within the bound of the device's component (it is part of that component's energy).
  for (const [device, states] of Object.entries(r.stateEnergy_J)) {
    const replayed = rc[device] ?? NaN;
    const bound = device === 'dram' ? refresh_J + REL * Math.abs(replayed) : (mean_W[device] ?? 0) * (tRFC_s + CLOCK_PHASE_s) + REL * Math.abs(replayed);
    for (const [state, e] of Object.entries(states)) {
      const composed = c.stateEnergy_J[device]?.[state] ?? NaN;
      expect(Math.abs(composed - e), `${config.name} ${config.dram?.idlePolicy ?? ''} @ ${fps} fps: ${device}.${state} background`).toBeLessThanOrEqual(bound);
    }
  }
  expect(Math.abs((c.latency_s ?? NaN) - (r.latency_s ?? NaN))).toBeLessThanOrEqual(tRFC_s + CLOCK_PHASE_s);
  // Every device is in exactly one state at a time: its residencies sum to the period.
  for (const [device, states] of Object.entries(c.residency_s)) {
    const total = Object.values(states).reduce((a, b) => a + b, 0);
    expect(Math.abs(total - c.period_s), `${device} residency`).toBeLessThanOrEqual(2e-9);
  }
  return { composed_J: c.energy_J, replayed_J: r.energy_J };
}

describe('composed frame period = replayed frames', () => {
  for (const policy of IDLE_POLICIES) {
    const config = withDramIdlePolicy(DRAM_SYSTEM, policy);
    it(`LPDDR4 system, ${policy}: total within 1e-3 at 0.01, 1 and 30 fps`, () => {
      for (const fps of [0.01, 1, 30]) {
        const { composed_J, replayed_J } = expectAgreement(config, fps);
        expect(Math.abs(composed_J - replayed_J) / replayed_J, `${policy} @ ${fps} fps`).toBeLessThanOrEqual(REL);
      }
    });
    it(`LPDDR4 system, ${policy}: components within their phase bounds up to near the maximum rate`, () => {
      // 1000 fps: gaps of ms; 1e5: a few refresh intervals; 2e6: a gap shorter than the inference.
      for (const fps of [1000, 1e5, 2e6]) expectAgreement(config, fps);
    });
  }
  for (const config of ENVM_SYSTEMS) {
    it(`${config.name} (no DRAM): components within their bounds from 0.01 fps to near the maximum rate`, () => {
      for (const fps of [0.01, 1, 30, 1000, 1e5, 2e6]) expectAgreement(config, fps);
    });
  }
});

describe('feasibility at the maximum rate', () => {
  it('a period of exactly one inference is feasible, one picosecond less is not, and is rejected before any gap is measured', () => {
    // An eNVM system: its clocks are whole ns, so a frame start at k·L is on a clock edge and nothing wakes late.
    const config = ENVM_SYSTEMS[0] as ArchConfig;
    let built = 0;
    const fresh = (): ReturnType<typeof buildSystem> => {
      built++;
      return buildSystem(config, TRACE, { seed: 1 });
    };
    const cold = coldInference(fresh());
    const c = composer(fresh, cold);
    const L = cold.latency_ps;
    expect(L % 1000).toBe(0);
    // fps = 1e12 / L gives a period of round(1e12 / fps) = L ps exactly; the gap is 0 ps, so nothing sleeps.
    const atMax = composePeriod(c, PS_PER_S / L);
    expect(atMax.feasible).toBe(true);
    expect(atMax.latency_s).toBe(L / PS_PER_S);
    const before = built;
    const above = composePeriod(c, PS_PER_S / (L - 1));
    expect(above.feasible).toBe(false);
    expect(built).toBe(before);
    const t = si(L / PS_PER_S, 's', 4);
    if (!above.feasible) expect(above.reason).toContain(`one inference takes ${t} but the frame period is ${t}`);
  });
});

describe('the steady wake-up: fixed point or two-frame cycle', () => {
  /**
   * One power-gated device (the real PowerGate rules): leaks 1 W when on, 0
   * gated; gates only when the leakage saved exceeds its 1 nJ wake-up energy,
   * i.e. for gaps over 1 nJ / 1 W = 1 ns; wakes in 5 ns. One inference: 10 ns.
   */
  const L = 10_000;
  const cold: ColdStart = { latency_ps: L, parts: { energyByTerm_J: { dev: { inference: 1e-8 } }, residency_s: { dev: { on: 1e-8 } }, stateEnergy_J: { dev: { on: 1e-8 } }, stats: {} } };
  const fresh = (): System => {
    const gate = new PowerGate({ kind: 'supply-off', wakeUp_ps: 5000, wakeUpEnergy_J: 1e-9, leakage_W: 1, idleLeakage_W: 0, keepsContents: true });
    const dev: EnergyAccount & PowerManaged = {
      name: 'dev',
      advanceTo: (t) => gate.advanceTo(t),
      energy_J: () => ({ leakage: gate.leakageEnergy_J, wakeup: gate.wakeUpEnergy_J }),
      sleep: (t, next) => void gate.sleep(t, 0, next),
      wake: (t) => gate.wake(t),
      residency_s: () => gate.residency_s() as Record<string, number>,
      stateEnergy_J: () => gate.stateEnergy_J() as Record<string, number>,
    };
    const stats = new StatsRegistry();
    const declared = [...['leakage', 'wakeup'].map((k) => stat('energy', 'test')(k, 'J', k)), ...['on', 'off'].map((k) => stat('state', 'test')(k, 's, J', k))];
    stats.add('dev', { name: 'dev', description: 'a gated device', params: [], stats: declared }, {
      advance: (t) => dev.advanceTo(t),
      energy: () => dev.energy_J(),
      residency: () => dev.residency_s(),
      stateEnergy: () => dev.stateEnergy_J(),
    });
    return { stats, powerManaged: [{ name: 'dev', device: dev }], core: { wake: (t: number) => t } } as unknown as System;
  };
  const energy = (p: PointMeasurement): number => (p.feasible ? sumNested(p.energyByTerm_J) : NaN);

  it('a long gap settles on gating every frame', () => {
    // Period 30 ns: gap 30 − 10 − 5 = 15 ns, gated (0 J), then 1 nJ to wake and 5 ns on at 1 W (5 nJ).
    const p = composePeriod(composer(fresh, cold), PS_PER_S / 30_000);
    expect(p.feasible).toBe(true);
    expect(energy(p)).toBeCloseTo(1e-8 + 1e-9 + 5e-9, 20);
    expect(p.latency_s).toBe(15e-9);
  });

  it('a gap that gates only every other frame is averaged over the two frames', () => {
    // Period 15.5 ns. After an on-time frame (w = 0) the gap is 5.5 ns: gated, then woken (1 nJ + 5 ns × 1 W = 6 nJ),
    // so the next frame starts 5 ns late; its gap is 0.5 ns, too short to gate (0.5 nJ on), so the one after is on time.
    const p = composePeriod(composer(fresh, cold), PS_PER_S / 15_500);
    expect(p.feasible).toBe(true);
    expect(energy(p)).toBeCloseTo(1e-8 + (6e-9 + 0.5e-9) / 2, 20);
    expect(p.latency_s).toBe(15e-9);
  });

  it('a wake-up that does not fit the period is infeasible, with the wake-up in the reason', () => {
    // Period 13 ns: a 3 ns gap is gated, and the 5 ns wake-up makes the next frame take 15 ns > 13 ns.
    const p = composePeriod(composer(fresh, cold), PS_PER_S / 13_000);
    expect(p.feasible).toBe(false);
    if (!p.feasible) expect(p.reason).toMatch(/one inference takes 15\.00 ns \(including 5\.000 ns of wake-up\) but the frame period is 13\.00 ns/);
  });
});

import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import type { DramIdlePolicy, DramParams } from '../../../src/hw/dram/spec.js';
import { E_REF_pJ, P_mW, pJ, Recorder, refParams, replayChecked, TCK_PS } from './helpers.js';

/**
 * Idle periods: energy against the closed form of each policy, O(1) cost of
 * long idles, the sink loop against the closed form, and `best`.
 * Reference timings: tREFI P = 6246, tRFCab 448, tXP 12, tXSR 460 cycles,
 * power-up 3,524,800 cycles (2.203 ms); powers in helpers.ts.
 */

const P = 6246;
const total = (m: Lpddr4Memory): number => Object.values(m.energy_J()).reduce((a, b) => a + b, 0);
/** Core energy (the interface energy of idle periods is checked in interface-energy.test.ts). */
const core = (m: Lpddr4Memory): number => {
  const e = m.energy_J();
  return total(m) - e.io_termination! - e.io_switching!;
};

/** A fresh memory idle from 0 to W cycles (wake known), then woken at W. */
function idle(over: Partial<DramParams>, W: number, sink?: Recorder): Lpddr4Memory {
  const m = new Lpddr4Memory(refParams(over), { sink });
  m.sleep(0, W * TCK_PS);
  expect(m.wake(W * TCK_PS)).toBe(W * TCK_PS);
  return m;
}

describe('idle energy equals the closed form of each policy', () => {
  // W = 16 P + 1000: refreshes due at P..16P, each finished well before W.
  const n = 16;
  const W = n * P + 1000;

  it('standby: n refreshes, precharge standby otherwise', () => {
    const m = idle({ idlePolicy: 'standby' }, W);
    // n × E_REF + IDD3N during the n refresh windows + IDD2N for the rest.
    const expected = n * E_REF_pJ + pJ(P_mW.idd3n, n * 448) + pJ(P_mW.idd2n, W - n * 448);
    expect(core(m)).toBeCloseTo(expected * 1e-12, 15);
    expect(m.commandCounts().ref).toBe(n);
  });

  it('power-down: each refresh leaves power-down for tXP + tRFCab, exit tXP before wake', () => {
    const m = idle({ idlePolicy: 'power-down' }, W);
    // PDE at 0; refresh k: PDX at kP, REF at kP + 12, PDE at kP + 460; PDX at W − 12.
    // Precharge power-down W − 460 n − 12, standby 12 n + 12, refresh windows 448 n.
    const expected =
      n * E_REF_pJ + pJ(P_mW.idd3n, 448 * n) + pJ(P_mW.idd2n, 12 * n + 12) + pJ(P_mW.idd2p, W - 460 * n - 12);
    expect(core(m)).toBeCloseTo(expected * 1e-12, 15);
    const r = m.residency_s();
    expect(r.precharge_power_down).toBeCloseTo((W - 460 * n - 12) * 0.625e-9, 18);
    expect(Object.values(r).reduce((a, b) => a + b, 0)).toBeCloseTo(W * 0.625e-9, 18);
  });

  it('self-refresh at once (thresholds 0): entry refresh, IDD6, exit tXSR before wake', () => {
    const m = idle({ idlePolicy: 'self-refresh', powerDownIdleThreshold_ns: 0, selfRefreshIdleThreshold_ns: 0 }, W);
    // SREFEN at 0: refresh window 0..448, self-refresh 448..W − 460, SREFEX at W − 460, standby after.
    const expected = E_REF_pJ + pJ(P_mW.idd3n, 448) + pJ(P_mW.idd6, W - 460 - 448) + pJ(P_mW.idd2n, 460);
    expect(core(m)).toBeCloseTo(expected * 1e-12, 15);
  });

  it('self-refresh with the default thresholds: power-down first, self-refresh after one tREFI', () => {
    const m = idle({ idlePolicy: 'self-refresh' }, W);
    // PDE at 0; at 6246 (= 3903.75 ns) PDX, SREFEN at 6258 (its refresh to 6706), SREFEX at W − 460.
    const expected =
      pJ(P_mW.idd2p, P) + pJ(P_mW.idd2n, 12) + E_REF_pJ + pJ(P_mW.idd3n, 448) + pJ(P_mW.idd6, W - 460 - (P + 12 + 448)) + pJ(P_mW.idd2n, 460);
    expect(core(m)).toBeCloseTo(expected * 1e-12, 15);
  });

  it('off: no energy until the power-up that ends at wake; contents lost until cleared', () => {
    const W2 = 5_000_000;
    const m = idle({ idlePolicy: 'off' }, W2);
    // Power-up 3,524,800 cycles at precharge-standby current (assumption).
    expect(core(m)).toBeCloseTo(pJ(P_mW.idd2n, 3_524_800) * 1e-12, 15);
    expect(m.residency_s().off).toBeCloseTo((W2 - 3_524_800) * 0.625e-9, 15);
    expect(m.contentsLost).toBe(true);
    m.contentsLost = false;
    expect(m.contentsLost).toBe(false);
  });

  it('a 10 s power-down idle costs O(1) work and still counts every refresh', () => {
    const N = 2_561_000; // N P × 0.625 ns ≈ 9.997 s
    const WL = N * P + 1000;
    const m = idle({ idlePolicy: 'power-down' }, WL);
    expect(m.commandCounts().ref).toBe(N);
    const expected =
      N * E_REF_pJ + pJ(P_mW.idd3n, 448 * N) + pJ(P_mW.idd2n, 12 * N + 12) + pJ(P_mW.idd2p, WL - 460 * N - 12);
    expect(core(m) / (expected * 1e-12)).toBeCloseTo(1, 12);
  });
});

describe('wake without a known wake time', () => {
  const t = 1_600_000 * TCK_PS; // 1 ms; the refresh due at 256 P ended at 256 P + 460 < 1.6e6
  const cases: [DramIdlePolicy, number][] = [
    ['standby', 0],
    ['power-down', 12], // tXP
    ['self-refresh', 460], // tXSR
    ['off', 3_524_800], // power-up
  ];
  for (const [policy, latency] of cases) {
    it(`${policy}: ready ${latency} cycles after wake`, () => {
      const m = new Lpddr4Memory(refParams({ idlePolicy: policy }));
      m.sleep(0);
      m.advanceTo(t / 2);
      expect(m.wake(t)).toBe(t + latency * TCK_PS);
    });
  }
});

/** Some traffic with rows left open, then an idle of W cycles. */
function historyThenIdle(policy: DramIdlePolicy, sink?: Recorder): { m: Lpddr4Memory; end: number } {
  const m = new Lpddr4Memory(refParams({ idlePolicy: policy, channels: 2 }), { sink });
  let t = m.transfer('write', 4096, 20_000, 0, 'features');
  t = m.transfer('read', 1 << 20, 70_000, t, 'weights');
  const W = Math.ceil(t / TCK_PS) + 300 * P + 777;
  m.sleep(t, W * TCK_PS);
  m.advanceTo((W - 5000) * TCK_PS);
  m.wake(W * TCK_PS);
  m.advanceTo(W * TCK_PS);
  return { m, end: W };
}

describe('with a command sink every idle command is issued; the totals are identical', () => {
  for (const policy of ['standby', 'power-down', 'self-refresh', 'off'] as const) {
    it(`${policy}: sink loop = closed form, and the trace obeys every timing rule`, () => {
      const rec = new Recorder();
      const a = historyThenIdle(policy, rec);
      const b = historyThenIdle(policy);
      expect(a.m.stats()).toEqual(b.m.stats());
      const params = refParams({ idlePolicy: policy, channels: 2 });
      let replayed = 0;
      for (const ch of [0, 1]) {
        const c = replayChecked(params, rec.commands, ch, a.end);
        replayed += c.totalEnergy_J();
      }
      expect(replayed).toBeCloseTo(total(a.m), 15);
    });
  }
});

describe('best', () => {
  const reload = 5e-6; // J to restore the weights after off (given by the caller)

  function run(policy: DramIdlePolicy, idle_ns: number, seed: number): { m: Lpddr4Memory; cost: number } {
    const rng = randomStream(seed, 'dram/best-history');
    const m = new Lpddr4Memory(refParams({ idlePolicy: policy }), { offReloadEnergy_J: () => reload });
    let t = 0;
    for (let i = 0; i < 3; i++) {
      t = m.transfer(rng.next() < 0.5 ? 'read' : 'write', rng.int(1 << 24), 32 + rng.int(50_000), t + rng.int(2_000_000), 'weights');
    }
    const wake = t + Math.round(idle_ns * 1000);
    m.sleep(t, wake);
    m.wake(wake);
    // The caller pays the reload only when the contents were actually lost.
    const off = m.commandCounts().powerOff > 0 ? reload : 0;
    return { m, cost: total(m) + off };
  }

  it('is never worse than any fixed policy (random histories and idle lengths)', () => {
    const rng = randomStream(7, 'dram/best-lengths');
    for (let trial = 0; trial < 12; trial++) {
      const idle_ns = 10 * Math.pow(10, rng.next() * 6.5); // 10 ns .. 30 ms
      const best = run('best', idle_ns, trial);
      for (const fixed of ['standby', 'power-down', 'self-refresh', 'off'] as const) {
        const f = run(fixed, idle_ns, trial);
        expect(best.cost, `${fixed}, idle ${idle_ns.toFixed(0)} ns`).toBeLessThanOrEqual(f.cost * (1 + 1e-12));
      }
    }
  });

  it('chooses by idle length: standby when nothing fits, self-refresh for 1 ms, off for 100 ms', () => {
    expect(run('best', 20, 1).m.lastIdleChoice).toBe('standby'); // PD needs tRPab + tCKE + tXP = 36 ns
    expect(run('best', 1e6, 1).m.lastIdleChoice).toBe('self-refresh');
    expect(run('best', 1e8, 1).m.lastIdleChoice).toBe('off');
  });
});

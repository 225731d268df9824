import { describe, expect, test } from 'vitest';
import { withDramIdlePolicy } from '../../src/config/arch-config.js';
import { buildSystem } from '../../src/system/build.js';
import { replayFrames } from '../../src/system/replay.js';
import { simulate } from '../../src/system/simulate.js';
import { arch, tinyTrace } from './helpers.js';

const offSystem = () => buildSystem(withDramIdlePolicy(arch('arch-configs/nvdla-full-lpddr4.json'), 'off'), tinyTrace(), { seed: 1 });

describe('DRAM off policy: power off, power up early, reload the weights before the frame', () => {
  test('when power-up (2.203 ms) and the reload fit in the gap, every frame reloads ahead and starts on time', () => {
    const sys = offSystem();
    const awake = simulate(withDramIdlePolicy(arch('arch-configs/nvdla-full-lpddr4.json'), 'off'), tinyTrace(), { fps: [], frames: 1, seed: 1 });
    if (!awake.feasible) throw new Error('tiny trace must fit');
    // 100 fps: gap = 10 ms − ~0.5 µs ≫ 2.203 ms + 88 B / 1 GB/s; three frames, each followed by a gap
    // (the last one up to the boundary that closes the measurement), so three reloads.
    const p = replayFrames(sys, 100, 3);
    if (!p.feasible) throw new Error(p.reason);
    expect(sys.reload!.reloads).toBe(3);
    expect(sys.reload!.reloaded_B).toBe(3 * sys.reload!.weightBytes);
    // The reload ran in the gap: the frame's latency is the awake inference plus at most 1 µs (the wake-up of the
    // gated core, 100 ns, clock alignment, and a DRAM refresh or power-down exit falling in the driver's 5 µs
    // launch waits), not the power-up (2.203 ms) and reload.
    expect(p.latency_s).toBeLessThan(awake.inference.time_s + 1e-6);
    expect(p.residency_s.dram!.off).toBeGreaterThan(0.0075);
  });

  test('when they do not fit (gap < power-up), it stays powered in power-down and never reloads', () => {
    const sys = offSystem();
    // 1000 fps: gap ≈ 1 ms < 2.203 ms power-up.
    const p = replayFrames(sys, 1000, 3);
    if (!p.feasible) throw new Error(p.reason);
    expect(sys.reload!.reloads).toBe(0);
    expect(p.residency_s.dram!.off ?? 0).toBe(0);
    expect(p.residency_s.dram!.precharge_power_down).toBeGreaterThan(0.0009);
  });

  test('the boundary pair: the last rate that fits power-up + reload powers off, a slightly higher one does not', () => {
    const sys0 = offSystem();
    const lead_s = sys0.reload!.reloadDuration_ps() * 1e-12;
    const powerUp_s = 2.203e-3;
    const awake = simulate(withDramIdlePolicy(arch('arch-configs/nvdla-full-lpddr4.json'), 'off'), tinyTrace(), { fps: [], frames: 1, seed: 1 });
    if (!awake.feasible) throw new Error('tiny trace must fit');
    // Gap = period − latency must hold power-up + lead; leave 10 µs of margin on each side for entry and clocks.
    const fits = 1 / (awake.inference.time_s + powerUp_s + lead_s + 10e-6);
    const misses = 1 / (awake.inference.time_s + powerUp_s + lead_s - 10e-6);
    const a = offSystem();
    replayFrames(a, fits, 3);
    expect(a.reload!.reloads).toBe(3);
    const b = offSystem();
    replayFrames(b, misses, 3);
    expect(b.reload!.reloads).toBe(0);
  });
});

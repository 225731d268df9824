import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import type { DramParams } from '../../../src/hw/dram/spec.js';
import { Recorder, refParams, TCK_PS } from './helpers.js';

/**
 * Without a command sink the scheduler applies runs of row hits in closed form (Lpddr4Channel.streamHits): the
 * hits after a row's PRE/ACT, and those before the next row's PRE or ACT may go out. With a sink every command is
 * issued one by one. Random transfer histories on timings chosen to move the boundaries (a short tREFI so that
 * refreshes fall inside streams, a long tRAS or tFAW so that the next row's PRE or ACT waits, writes after reads
 * for tWTR, sleeps between transfers) must give the same completion times, command counts, row hits, residency and
 * energy on both paths.
 */

interface Op {
  write: boolean;
  /** Burst-aligned or not: any byte address in the first 4 MiB. */
  address: number;
  bytes: number;
  /** Time after the previous request, ps (0: back to back). */
  gap_ps: number;
  /** Sleep (the config's idle policy) during the gap before this request. */
  sleep: boolean;
}

const timings = fc.record({
  channels: fc.constantFrom(1, 2, 4),
  interleave_B: fc.constantFrom(32, 64, 256, 2048),
  tREFI_cycles: fc.constantFrom(1500, 2100, 6246),
  tRAS_cycles: fc.constantFrom(68, 200, 400),
  tFAW_cycles: fc.constantFrom(64, 300),
  tRRD_cycles: fc.constantFrom(16, 90),
  tRPpb_cycles: fc.constantFrom(29, 120),
  idlePolicy: fc.constantFrom('standby', 'power-down', 'self-refresh'),
});

const op = fc.record({
  write: fc.boolean(),
  address: fc.integer({ min: 0, max: 4 * 1024 * 1024 }),
  bytes: fc.oneof(fc.integer({ min: 1, max: 256 }), fc.integer({ min: 1, max: 40_000 })),
  gap_ps: fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 20_000 }), fc.integer({ min: 0, max: 5_000_000 })),
  sleep: fc.boolean(),
});

interface Replayed {
  done: number[];
  /** Command counts, bytes, bursts, row hits and misses. */
  stats: Record<string, number>;
  /** Energy by term, then residency and background energy by power state. */
  figures: Record<string, number>;
}

function replay(over: Partial<DramParams>, ops: readonly Op[], perCommand: boolean): Replayed {
  const p = refParams({ ...over, tRCpb_cycles: (over.tRAS_cycles ?? 68) + (over.tRPpb_cycles ?? 29) });
  const m = new Lpddr4Memory(p, perCommand ? { sink: new Recorder() } : {});
  const done: number[] = [];
  let t = 0;
  for (const o of ops) {
    const at = t + o.gap_ps;
    if (o.sleep && o.gap_ps > 0) m.sleep(t, at);
    t = m.transfer(o.write ? 'write' : 'read', o.address, o.bytes, at, 'features');
    done.push(t);
  }
  m.advanceTo(t + 1000 * TCK_PS);
  const figures: Record<string, number> = {};
  for (const [k, v] of Object.entries(m.energy_J())) figures[`energy.${k}`] = v;
  for (const [k, v] of Object.entries(m.residency_s())) figures[`residency.${k}`] = v;
  for (const [k, v] of Object.entries(m.stateEnergy_J())) figures[`stateEnergy.${k}`] = v;
  return { done, stats: m.stats(), figures };
}

describe('row-hit streams in closed form against the per-command path', () => {
  it('same times, counts, residency and energy on random histories', () => {
    fc.assert(
      fc.property(timings, fc.array(op, { minLength: 1, maxLength: 25 }), (over, ops) => {
        const fast = replay(over, ops, false);
        const slow = replay(over, ops, true);
        expect(fast.done).toEqual(slow.done);
        expect(fast.stats).toEqual(slow.stats);
        for (const [k, v] of Object.entries(slow.figures)) expect(fast.figures[k], k).toBeCloseTo(v, 15);
      }),
      { numRuns: 150, seed: 20261205 },
    );
  });

  it('a stream that reaches the refresh due time stops there on both paths', () => {
    // One channel, tREFI 1500: a 64 KiB read (2048 bursts, 16,384 cycles of data) crosses about ten refreshes,
    // each inside a row's stream; a long tRAS (400) also delays the next row's PRE past some refresh windows.
    const ops: Op[] = [{ write: false, address: 96, bytes: 65_536, gap_ps: 0, sleep: false }];
    const over = { tREFI_cycles: 1500, tRAS_cycles: 400 };
    const fast = replay(over, ops, false);
    const slow = replay(over, ops, true);
    expect(fast.done).toEqual(slow.done);
    expect(fast.stats).toEqual(slow.stats);
    for (const [k, v] of Object.entries(slow.figures)) expect(fast.figures[k], k).toBeCloseTo(v, 15);
    expect(slow.stats.refCommands).toBeGreaterThanOrEqual(10);
  });

  it('a transfer ends a run of steady refresh periods: idle periods after identical busy ones copy no commands', () => {
    // Awake (standby), one channel: one identical 256 B read 300 cycles after each of six refreshes (every
    // refresh-to-refresh interval then holds the same counters), then twelve idle tREFI. The idle periods hold one
    // REF each and no read; repeating the busy periods' counters there would add reads and activates.
    const tREFI = 1500;
    const run = (perCommand: boolean): Replayed => {
      const m = new Lpddr4Memory(refParams({ channels: 1, tREFI_cycles: tREFI, idlePolicy: 'standby' }), perCommand ? { sink: new Recorder() } : {});
      const done: number[] = [];
      for (let k = 1; k <= 6; k++) done.push(m.transfer('read', 0, 256, (k * tREFI + 300) * TCK_PS, 'features'));
      m.advanceTo(18 * tREFI * TCK_PS);
      const figures: Record<string, number> = {};
      for (const [k, v] of Object.entries(m.energy_J())) figures[`energy.${k}`] = v;
      for (const [k, v] of Object.entries(m.residency_s())) figures[`residency.${k}`] = v;
      return { done, stats: m.stats(), figures };
    };
    const fast = run(false);
    const slow = run(true);
    expect(slow.stats.rdCommands).toBe(6 * 8);
    expect(fast.stats).toEqual(slow.stats);
    expect(fast.done).toEqual(slow.done);
    for (const [k, v] of Object.entries(slow.figures)) expect(fast.figures[k], k).toBeCloseTo(v, 15);
  });
});

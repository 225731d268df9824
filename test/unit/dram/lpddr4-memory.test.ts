import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { AddressMap } from '../../../src/hw/dram/address-map.js';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import { Recorder, refParams, replayChecked, TCK_PS } from './helpers.js';

/** Reference timings: tRCD 29, RL 28, BL16 = 8 cycles per 32 B burst, tREFI 6246, tCK 625 ps. */

describe('transfers', () => {
  it('16 KiB sequential read from idle: ACT, then one burst every 8 cycles, no gaps between rows', () => {
    const m = new Lpddr4Memory(refParams());
    // 512 bursts (8 rows of 64): ACT at 0, RDs at 29 + 8 k, last data beat ends at
    // 29 + 511 × 8 + RL 28 + 8 = 4153 cycles. The first refresh (6246) is not reached.
    expect(m.transfer('read', 0, 16384, 0, 'weights')).toBe(4153 * TCK_PS);
    const s = m.stats();
    expect(s.bursts).toBe(512);
    expect(s.rowMisses).toBe(8);
    expect(s.rowHits).toBe(504);
    expect(s.actCommands).toBe(8);
    expect(m.bytesRead).toBe(16384);
    expect(m.bytesByTraffic.weights).toBe(16384);
  });

  it('two channels interleaved by 32 B split it evenly: 256 bursts each', () => {
    const m = new Lpddr4Memory(refParams({ channels: 2 }));
    // 29 + 255 × 8 + 28 + 8 = 2105 cycles.
    expect(m.transfer('read', 0, 16384, 0, 'weights')).toBe(2105 * TCK_PS);
    expect(m.peakBandwidth_Bps()).toBe(12.8e9); // 2 × 16 bit × 2 / 0.625 ns
  });

  it('a request waits for the one before it; a partial burst costs a whole burst', () => {
    const m = new Lpddr4Memory(refParams());
    const a = m.transfer('read', 0, 64, 0, 'weights'); // ACT 0, RD 29, 37; done 37 + 36 = 73
    expect(a).toBe(73 * TCK_PS);
    const b = m.transfer('read', 64, 1, 0, 'weights'); // row hit: RD at 45, done 81
    expect(b).toBe(81 * TCK_PS);
    expect(m.stats().bursts).toBe(3);
  });

  it('25 MB sequential read runs close to peak bandwidth (all-bank refresh costs ~8 %)', () => {
    const m = new Lpddr4Memory(refParams());
    const bytes = 25_502_912; // ResNet-50 weights at 8 bits
    const done = m.transfer('read', 0, bytes, 0, 'weights');
    const efficiency = bytes / (done * 1e-12) / m.peakBandwidth_Bps();
    // Per tREFI (6246 cycles) a refresh stops data for tRTP 12 + tRPab 34 + tRFCab 448 + tRCD 29 = 523
    // cycles: at best 1 − 523 / 6246 ≈ 0.916.
    expect(efficiency).toBeGreaterThan(0.9);
    expect(efficiency).toBeLessThan(1 - 523 / 6246 + 0.002);
  });

  it('zero bytes is free and immediate', () => {
    const m = new Lpddr4Memory(refParams());
    expect(m.transfer('write', 0, 0, 12345, 'outputs')).toBe(12345);
    expect(m.stats().bursts).toBe(0);
  });

  it('area is zero (off chip)', () => {
    expect(new Lpddr4Memory(refParams()).area_mm2()).toBe(0);
  });
});

describe('refresh', () => {
  it('an all-bank refresh every tREFI while streaming, each within a few cycles of its due time', () => {
    const rec = new Recorder();
    const m = new Lpddr4Memory(refParams(), { sink: rec });
    const done = m.transfer('read', 0, 4_000_000, 0, 'weights') / TCK_PS;
    const refs = rec.commands.filter((c) => c.name === 'REFA').map((c) => c.cycle);
    expect(refs.length).toBe(Math.floor(done / 6246));
    refs.forEach((cycle, k) => {
      const due = (k + 1) * 6246;
      // Waits at most for a burst in flight, tRTP and tRPab after the PREA.
      expect(cycle).toBeGreaterThanOrEqual(due);
      expect(cycle).toBeLessThan(due + 8 + 12 + 34 + 8);
    });
  });

  it('refreshes continue while idle in standby between transfers', () => {
    const m = new Lpddr4Memory(refParams({ idlePolicy: 'standby' }));
    m.transfer('read', 0, 64, 0, 'weights');
    m.advanceTo(100 * 6246 * TCK_PS + 1);
    expect(m.commandCounts().ref).toBe(100);
  });
});

describe('the scheduler never breaks a timing rule (property, seeded)', () => {
  it('random reads and writes on 2 channels replay cleanly on timing-checked channels', () => {
    const rng = randomStream(11, 'dram/scheduler-property');
    const params = refParams({ channels: 2, interleave_B: 64, idlePolicy: 'power-down' });
    const rec = new Recorder();
    const m = new Lpddr4Memory(params, { sink: rec });
    let t = 0;
    for (let i = 0; i < 300; i++) {
      t += rng.int(3) === 0 ? rng.int(20_000_000) : rng.int(2000);
      const op = rng.next() < 0.4 ? 'write' : 'read';
      const done = m.transfer(op, rng.int(1 << 26), 1 + rng.int(6000), t, 'features');
      expect(done).toBeGreaterThan(t);
      if (rng.int(10) === 0) {
        m.sleep(done, rng.next() < 0.5 ? undefined : done + rng.int(50_000_000));
        t = m.wake(done + rng.int(60_000_000));
      }
    }
    const end = Math.ceil(t / TCK_PS) + 100_000;
    m.advanceTo(end * TCK_PS);
    const replayed = [0, 1].map((ch) => replayChecked(params, rec.commands, ch, end).totalEnergy_J());
    expect(replayed[0]! + replayed[1]!).toBeCloseTo(Object.values(m.energy_J()).reduce((a, b) => a + b, 0), 15);
  });
});

describe('address map', () => {
  it('every byte of a range lands in exactly one channel, at consecutive local addresses (property)', () => {
    const rng = randomStream(3, 'dram/address-map');
    for (let trial = 0; trial < 200; trial++) {
      const channels = 1 + rng.int(4);
      const interleave_B = 32 * (1 + rng.int(4));
      const map = new AddressMap(refParams({ channels, interleave_B }));
      const address = rng.int(5000);
      const bytes = 1 + rng.int(1500);
      let covered = 0;
      for (let ch = 0; ch < channels; ch++) {
        const r = map.channelRange(address, bytes, ch);
        // Brute force: the local addresses of the range's bytes in this channel.
        const local: number[] = [];
        for (let g = address; g < address + bytes; g++) {
          const chunk = Math.floor(g / interleave_B);
          if (chunk % channels === ch) local.push(Math.floor(chunk / channels) * interleave_B + (g % interleave_B));
        }
        if (local.length === 0) expect(r).toBeUndefined();
        else expect(r).toEqual({ lo: local[0], hi: local[local.length - 1]! + 1 });
        if (r !== undefined) expect(r.hi - r.lo).toBe(local.length);
        covered += local.length;
      }
      expect(covered).toBe(bytes);
    }
  });

  it('row | bank | column: a row of 64 bursts, then the next bank', () => {
    const map = new AddressMap(refParams());
    expect([map.bankOf(63), map.rowOf(63), map.columnOf(63, 16)]).toEqual([0, 0, 1008]);
    expect([map.bankOf(64), map.rowOf(64), map.columnOf(64, 16)]).toEqual([1, 0, 0]);
    expect([map.bankOf(512), map.rowOf(512)]).toEqual([0, 1]);
    expect(map.capacity_B()).toBe(2 ** 30); // 8 Gb per x16 channel
  });

  it('an address beyond the device is an error', () => {
    const m = new Lpddr4Memory(refParams());
    expect(() => m.transfer('read', 2 ** 30, 32, 0, 'weights')).toThrow(/out of range/);
  });
});

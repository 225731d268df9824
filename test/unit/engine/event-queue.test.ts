import { describe, expect, test } from 'vitest';
import { Priority, Simulator } from '../../../src/engine/event-queue.js';
import { ClockDomain, nsToPs } from '../../../src/engine/time.js';
import { randomStream } from '../../../src/engine/random.js';

describe('Simulator', () => {
  test('orders by time, then priority, then scheduling order (FIFO among equals)', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.at(100, Priority.CONTROL, () => log.push('c1'));
    sim.at(100, Priority.MEMORY_DONE, () => log.push('m'));
    sim.at(50, Priority.STATS, () => log.push('early'));
    sim.at(100, Priority.CONTROL, () => log.push('c2'));
    for (let i = 0; i < 20; i++) sim.at(200, Priority.CONTROL, () => log.push(`f${i}`));
    sim.run();
    expect(log).toEqual(['early', 'm', 'c1', 'c2', ...Array.from({ length: 20 }, (_, i) => `f${i}`)]);
    expect(sim.now).toBe(200);
    expect(sim.eventsProcessed).toBe(24);
  });

  test('cancelled events are skipped and not counted', () => {
    const sim = new Simulator();
    const log: number[] = [];
    const ev = sim.at(10, Priority.CONTROL, () => log.push(1));
    sim.at(20, Priority.CONTROL, () => log.push(2));
    sim.cancel(ev);
    sim.run();
    expect(log).toEqual([2]);
    expect(sim.eventsProcessed).toBe(1);
  });

  test('events scheduled from an action at the same time run after earlier-scheduled equals', () => {
    const sim = new Simulator();
    const log: string[] = [];
    sim.at(5, Priority.CONTROL, () => {
      log.push('a');
      sim.after(0, Priority.CONTROL, () => log.push('a-child'));
    });
    sim.at(5, Priority.CONTROL, () => log.push('b'));
    sim.run();
    expect(log).toEqual(['a', 'b', 'a-child']);
  });

  test('refuses events in the past and non-integer times', () => {
    const sim = new Simulator();
    sim.at(10, Priority.CONTROL, () => {
      expect(() => sim.at(9, Priority.CONTROL, () => {})).toThrow(/in the past/);
    });
    sim.run();
    expect(() => sim.at(10.5, Priority.CONTROL, () => {})).toThrow(/safe integer/);
  });

  test('run(until) stops before later events and advances time to until', () => {
    const sim = new Simulator();
    let ran = false;
    sim.at(1000, Priority.CONTROL, () => (ran = true));
    expect(sim.run(999)).toBe(999);
    expect(ran).toBe(false);
    sim.run();
    expect(ran).toBe(true);
  });

  test('property: random schedules pop in sorted (time, priority, seq) order', () => {
    const rnd = randomStream(7, 'test/engine');
    const sim = new Simulator();
    const popped: [number, number, number][] = [];
    for (let i = 0; i < 500; i++) {
      const t = rnd.int(50);
      const p = rnd.int(3) * 10;
      sim.at(t, p, () => popped.push([t, p, i]));
    }
    sim.run();
    const sorted = [...popped].sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);
    expect(popped).toEqual(sorted);
  });
});

describe('ClockDomain', () => {
  test('1 GHz core clock and LPDDR4-3200 tCK are whole picoseconds', () => {
    const core = ClockDomain.fromFrequencyGHz('nvdla', 1);
    expect(core.period_ps).toBe(1000);
    const dram = new ClockDomain('lpddr4', nsToPs(0.625));
    expect(dram.period_ps).toBe(625);
    expect(dram.cycles(8)).toBe(5000);
    expect(dram.cycleAt(5624)).toBe(8);
    expect(dram.nextEdge(5001)).toBe(5625);
    expect(dram.nextEdge(5000)).toBe(5000);
  });
  test('rejects a period that is not a whole number of ps', () => {
    expect(() => new ClockDomain('x', 0.5)).toThrow(/positive integer/);
  });
});

describe('random streams', () => {
  test('same seed and path give the same draws; another path is independent', () => {
    const a = randomStream(1, 'envm/bank0');
    const b = randomStream(1, 'envm/bank0');
    const c = randomStream(1, 'envm/bank1');
    const da = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(da);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(da);
  });
});

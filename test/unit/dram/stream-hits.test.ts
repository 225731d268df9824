import { describe, expect, it } from 'vitest';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import { Recorder, refParams } from './helpers.js';

/**
 * Row hits after the first column command of a row are applied in closed form (Lpddr4Channel.streamHits) unless a
 * command sink must see each command. Both paths must give the same times, counts and energy, across rows, banks,
 * reads and writes, and refreshes.
 */
describe('row-hit streams in closed form', () => {
  const run = (withSink: boolean): { done: number[]; energy: Record<string, number>; bursts: number } => {
    const m = new Lpddr4Memory(refParams({ channels: 2 }), withSink ? { sink: new Recorder() } : {});
    const done: number[] = [];
    let t = 0;
    // 3 MB of reads across many rows (several refresh intervals), interleaved writes, a gap, more reads.
    for (let i = 0; i < 24; i++) {
      done.push((t = m.transfer('read', i * 131_072, 131_072, t, 'features')));
      if (i % 5 === 0) done.push(m.transfer('write', 8_000_000 + i * 4096, 4096, t, 'outputs'));
    }
    done.push(m.transfer('read', 3, 70_000, t + 5_000_000, 'weights'));
    m.advanceTo(t + 10_000_000);
    return { done, energy: m.energy_J(), bursts: m.bytesRead + m.bytesWritten };
  };

  it('gives exactly what issuing every command one by one gives', () => {
    const fast = run(false);
    const slow = run(true);
    expect(fast.done).toEqual(slow.done);
    expect(fast.bursts).toBe(slow.bursts);
    for (const [k, v] of Object.entries(slow.energy)) expect(fast.energy[k], k).toBeCloseTo(v, 18);
  });
});

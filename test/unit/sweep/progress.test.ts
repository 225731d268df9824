import { describe, expect, it } from 'vitest';
import { progressReporter } from '../../../src/system/sweep/progress.js';

function capture(isTTY: boolean): { stream: { write: (s: string) => boolean; isTTY: boolean; columns: number }; text: () => string } {
  let out = '';
  return {
    stream: {
      isTTY,
      columns: 100,
      write: (s: string) => {
        out += s;
        return true;
      },
    },
    text: () => out,
  };
}

describe('sweep progress on stderr', () => {
  it('without a terminal: a plain line at the start and at every 10 % step, and the final state', () => {
    const c = capture(false);
    const p = progressReporter(20, 2, c.stream, () => 0);
    for (let done = 0; done <= 20; done++) p.update(done, done === 20 ? 2 : done >= 10 ? 1 : 0);
    p.finish();
    const lines = c.text().trimEnd().split('\n');
    // 0 %, then 10 % steps at 2, 4, ... 20 points: 11 lines; the last shows both units done.
    expect(lines).toHaveLength(11);
    expect(lines[0]).toBe('sweep: 0/20 points, 0/2 units, 0 %');
    expect(lines[5]).toBe('sweep: 10/20 points, 1/2 units, 50 %');
    expect(lines[10]).toBe('sweep: 20/20 points, 2/2 units, 100 %');
  });
  it('without a terminal: a slow sweep also prints every 5 s between steps', () => {
    const c = capture(false);
    let t = 0;
    const p = progressReporter(1000, 1, c.stream, () => t);
    p.update(0, 0);
    t = 4999;
    p.update(1, 0);
    t = 5000;
    p.update(2, 0);
    expect(c.text().trimEnd().split('\n')).toEqual(['sweep: 0/1000 points, 0/1 units, 0 %', 'sweep: 2/1000 points, 0/1 units, 0 %']);
  });
  it('on a terminal: one line redrawn with a carriage return, at most 10 times a second, ended by a newline', () => {
    const c = capture(true);
    let t = 0;
    const p = progressReporter(4, 1, c.stream, () => t);
    p.update(1, 0);
    t = 50;
    p.update(2, 0); // within 100 ms of the last draw: skipped
    t = 300;
    p.update(3, 0);
    p.finish();
    const draws = c.text().split('\r').filter((s) => s !== '');
    expect(draws).toHaveLength(3);
    expect(draws[0]).toMatch(/^\[#{10}-{30}\] sweep: 1\/4 points, 0\/1 units, 25 %, 0\.0 s$/);
    expect(draws[2]).toMatch(/sweep: 3\/4 points, 0\/1 units, 75 %, 0\.3 s\n$/);
    expect(c.text()).not.toContain('\n\r');
  });
});

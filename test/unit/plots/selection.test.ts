import { describe, expect, test } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { chooseBaseline, ratioPoints } from '../../../src/report/plots/baseline.js';
import { chooseRates } from '../../../src/report/plots/rates.js';
import { rateLabel } from '../../../src/report/plots/energy-breakdown.js';
import { planPlots } from '../../../src/report/plots/write-plots.js';
import { linePoints, seriesNamer, seriesOf } from '../../../src/report/plots/series.js';
import { axisUnit } from '../../../src/report/plots/units.js';
import { row } from './fixture.js';

describe('chooseRates', () => {
  const rows = [1, 3, 10, 30, 100].map((f) => row('a', '-', f, 1));

  test('exact rates are kept, in ascending order', () => {
    expect(chooseRates(rows, [30, 1, 10])).toEqual([
      { requested_fps: 1, fps: 1 },
      { requested_fps: 10, fps: 10 },
      { requested_fps: 30, fps: 30 },
    ]);
  });

  test('nearest on a log scale: 5 fps is nearer 3 (ratio 1.67) than 10 (ratio 2)', () => {
    expect(chooseRates(rows, [5])).toEqual([{ requested_fps: 5, fps: 3 }]);
  });

  test('boundary pair around the log midpoint of 10 and 30 (√300 ≈ 17.32)', () => {
    expect(chooseRates(rows, [17.3])[0]?.fps).toBe(10);
    expect(chooseRates(rows, [17.4])[0]?.fps).toBe(30);
  });

  test('an exact log tie goes to the lower rate: √(10·30)', () => {
    // |ln(r/10)| = |ln(r/30)| at r = √300; floating point may favour either by 1 ulp, the tie rule keeps the first (lower).
    expect(chooseRates(rows, [Math.sqrt(300)])[0]?.fps).toBe(10);
  });

  test('two requests landing on the same swept rate keep only one, the nearer to it', () => {
    expect(chooseRates(rows, [1, 1.2])).toEqual([{ requested_fps: 1, fps: 1 }]);
    expect(chooseRates(rows, [1.2, 1])).toEqual([{ requested_fps: 1, fps: 1 }]);
    // Equally near (1.2 and 1/1.2 around 1): the first asked is kept.
    expect(chooseRates(rows, [1.2, 1 / 1.2])).toEqual([{ requested_fps: 1.2, fps: 1 }]);
  });

  test('the default rates 1, 10, 30 on a run of 30 fps alone: 30 fps as asked, not "nearest to 1" (the old label bug)', () => {
    const only30 = [row('a', '-', 30, 1)];
    const chosen = chooseRates(only30, [1, 10, 30]);
    expect(chosen).toEqual([{ requested_fps: 30, fps: 30 }]);
    expect(chosen.map(rateLabel)).toEqual(['30 fps']);
    expect(rateLabel({ requested_fps: 1, fps: 0.9 })).toBe('0.9 fps (asked 1 fps; nearest swept)');
  });

  test('no rows, no rates', () => {
    expect(chooseRates([], [1, 10])).toEqual([]);
  });
});

describe('chooseBaseline', () => {
  const rows = [
    row('envm-a', '-', 1, 0.001),
    row('dram-x', 'self-refresh', 1, 0.02),
    row('dram-x', 'best', 1, 0.015),
    row('dram-y', 'standby', 1, 0.03),
  ];

  test('default: first DRAM system in sweep order, its "best" policy', () => {
    expect(chooseBaseline(rows)).toEqual({ system: 'dram-x', dramPolicy: 'best' });
  });

  test('default without "best": the first policy of that system', () => {
    expect(chooseBaseline(rows.filter((r) => r.dramPolicy !== 'best'))).toEqual({ system: 'dram-x', dramPolicy: 'self-refresh' });
  });

  test('no DRAM system: no baseline', () => {
    expect(chooseBaseline([row('envm-a', '-', 1, 0.001)])).toBeUndefined();
  });

  test('requested by name, by name:policy, and any series may be chosen', () => {
    expect(chooseBaseline(rows, 'dram-y')).toEqual({ system: 'dram-y', dramPolicy: 'standby' });
    expect(chooseBaseline(rows, 'dram-x:self-refresh')).toEqual({ system: 'dram-x', dramPolicy: 'self-refresh' });
    expect(chooseBaseline(rows, 'envm-a')).toEqual({ system: 'envm-a', dramPolicy: '-' });
  });

  test('an unknown system is a UserError suggesting the nearest', () => {
    const err = (() => {
      try {
        chooseBaseline(rows, 'dram-z');
      } catch (e) {
        return e;
      }
      return undefined;
    })();
    expect(err).toBeInstanceOf(UserError);
    expect((err as UserError).details.suggestion).toMatch(/dram-x|dram-y/);
  });

  test('an unswept policy is a UserError listing the swept ones', () => {
    expect(() => chooseBaseline(rows, 'dram-x:off')).toThrow(UserError);
    expect(() => chooseBaseline(rows, 'dram-x:off')).toThrow(/not swept with DRAM idle policy "off"/);
  });
});

describe('ratioPoints', () => {
  test('baseline power / system power at equal rates; infeasible on either side leaves the point out', () => {
    const rows = [
      row('dram', 'best', 1, 0.02),
      row('dram', 'best', 10, 0.1),
      row('dram', 'best', 30, null),
      row('dram', 'standby', 1, 0.05),
      row('envm', '-', 1, 0.004),
      row('envm', '-', 10, 0.05),
      row('envm', '-', 30, 0.12),
      row('envm', '-', 60, null),
    ];
    const pts = ratioPoints(rows, { system: 'dram', dramPolicy: 'best' });
    // 0.02 / 0.004 = 5; 0.1 / 0.05 = 2; 30 fps: baseline infeasible; 60 fps: system infeasible and no baseline row.
    // dram:standby is the baseline system's own alternative: not compared.
    expect(pts.map((p) => [p.series, p.fps, p.value])).toEqual([
      ['envm (no DRAM)', 1, 5],
      ['envm (no DRAM)', 10, 2],
    ]);
  });

  test('with several traces a system is compared with the baseline on the same trace only', () => {
    const rows = [
      row('dram', 'best', 1, 0.02, { trace: 't1' }),
      row('dram', 'best', 1, 0.08, { trace: 't2' }),
      row('envm', '-', 1, 0.01, { trace: 't1' }),
      row('envm', '-', 1, 0.01, { trace: 't2' }),
    ];
    // t1: 0.02 / 0.01 = 2; t2: 0.08 / 0.01 = 8.
    expect(ratioPoints(rows, { system: 'dram', dramPolicy: 'best' }).map((p) => [p.series, p.value])).toEqual([
      ['envm (no DRAM) · t1', 2],
      ['envm (no DRAM) · t2', 8],
    ]);
  });
});

describe('series', () => {
  test('infeasible rows and non-positive values never become line points', () => {
    const rows = [row('a', '-', 1, 0.01), row('a', '-', 3, null), row('a', '-', 10, 0)];
    expect(linePoints(rows, (r) => (r.feasible ? r.power_W : null)).map((p) => p.fps)).toEqual([1]);
  });

  test('one series per (system, policy, trace) in sweep order; the trace is named only when there are several', () => {
    const one = [row('b', 'best', 1, 1), row('a', '-', 1, 1), row('b', 'best', 3, 1)];
    expect(seriesOf(one).map(seriesNamer(one))).toEqual(['b (best)', 'a (no DRAM)']);
    const two = [...one, row('a', '-', 1, 1, { trace: 'other' })];
    expect(seriesOf(two).map(seriesNamer(two))).toEqual(['b (best) · tiny', 'a (no DRAM) · tiny', 'a (no DRAM) · other']);
  });
});

describe('axisUnit', () => {
  test('the largest prefix that keeps the largest value at least 1', () => {
    expect(axisUnit([0.0148, 0.002], 'J')).toEqual({ unit: 'mJ', factor: 1e3 });
    expect(axisUnit([0.001], 'W')).toEqual({ unit: 'mW', factor: 1e3 });
    // boundary pair: 0.000999 is below 1 mW, so µW.
    expect(axisUnit([0.000999], 'W')).toEqual({ unit: 'µW', factor: 1e6 });
    expect(axisUnit([2.5, 0.1], 'W')).toEqual({ unit: 'W', factor: 1 });
    expect(axisUnit([], 'W')).toEqual({ unit: 'W', factor: 1 });
  });
});

describe('planPlots', () => {
  const names = (rows: Parameters<typeof planPlots>[0]): string[] => planPlots(rows).plots.map((p) => p.name);

  test('all five plots when there is a DRAM baseline and another system to compare at two rates or more', () => {
    const two = [1, 10].flatMap((f) => [row('dram', 'best', f, 0.02 * f), row('envm', '-', f, 0.004 * f)]);
    expect(names(two)).toEqual(['power-vs-fps', 'energy-vs-fps', 'energy-breakdown', 'area-breakdown', 'ratio-vs-fps']);
  });

  test('boundary pair: one rate per series gives no lone-dot line plots (a note says why), two rates give them', () => {
    const one = planPlots([row('dram', 'best', 1, 0.02), row('envm', '-', 1, 0.004)]);
    expect(one.plots.map((p) => p.name)).toEqual(['energy-breakdown', 'area-breakdown', 'ratio-vs-fps']);
    expect(one.notes.join(' ')).toMatch(/No power and energy lines against frame rate: no series is feasible at two rates/);
    expect(names([row('envm', '-', 1, 0.004), row('envm', '-', 2, 0.006)])).toContain('power-vs-fps');
  });

  test('no ratio plot without a DRAM system, or when only the baseline system was swept; a note says why', () => {
    const envmOnly = planPlots([row('envm', '-', 1, 0.004)]);
    expect(envmOnly.plots.map((p) => p.name)).not.toContain('ratio-vs-fps');
    expect(envmOnly.notes.join(' ')).toMatch(/no system with DRAM/);
    const baselineOnly = planPlots([row('dram', 'best', 1, 0.02), row('dram', 'standby', 1, 0.03)]);
    expect(baselineOnly.plots.map((p) => p.name)).not.toContain('ratio-vs-fps');
    expect(baselineOnly.notes.join(' ')).toMatch(/no other system/);
  });
});

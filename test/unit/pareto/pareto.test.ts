import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { dominates, paretoFront } from '../../../src/report/pareto/front.js';
import { parseObjectives } from '../../../src/report/pareto/objectives.js';
import { paretoCsv, paretoOf, sortFront } from '../../../src/report/pareto/pareto-points.js';
import { paretoFrontSpec } from '../../../src/report/plots/pareto-front.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

const id = (p: readonly number[]): readonly number[] => p;

describe('paretoFront on hand-made points', () => {
  it('two objectives: the staircase, in lexicographic order', () => {
    const pts = [[3, 1], [1, 3], [2, 2], [2, 3], [3, 3], [4, 0.5], [1, 4]];
    // [2,3] is beaten by [2,2]; [3,3] by [2,2]; [1,4] by [1,3].
    expect(paretoFront(pts, id)).toEqual([[1, 3], [2, 2], [3, 1], [4, 0.5]]);
  });
  it('ties in one objective: only the better in the other stays', () => {
    expect(paretoFront([[1, 5], [1, 2], [1, 3]], id)).toEqual([[1, 2]]);
    expect(paretoFront([[2, 1], [5, 1]], id)).toEqual([[2, 1]]);
  });
  it('duplicates do not dominate each other: all are kept', () => {
    const a = [1, 2];
    const b = [1, 2];
    const front = paretoFront([[3, 3], a, b], id);
    expect(front).toHaveLength(2);
    expect(front[0]).toBe(a);
    expect(front[1]).toBe(b);
  });
  it('three objectives', () => {
    const pts = [[1, 1, 9], [9, 1, 1], [1, 9, 1], [2, 2, 9], [5, 5, 5], [6, 5, 5]];
    expect(paretoFront(pts, id)).toEqual([[1, 1, 9], [1, 9, 1], [5, 5, 5], [9, 1, 1]]);
  });
  it('agrees with the definition (no front point dominated; every other point dominated by a front point)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 })), { maxLength: 60 }), (pts) => {
        const front = paretoFront(pts, id);
        for (const f of front) expect(pts.some((p) => dominates(p, f))).toBe(false);
        for (const p of pts) if (!front.includes(p)) expect(front.some((f) => dominates(f, p))).toBe(true);
      }),
    );
  });
});

/** A feasible row with the given measures. */
function row(system: string, fps: number, area: number, energy: number, extra: Record<string, unknown> = {}): SweepRow {
  const context = { system, archFile: 'a.json', trace: 't', traceFile: 't.json', dramPolicy: '-', fps, maxFps: 100, period_s: 1 / fps, latency_s: 0.01, area_mm2: area, areaByComponent_mm2: {} };
  if (extra.feasible === false) return { ...context, feasible: false, reason: String(extra.reason) };
  const m = { feasible: true as const, time_s: 1 / fps, power_W: energy * fps, energy_J: energy, energyByComponent_J: {}, energyByTerm_J: {}, residency_s: {}, stateEnergy_J: {}, stats: {} };
  return { ...context, ...m, ...extra } as SweepRow;
}

describe('fronts of sweep rows', () => {
  const rows = [
    row('a', 1, 1, 4),
    row('b', 1, 2, 2),
    row('c', 1, 3, 3), // dominated by b
    row('d', 1, 2, 2), // duplicate of b
    row('e', 10, 5, 1), // another rate: its own front
    row('f', 1, 0.5, 1, { feasible: false, reason: 'too slow' }),
  ];
  const obj = parseObjectives('area_mm2,energy_J');
  it('one front per trace and rate; infeasible rows take no part; duplicates kept; sorted deterministically', () => {
    const p = paretoOf(rows, obj);
    expect(p.candidates).toHaveLength(5);
    expect(p.front.map((r) => r.system)).toEqual(['a', 'b', 'd', 'e']);
    fc.assert(
      fc.property(fc.shuffledSubarray(rows, { minLength: rows.length }), (shuffled) => {
        expect(paretoOf(shuffled, obj).front.map((r) => r.system)).toEqual(['a', 'b', 'd', 'e']);
      }),
    );
  });
  it('max: maximizes', () => {
    const fast = [row('slow', 1, 1, 1, { maxFps: 10 }), row('fast', 1, 1, 1, { maxFps: 50 }), row('big', 1, 9, 1, { maxFps: 90 })];
    expect(paretoOf(fast, parseObjectives('area_mm2,max:maxFps')).front.map((r) => r.system)).toEqual(['fast', 'big']);
  });
  it('pareto.csv: the grid keys and objectives first', () => {
    const withSet = [row('x k=1', 1, 1, 2, { set: { 'nvdla.macAtomicK': 8 } }), row('x k=2', 1, 2, 1, { set: { 'nvdla.macAtomicK': 16 } })];
    const csv = paretoCsv(paretoOf(withSet, obj)).split('\n');
    expect(csv[0]).toBe('trace,fps,system,dramPolicy,nvdla.macAtomicK,area_mm2,energy_J,latency_s,power_W,maxFps,archFile');
    expect(csv[1]).toBe('t,1,x k=1,-,8,1,2,0.01,2,100,a.json');
    expect(sortFront([...withSet].reverse(), obj).map((r) => r.system)).toEqual(['x k=1', 'x k=2']);
  });
  it('the plot renders for two and three objectives, without vega-lite warnings', async () => {
    const two = await renderSvg(paretoFrontSpec(paretoOf(rows, obj)));
    expect(two).toMatch(/^<svg/);
    expect(two).toMatch(/Pareto front: area_mm2, energy_J/);
    const three = await renderSvg(paretoFrontSpec(paretoOf(rows, parseObjectives('area_mm2,energy_J,latency_s'))));
    expect(three).toMatch(/latency \(ms\)/);
  });
});

describe('--objectives', () => {
  it('two or three distinct columns, with a suggestion for a misspelling', () => {
    expect(parseObjectives('area_mm2,max:maxFps').map((o) => [o.column, o.maximize])).toEqual([['area_mm2', false], ['maxFps', true]]);
    expect(() => parseObjectives('area_mm2')).toThrow(/two or three/);
    expect(() => parseObjectives('a,b,c,d')).toThrow(/two or three/);
    expect(() => parseObjectives('area_mm2,area_mm2')).toThrow(/given twice/);
    const suggestion = (text: string): string | undefined => {
      try {
        parseObjectives(text);
      } catch (e) {
        return (e as UserError).details.suggestion;
      }
      return 'no error';
    };
    expect(suggestion('area_mm2,enrgy_J')).toBe('did you mean energy_J?');
    // A schema-1 name points to its schema-2 name.
    expect(suggestion('area_mm2,energy_per_inference_J')).toBe('did you mean energy_J?');
    expect(suggestion('area_mm2,max:max_fps')).toBe('did you mean max:maxFps?');
  });
});

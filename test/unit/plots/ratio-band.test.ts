import { describe, expect, test } from 'vitest';
import { bandData, lineLabel, ratioBandSpec } from '../../../src/report/plots/ratio-band.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import { planPlots } from '../../../src/report/plots/write-plots.js';
import { bandFixture } from './band-fixture.js';
import { fixtureRows } from './fixture.js';

type Layer = { transform?: { filter: string }[]; mark: { type: string; strokeWidth?: number }; encoding: Record<string, { field?: string; scale?: { domain?: unknown[]; range?: unknown[] } }> };
const bands = bandFixture();
const spec = ratioBandSpec(bands, () => '#123456') as unknown as { facet: { row: { field: string } }; spec: { layer: Layer[] }; data: { values: ReturnType<typeof bandData> } };
const layers = spec.spec.layer;

describe('the ratio band plot', () => {
  test('one panel per eNVM system, with the band shaded between the low and the high end', () => {
    expect(spec.facet.row.field).toBe('system');
    const area = layers.filter((l) => l.mark.type === 'area');
    expect(area).toHaveLength(1);
    expect(area[0]?.encoding.y?.field).toBe('low');
    expect(area[0]?.encoding.y2?.field).toBe('high');
  });

  test('the legend names the default and both ends with the assumptions that set them; a corner that changes adds an entry', () => {
    const dash = layers.find((l) => l.mark.type === 'line')?.encoding.strokeDash;
    expect(dash?.field).toBe('line');
    const domain = dash?.scale?.domain as string[];
    expect(domain).toEqual([
      'default: leakage 5 %, flash 0.292 nJ/B',
      'high end: leakage 0.1 %, flash 2 nJ/B',
      'high end: leakage 0.1 %, flash 0.1 nJ/B', // the CTT system's high end from 10 fps on
      'low end: leakage 5 %, flash 0.1 nJ/B',
    ]);
    const range = dash?.scale?.range as number[][];
    // Both high-end entries look alike and unlike the low end and the default.
    expect(range[1]).toEqual(range[2]);
    expect(range[1]).not.toEqual(range[3]);
    expect(range[0]).not.toEqual(range[1]);
    expect(lineLabel('low', { gatedLeakageFraction: 0.001, flashEnergy_pJ_per_B: 2000 })).toBe('low end: leakage 0.1 %, flash 2 nJ/B');
  });

  test('the marker on each end names its driver', () => {
    const shape = layers.find((l) => l.mark.type === 'point')?.encoding.shape;
    expect(shape?.field).toBe('driver');
    expect(shape?.scale?.domain).toEqual(['residual gated leakage', 'flash energy per byte']);
    const cttLow1 = spec.data.values.find((d) => d.system === 'ctt-3bpc' && d.fps === 1 && d.kind === 'low');
    expect(cttLow1?.driver).toBe('flash energy per byte');
  });

  test('every plotted rate has the default ratio between the ends; infeasible rates are left out', () => {
    const data = spec.data.values;
    for (const b of bands) {
      const feasible = b.points.filter((p) => p != null).map((p) => p!.fps);
      const plotted = [...new Set(data.filter((d) => d.system === b.system).map((d) => d.fps))];
      expect(plotted).toEqual(feasible);
      for (const fps of feasible) {
        const at = (kind: string) => data.find((d) => d.system === b.system && d.fps === fps && d.kind === kind)?.value as number;
        expect(at('low')).toBeLessThanOrEqual(at('default'));
        expect(at('default')).toBeLessThanOrEqual(at('high'));
      }
    }
  });

  test('renders without vega-lite warnings: a shaded area per system, the panel names and the legend texts', async () => {
    const svg = await renderSvg(spec as never);
    expect(svg.match(/class="mark-area role-mark/g)).toHaveLength(2);
    for (const text of ['eNVM system: rram-2bpc', 'eNVM system: ctt-3bpc', 'high end: leakage 0.1 %, flash 2 nJ/B', 'low end: leakage 5 %, flash 0.1 nJ/B', 'flash energy per byte']) {
      expect(svg).toContain(text);
    }
    expect(await renderSvg(spec as never)).toBe(svg);
  });

  test('planPlots adds it only when bands are given, and says why when none is feasible', () => {
    expect(planPlots(fixtureRows()).plots.map((p) => p.name)).not.toContain('ratio-band');
    expect(planPlots(fixtureRows(), { bands }).plots.map((p) => p.name)).toContain('ratio-band');
    const none = planPlots(fixtureRows(), { bands: bands.map((b) => ({ ...b, points: b.points.map(() => null) })) });
    expect(none.plots.map((p) => p.name)).not.toContain('ratio-band');
    expect(none.notes.join(' ')).toMatch(/No band plot/);
  });
});

import { beforeAll, describe, expect, test } from 'vitest';
import { areaBreakdownSpec } from '../../../src/report/plots/area-breakdown.js';
import { energyBreakdownSpec } from '../../../src/report/plots/energy-breakdown.js';
import { energyVsFpsSpec } from '../../../src/report/plots/energy-vs-fps.js';
import { powerVsFpsSpec } from '../../../src/report/plots/power-vs-fps.js';
import { chooseRates } from '../../../src/report/plots/rates.js';
import { ratioVsFpsSpec } from '../../../src/report/plots/ratio-vs-fps.js';
import { prefixSvgIds, renderSvg } from '../../../src/report/plots/render-svg.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';
import { fixtureRows } from './fixture.js';
import { axisTitles, findAll, markItems, parseXml, textOf, type XmlNode } from './svg-tree.js';

/*
 * The fixture (test/golden/plots/fixture.json) has 4 series at 1, 3, 10, 30, 100 fps:
 *   lpddr4-baseline (best), lpddr4-baseline (self-refresh): max 80 fps → feasible at 1, 3, 10, 30 (4 points each)
 *   rram-2bpc (no DRAM): max 50 fps → 4 feasible points
 *   ctt-3bpc (no DRAM):  max 20 fps → feasible at 1, 3, 10 (3 points)
 * so a line plot has 4 lines and 4 + 4 + 4 + 3 = 15 points; nothing is plotted at 100 fps.
 */
let rows: SweepRow[];
const svgs: Record<string, XmlNode> = {};

beforeAll(async () => {
  rows = fixtureRows();
  const baseline = { system: 'lpddr4-baseline', dramPolicy: 'best' };
  const specs = {
    power: powerVsFpsSpec(rows),
    energy: energyVsFpsSpec(rows),
    breakdown: energyBreakdownSpec(rows, chooseRates(rows, [1, 10, 30])),
    area: areaBreakdownSpec(rows),
    ratio: ratioVsFpsSpec(rows, baseline),
  };
  for (const [k, spec] of Object.entries(specs)) svgs[k] = parseXml(await renderSvg(spec));
});

const svgOf = (k: string): XmlNode => svgs[k] as XmlNode;

describe('rendered plots are well-formed SVG with the expected marks', () => {
  test('every plot parses and has one <svg> root with a fixed size', () => {
    for (const k of ['power', 'energy', 'breakdown', 'area', 'ratio']) {
      const root = svgOf(k).children;
      expect(root).toHaveLength(1);
      expect(root[0]?.name).toBe('svg');
      expect(Number(root[0]?.attrs.width)).toBeGreaterThan(0);
    }
  });

  test('power vs fps: 4 lines, 15 points, axis titles with units', () => {
    expect(markItems(svgOf('power'), 'line')).toHaveLength(4);
    expect(markItems(svgOf('power'), 'symbol')).toHaveLength(15);
    expect(axisTitles(svgOf('power'))).toEqual(['frame rate (fps)', 'average power (mW)']);
  });

  test('energy vs fps: same lines and points, energy in mJ', () => {
    expect(markItems(svgOf('energy'), 'line')).toHaveLength(4);
    expect(markItems(svgOf('energy'), 'symbol')).toHaveLength(15);
    expect(axisTitles(svgOf('energy'))).toEqual(['frame rate (fps)', 'energy per inference (mJ)']);
  });

  test('ratio vs fps: one line per eNVM system, points where both it and the baseline are feasible, a rule at 1', () => {
    // rram-2bpc at 1, 3, 10, 30 and ctt-3bpc at 1, 3, 10 (baseline feasible up to 80 fps) = 7 points.
    expect(markItems(svgOf('ratio'), 'line')).toHaveLength(2);
    expect(markItems(svgOf('ratio'), 'symbol')).toHaveLength(7);
    expect(markItems(svgOf('ratio'), 'rule')).toHaveLength(1);
    expect(axisTitles(svgOf('ratio'))).toEqual(['frame rate (fps)', 'power ratio (×)']);
  });

  test('energy breakdown: a segment per component of each feasible series at each rate; infeasible ones labelled', () => {
    // 1 and 10 fps: 4 series × 3 components = 12 each; 30 fps: ctt-3bpc is infeasible → 3 × 3 = 9. Total 33.
    expect(markItems(svgOf('breakdown'), 'rect')).toHaveLength(33);
    const labels = markItems(svgOf('breakdown'), 'text').map(textOf);
    expect(labels).toEqual(['infeasible: cannot keep up']);
    const headers = findAll(svgOf('breakdown'), (x) => x.name === 'text' && /^\d+ fps$/.test(textOf(x))).map(textOf);
    expect(headers).toEqual(['1 fps', '10 fps', '30 fps']);
  });

  test('area breakdown: one bar per system, a segment per component (2 + 3 + 3 = 8)', () => {
    expect(markItems(svgOf('area'), 'rect')).toHaveLength(8);
    expect(axisTitles(svgOf('area'))).toEqual(['on-chip area (mm²)']);
  });
});

describe('renderSvg', () => {
  test('is deterministic: the same spec renders byte-identically, also after other plots', async () => {
    const a = await renderSvg(ratioVsFpsSpec(rows, { system: 'lpddr4-baseline', dramPolicy: 'best' }));
    await renderSvg(powerVsFpsSpec(rows));
    const b = await renderSvg(ratioVsFpsSpec(rows, { system: 'lpddr4-baseline', dramPolicy: 'best' }));
    expect(b).toBe(a);
  });

  test('a different baseline changes the ratio plot (the test above can fail)', async () => {
    const a = await renderSvg(ratioVsFpsSpec(rows, { system: 'lpddr4-baseline', dramPolicy: 'best' }));
    const b = await renderSvg(ratioVsFpsSpec(rows, { system: 'lpddr4-baseline', dramPolicy: 'self-refresh' }));
    expect(b).not.toBe(a);
  });

  test('a spec that vega-lite warns about is an error, not a silently different plot', async () => {
    const bad = { data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative', aggregate: 'nonsense' } } };
    await expect(renderSvg(bad as unknown as Parameters<typeof renderSvg>[0])).rejects.toThrow(/Invalid aggregation operator/);
  });

  test('prefixSvgIds renames ids and every reference to them', () => {
    const svg = '<svg><defs><clipPath id="clip1"><rect/></clipPath></defs><g clip-path="url(#clip1)"><use href="#clip1"/></g></svg>';
    expect(prefixSvgIds(svg, 'p-')).toBe('<svg><defs><clipPath id="p-clip1"><rect/></clipPath></defs><g clip-path="url(#p-clip1)"><use href="#p-clip1"/></g></svg>');
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, test } from 'vitest';
import { areaBreakdownSpec } from '../../../src/report/plots/area-breakdown.js';
import { autoScale, logTicks } from '../../../src/report/plots/axis-scale.js';
import { spreadApart } from '../../../src/report/plots/end-labels.js';
import { energyBreakdownSpec } from '../../../src/report/plots/energy-breakdown.js';
import { MARKER_MAX_POINTS } from '../../../src/report/plots/line-vs-fps.js';
import { lookOf } from '../../../src/report/plots/look.js';
import { componentColors, OKABE_ITO, systemColors } from '../../../src/report/plots/palette.js';
import { powerVsFpsSpec } from '../../../src/report/plots/power-vs-fps.js';
import { ratioVsFpsSpec } from '../../../src/report/plots/ratio-vs-fps.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import { planPlots, writePlots } from '../../../src/report/plots/write-plots.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';
import { row } from './fixture.js';
import { legendEntries, markItems, parseXml, seriesOfItem } from './svg-tree.js';

const made: string[] = [];
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

const strokes = async (rows: SweepRow[]): Promise<Map<string, string | undefined>> =>
  new Map(markItems(parseXml(await renderSvg(powerVsFpsSpec(rows))), 'line').map((l) => [seriesOfItem(l), l.attrs.stroke]));

describe('one colour per system and per component, the same in every report', () => {
  // Hash slots (FNV-1a mod 8): alpha-sys 7, beta-dram 6, gamma 2: no collision, so each keeps its own colour.
  test('a system keeps its colour in two reports with other systems, in another order', async () => {
    const a = [row('alpha-sys', '-', 1, 0.01), row('alpha-sys', '-', 2, 0.02), row('beta-dram', 'best', 1, 0.03), row('beta-dram', 'best', 2, 0.05)];
    const b = [row('gamma', '-', 1, 0.01), row('gamma', '-', 2, 0.02), row('beta-dram', 'best', 1, 0.04), row('beta-dram', 'best', 2, 0.06), ...a.slice(0, 2)];
    const [inA, inB] = [await strokes(a), await strokes(b)];
    for (const s of ['alpha-sys (no DRAM)', 'beta-dram (best)']) {
      expect(inA.get(s), s).toBeDefined();
      expect(inA.get(s), s).toBe(inB.get(s));
    }
  });

  test('shipped systems and known components have their declared Okabe–Ito colours', () => {
    expect(systemColors(['maxnvm-rram-safe-csr4', 'nvdla-full-lpddr4']).get('nvdla-full-lpddr4')).toBe(OKABE_ITO.black);
    expect(componentColors(['dram', 'nvdla', 'envm'])).toEqual(new Map([['dram', OKABE_ITO.vermillion], ['nvdla', OKABE_ITO.blue], ['envm', OKABE_ITO.bluishGreen]]));
  });

  test('a component has the same fill in the energy breakdown of one report and the area breakdown of another', async () => {
    const fillOf = async (svg: string, part: string): Promise<string | undefined> => legendEntries(parseXml(svg)).find((e) => e.label === part)?.attrs.fill;
    const energy = await renderSvg(energyBreakdownSpec([row('x', '-', 1, 1, { energyByComponent_J: { sram: 1, envm: 2 } })], [{ requested_fps: 1, fps: 1 }]));
    const area = await renderSvg(areaBreakdownSpec([row('y', '-', 1, 1, { areaByComponent_mm2: { nvdla: 1, envm: 3, sram: 2 } })]));
    for (const part of ['sram', 'envm']) expect(await fillOf(energy, part), part).toBe(await fillOf(area, part));
  });

  test('property: names shown together never share a colour (up to the palette size), and the colours do not depend on their order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.string({ minLength: 1, maxLength: 12 }), { minLength: 1, maxLength: 8 }), (names) => {
        const colours = systemColors(names);
        expect(new Set(colours.values()).size).toBe(names.length);
        for (const n of names) expect(systemColors([...names].reverse()).get(n)).toBe(colours.get(n));
      }),
    );
  });
});

describe('zero components are left out', () => {
  test('a component that is zero in every bar is in neither the legend nor the stack', async () => {
    const rows = [row('x', 'best', 1, 1, { energyByComponent_J: { nvdla: 0.5, dram: 0.5, backingStore: 0 }, areaByComponent_mm2: { nvdla: 1, weightPath: 0 } })];
    const energy = energyBreakdownSpec(rows, [{ requested_fps: 1, fps: 1 }]);
    const svg = parseXml(await renderSvg(energy));
    expect(legendEntries(svg).map((e) => e.label)).toEqual(['nvdla', 'dram']);
    expect(markItems(svg, 'rect')).toHaveLength(2);
    expect(JSON.stringify(energy)).not.toContain('backingStore');
    const area = parseXml(await renderSvg(areaBreakdownSpec(rows)));
    expect(legendEntries(area).map((e) => e.label)).toEqual(['nvdla']);
  });

  test('a component zero in one bar and not in another stays, drawn only where it is not zero', async () => {
    const rows = [row('x', '-', 1, 1, { energyByComponent_J: { nvdla: 1, sram: 0 } }), row('y', '-', 1, 1, { energyByComponent_J: { nvdla: 1, sram: 0.2 } })];
    const svg = parseXml(await renderSvg(energyBreakdownSpec(rows, [{ requested_fps: 1, fps: 1 }])));
    expect(legendEntries(svg).map((e) => e.label)).toEqual(['nvdla', 'sram']);
    expect(markItems(svg, 'rect')).toHaveLength(3);
  });
});

describe('point markers only on short series', () => {
  const series = (n: number): SweepRow[] => Array.from({ length: n }, (_, i) => row('s', '-', 1 + i, 0.01 * (1 + i)));
  test(`boundary pair: ${MARKER_MAX_POINTS - 1} points get ${MARKER_MAX_POINTS - 1} markers, ${MARKER_MAX_POINTS} points none`, async () => {
    const symbols = async (n: number): Promise<number> => markItems(parseXml(await renderSvg(powerVsFpsSpec(series(n)))), 'symbol').length;
    expect(await symbols(MARKER_MAX_POINTS - 1)).toBe(MARKER_MAX_POINTS - 1);
    expect(await symbols(MARKER_MAX_POINTS)).toBe(0);
  });

  test('a short series keeps its markers next to a long one (a line with one rate is still a dot)', async () => {
    const rows = [...series(30), row('lone', '-', 3, 0.5)];
    const svg = parseXml(await renderSvg(powerVsFpsSpec(rows)));
    expect(markItems(svg, 'symbol').map(seriesOfItem)).toEqual(['lone (no DRAM)']);
  });
});

describe('axes from the data', () => {
  test('boundary pair: values spanning just under 10× get a linear axis, 10× a log one', () => {
    expect(autoScale([1, 9.99]).type).toBe('linear');
    expect(autoScale([1, 10]).type).toBe('log');
  });

  test('the ratio plot covers its data and the 1× line, not a fixed 1–10', () => {
    const rows = [1, 10].flatMap((f) => [row('d', 'best', f, 0.03 * f), row('e', '-', f, 0.01 * f * (f === 1 ? 1 : 1.4))]);
    const y = (ratioVsFpsSpec(rows, { system: 'd', dramPolicy: 'best' }) as unknown as { encoding?: unknown; layer: { encoding: { y: { scale: { type: string; domain: number[] } } } }[] }).layer[0]?.encoding.y.scale;
    expect(y?.type).toBe('linear');
    const [lo, hi] = y?.domain as [number, number];
    // Ratios 3 and 3/1.4 = 2.14, and the reference 1: the axis spans 1 to 3 with a small margin, far below 10.
    expect(lo).toBeLessThanOrEqual(1);
    expect(lo).toBeGreaterThan(0.85);
    expect(hi).toBeGreaterThanOrEqual(3);
    expect(hi).toBeLessThan(3.2);
  });

  test('log ticks are 1, 2, 5 per decade within the range', () => {
    expect(logTicks(0.09, 420)).toEqual([0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200]);
    expect(logTicks(1e-3, 1e4)).toEqual([0.001, 0.01, 0.1, 1, 10, 100, 1000, 10000]);
  });

  test('end labels: pushed a gap apart, within the height, as near their wish as that allows', () => {
    expect(spreadApart([100, 100.5, 300], 13, 300)).toEqual([100, 113, 300]);
    expect(spreadApart([299, 300], 13, 300)).toEqual([287, 300]);
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 300, noNaN: true }), { minLength: 1, maxLength: 12 }), (wish) => {
        const pos = [...spreadApart(wish, 13, 300)].sort((a, b) => a - b);
        for (let i = 1; i < pos.length; i++) expect((pos[i] as number) - (pos[i - 1] as number)).toBeGreaterThanOrEqual(13 - 1e-9);
        if (13 * (wish.length - 1) <= 300) for (const p of pos) expect(p).toBeGreaterThanOrEqual(-1e-9);
      }),
    );
  });
});

describe('size and type: --width and --font-size', () => {
  test('a wider plot with larger type: the SVG grows, the labels use the size asked for', async () => {
    const rows = [1, 10].map((f) => row('s', '-', f, 0.01 * f));
    const width = async (svg: string): Promise<number> => Number(/<svg[^>]* width="(\d+)"/.exec(svg)?.[1]);
    const small = await renderSvg(powerVsFpsSpec(rows));
    const big = await renderSvg(powerVsFpsSpec(rows, lookOf(rows, { width_px: 900, fontSize_px: 16 })));
    expect((await width(big)) - (await width(small))).toBeGreaterThanOrEqual(380);
    expect(big).toContain('font-size="16px"');
    expect(small).not.toContain('font-size="16px"');
  });
});

describe('the vega-lite spec beside each SVG', () => {
  test('NAME.vl.json is the spec the SVG was rendered from, and renders to the same SVG', async () => {
    const d = mkdtempSync(join(tmpdir(), 'maxnvm-vl-'));
    made.push(d);
    const rows = [1, 10, 30].flatMap((f) => [row('d', 'best', f, 0.03 * f), row('e', '-', f, 0.01 * f)]);
    const written = await writePlots(d, rows);
    const planned = planPlots(rows).plots;
    expect(written.written.map((w) => w.specPath)).toEqual(planned.map((p) => join(d, 'plots', `${p.name}.vl.json`)));
    for (const [i, w] of written.written.entries()) {
      const text = readFileSync(w.specPath, 'utf8');
      expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(planned[i]?.spec)));
      expect(await renderSvg(JSON.parse(text))).toBe(readFileSync(w.path, 'utf8'));
    }
    // Deterministic: written again, byte for byte the same.
    const first = written.written.map((w) => readFileSync(w.specPath, 'utf8'));
    await writePlots(d, rows);
    expect(written.written.map((w) => readFileSync(w.specPath, 'utf8'))).toEqual(first);
  });
});

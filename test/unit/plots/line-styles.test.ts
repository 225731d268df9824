import { beforeAll, describe, expect, test } from 'vitest';
import { powerVsFpsSpec } from '../../../src/report/plots/power-vs-fps.js';
import { ratioVsFpsSpec } from '../../../src/report/plots/ratio-vs-fps.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';
import { row } from './fixture.js';
import { findAll, hasClass, legendEntries, markItems, parseXml, seriesOfItem, textOf, type XmlNode } from './svg-tree.js';

/*
 * The shape of a real comparison (the review's case): one DRAM system under
 * all five idle policies and two eNVM systems whose lines nearly coincide,
 * at three rates. The DRAM policies' numbers differ only a little, as they do
 * at high rates.
 */
const POLICIES = ['standby', 'power-down', 'self-refresh', 'off', 'best'];
const rows: SweepRow[] = [1, 10, 100].flatMap((fps) => [
  ...POLICIES.map((p, i) => row('dram-sys', p, fps, 0.01 * fps * (1 + 0.01 * i))),
  row('rram-sys', '-', fps, 0.002 * fps),
  row('ctt-sys', '-', fps, 0.00201 * fps),
]);
const SERIES = [...POLICIES.map((p) => `dram-sys (${p})`), 'rram-sys (no DRAM)', 'ctt-sys (no DRAM)'];

/** How a line is drawn: colour, dash pattern, width, opacity. */
const look = (a: Record<string, string>): string => [a.stroke, a['stroke-dasharray'] ?? '', a['stroke-width'], a.opacity ?? '1'].join(' ');

let power: XmlNode;
let ratio: XmlNode;
beforeAll(async () => {
  power = parseXml(await renderSvg(powerVsFpsSpec(rows)));
  ratio = parseXml(await renderSvg(ratioVsFpsSpec(rows, { system: 'dram-sys', dramPolicy: 'best' })));
});

describe('every (system, policy) series of a line plot is its own, legible line', () => {
  test('each system has its own colour (the same in every report, palette.ts); its policies share it', () => {
    const lines = markItems(power, 'line');
    expect(lines.map(seriesOfItem).sort()).toEqual([...SERIES].sort());
    const colourOf = (prefix: string): Set<string | undefined> => new Set(lines.filter((l) => seriesOfItem(l).startsWith(prefix)).map((l) => l.attrs.stroke));
    expect(colourOf('dram-sys').size).toBe(1);
    expect(new Set([...colourOf('dram-sys'), ...colourOf('rram-sys'), ...colourOf('ctt-sys')]).size).toBe(3);
    // Colour and dash together tell every series apart.
    expect(new Set(lines.map((l) => `${l.attrs.stroke} ${l.attrs['stroke-dasharray'] ?? ''} ${l.attrs['stroke-width']}`)).size).toBe(SERIES.length);
  });

  test('each system is named at the end of its lines, in its colour, even where two systems\' lines coincide', () => {
    const labels = markItems(power, 'text').map((t) => ({ text: textOf(t), fill: t.attrs.fill, y: Number(/translate\([-\d.]+,([-\d.]+)\)/.exec(t.attrs.transform ?? '')?.[1]) }));
    expect(labels.map((l) => l.text).sort()).toEqual(['ctt-sys', 'dram-sys', 'rram-sys']);
    const stroke = new Map(markItems(power, 'line').map((l) => [seriesOfItem(l).split(' ')[0], l.attrs.stroke]));
    for (const l of labels) expect(l.fill, l.text).toBe(stroke.get(l.text));
    // rram-sys and ctt-sys end 0.5 % apart (under a pixel): their labels are still a line of text apart.
    const [rram, ctt] = ['rram-sys', 'ctt-sys'].map((n) => labels.find((l) => l.text === n)?.y as number);
    expect(Math.abs((rram as number) - (ctt as number))).toBeGreaterThanOrEqual(1.2 * 11 - 0.01);
  });

  test('the dash pattern (with width) tells the five DRAM policies apart too, so they stay apart in grey print', () => {
    const dram = markItems(power, 'line').filter((l) => seriesOfItem(l).startsWith('dram-sys'));
    expect(new Set(dram.map((l) => `${l.attrs['stroke-dasharray']} ${l.attrs['stroke-width']}`)).size).toBe(5);
  });

  test('one legend, one entry per series, each drawn exactly as its line', () => {
    expect(findAll(power, (x) => x.name === 'g' && hasClass(x, 'role-legend'))).toHaveLength(1);
    const entries = legendEntries(power);
    expect(entries.map((e) => e.label)).toEqual(SERIES);
    const lineLook = new Map(markItems(power, 'line').map((l) => [seriesOfItem(l), look(l.attrs)]));
    for (const e of entries) expect(look(e.attrs), e.label).toBe(lineLook.get(e.label));
  });

  test('"best" is drawn first (a pale band under the others), so the policy it follows stays visible on top', () => {
    const order = markItems(power, 'line').map(seriesOfItem);
    expect(order[0]).toBe('dram-sys (best)');
    const best = markItems(power, 'line')[0] as XmlNode;
    expect(Number(best.attrs['stroke-width'])).toBeGreaterThan(2);
    expect(Number(best.attrs.opacity)).toBeLessThan(1);
  });

  test('point markers are small, so the dash pattern shows between them', () => {
    // A vega symbol of area 10 px² is a circle of radius √(10/π) = 1.78 px: its path starts "M1.78...".
    const radii = markItems(power, 'symbol').map((p) => Number(/^M(-?[\d.]+),/.exec(p.attrs.d ?? '')?.[1]));
    expect(radii).toHaveLength(SERIES.length * 3);
    for (const r of radii) expect(Math.abs(r)).toBeLessThan(2);
  });

  test('a series keeps its colour in the ratio plot, which leaves the baseline system out', () => {
    const colourIn = (svg: XmlNode): Map<string, string | undefined> => new Map(markItems(svg, 'line').map((l) => [seriesOfItem(l), l.attrs.stroke]));
    const inPower = colourIn(power);
    const inRatio = colourIn(ratio);
    expect([...inRatio.keys()]).toEqual(['rram-sys (no DRAM)', 'ctt-sys (no DRAM)']);
    for (const [s, c] of inRatio) expect(c, s).toBe(inPower.get(s));
  });
});

describe('several traces', () => {
  test('renders without vega-lite warnings; every (system, policy, trace) has its own colour, traces also a point shape', async () => {
    const two = [...rows, ...rows.map((r) => ({ ...r, trace: 'other' }))];
    const svg = parseXml(await renderSvg(powerVsFpsSpec(two)));
    const lines = markItems(svg, 'line');
    expect(lines).toHaveLength(2 * SERIES.length);
    // A colour per system and trace (3 × 2); with the dash, every line is its own.
    expect(new Set(lines.map((l) => l.attrs.stroke)).size).toBe(2 * 3);
    expect(new Set(lines.map((l) => `${l.attrs.stroke} ${l.attrs['stroke-dasharray'] ?? ''} ${l.attrs['stroke-width']}`)).size).toBe(2 * SERIES.length);
    // Two legends: the series (14 entries) and the trace (2 point shapes).
    expect(legendEntries(svg).map((e) => e.label).slice(-2)).toEqual(['tiny', 'other']);
    expect(legendEntries(svg)).toHaveLength(2 * SERIES.length + 2);
  });
});

import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { manifestFor } from '../../../src/cli/manifest.js';
import { loadArchConfig } from '../../../src/config/arch-config.js';
import { writeReport, type ReportResult } from '../../../src/report/html/write-report.js';
import { simulationTable, topLayers, writeSimulationOutputs } from '../../../src/report/simulation-report.js';
import { simulate, type SimulationResult } from '../../../src/system/simulate.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { findAll, legendEntries, markItems, parseXml, textOf } from './svg-tree.js';

/** A simulate folder of the tiny trace (three layers) at one rate, 30 fps: the case of the old "nearest swept to 1" label. */
const ARCH = 'test/fixtures/tiny-lpddr4-1ch.json';
const TRACE = 'traces/tiny-conv.json';
let dir: string;
let result: SimulationResult;
let report: ReportResult;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'maxnvm-simreport-'));
  const config = loadArchConfig(ARCH);
  const trace = loadTrace(TRACE);
  result = simulate(config, trace, { fps: [30], frames: 2, seed: 1 });
  writeSimulationOutputs(dir, result, manifestFor('simulate', { arch: config, trace: { file: TRACE, name: trace.name }, fps: [30], frames: 2, seed: 1 }));
  report = await writeReport(dir);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const layers = (): Extract<SimulationResult, { feasible: true }>['layers'] => {
  if (!result.feasible) throw new Error('the tiny trace should run');
  return result.layers;
};

describe('report on a simulate folder', () => {
  test('per-layer bars instead of lone-dot line plots; a note says why there are no lines', () => {
    expect(report.plots.map((p) => p.name)).toEqual(['energy-breakdown', 'area-breakdown', 'layer-latency', 'layer-energy', 'layer-bytes']);
    expect(report.model.notes.join(' ')).toContain('no series is feasible at two rates or more');
  });

  test('one latency bar per layer that is not fused into another, its length the layer\'s time', () => {
    const svg = parseXml(report.plots.find((p) => p.name === 'layer-latency')?.svg ?? '');
    const shown = layers().filter((l) => l.fusedInto === undefined);
    const bars = markItems(svg, 'rect');
    expect(bars).toHaveLength(shown.length);
    const spec = JSON.parse(readFileSync(join(dir, 'plots', 'layer-latency.vl.json'), 'utf8')) as { data: { values: { bar: string; value: number }[] } };
    const byLayer = new Map(spec.data.values.map((v) => [v.bar, v.value]));
    // Values are in the axis unit (µs here): proportional to time_s.
    const [first, second] = shown;
    expect((byLayer.get(first?.name ?? '') as number) / (byLayer.get(second?.name ?? '') as number)).toBeCloseTo((first?.time_s as number) / (second?.time_s as number), 9);
  });

  test('energy by component and bytes by memory per layer; zero components (the backing store) left out', () => {
    const energy = parseXml(report.plots.find((p) => p.name === 'layer-energy')?.svg ?? '');
    const comps = legendEntries(energy).map((e) => e.label);
    const nonZero = [...new Set(layers().flatMap((l) => Object.entries(l.energyByComponent_J).filter(([, v]) => v !== 0).map(([k]) => k)))];
    expect(comps.sort()).toEqual(nonZero.sort());
    expect(comps).not.toContain('backingStore');
    const bytes = parseXml(report.plots.find((p) => p.name === 'layer-bytes')?.svg ?? '');
    expect(legendEntries(bytes).map((e) => e.label)).toEqual(['dram read', 'dram written']);
  });

  test('the rate panel says the rate simulated, 30 fps, never "nearest swept to 1"', () => {
    const svg = parseXml(report.plots.find((p) => p.name === 'energy-breakdown')?.svg ?? '');
    const texts = findAll(svg, (x) => x.name === 'text').map(textOf);
    expect(texts).toContain('30 fps');
    expect(texts.join(' ')).not.toContain('nearest');
    const html = readFileSync(report.reportPath, 'utf8');
    expect(html).not.toContain('nearest swept');
    expect(report.model.rates).toEqual([{ requested_fps: 30, fps: 30 }]);
  });
});

describe('simulate --format table: the top layers by time', () => {
  test('longest first, ties in execution order, at most 10', () => {
    const ls = [{ time_s: 1 }, { time_s: 3 }, { time_s: 2 }, { time_s: 3 }];
    expect(topLayers(ls)).toEqual([ls[1], ls[3], ls[2], ls[0]]);
    expect(topLayers(Array.from({ length: 12 }, (_, i) => ({ time_s: i })))).toHaveLength(10);
  });

  test('the table lists every layer of the tiny trace with its share of the inference', () => {
    const text = simulationTable(result, undefined);
    expect(text).toContain(`top 3 of 3 layers by time`);
    const latency = result.feasible ? result.inference.time_s : NaN;
    for (const l of topLayers(layers())) expect(text).toMatch(new RegExp(`${l.name}\\s+\\S+\\s+\\S+ \\S?s\\s+${((100 * l.time_s) / latency).toFixed(1)} %`));
  });
});

import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadArchConfig, withDramIdlePolicy } from '../../src/config/arch-config.js';
import { COMPARISON } from '../../src/cli/commands/main.js';
import { bandTable } from '../../src/report/band-table.js';
import { comparisonBands } from '../../src/system/comparison.js';
import { powersAt } from '../../src/system/ratio-band.js';
import { withNvdlaRegion } from '../../src/report/validation/nvdla-region.js';
import { simulate } from '../../src/system/simulate.js';
import { grouped, si } from '../../src/util/format.js';
import { validate } from '../../src/validation/validation-data.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import { buildResNet50 } from '../../src/workload/resnet50.js';
import { summarizeTrace } from '../../src/workload/summary.js';
import { cli } from './helpers.js';
import { docSection, expectPrinted, readmeSection as section, tableRows } from './readme.js';

/**
 * The figures the README, docs/validation.md and docs/results.md print, held against what the code computes now:
 * a model change that moves a documented figure fails here until the document is updated with it.
 */

/** What `maxnvm size --format json` reports per choice (the keys these tests read). */
interface Sized {
  label: string;
  totalCells: number;
  area_mm2: number;
  areaRatioToDenseSlc: number;
  eccOverhead_pct: number;
  denseSlc: { cells: number; area_mm2: number };
}

/** `maxnvm size` of a shipped trace with a choices file of examples/storage-choices/, as the CLI runs it. */
async function sizeChoices(trace: string, choices: string, technology?: string): Promise<Sized[]> {
  const tech = technology === undefined ? [] : ['--technology', technology]; // else the file's own technology
  const run = await cli('size', '--trace', `traces/${trace}.json`, '--choices', `examples/storage-choices/${choices}.json`, ...tech, '--format', 'json');
  if (run.code !== 0) throw new Error(run.stderr);
  return (JSON.parse(run.stdout) as { choices: Sized[] }).choices;
}

describe('README figures are the ones the code computes', () => {
  const zoo = tableRows(section('Model zoo'));
  const nvFull = loadArchConfig('arch-configs/nvdla-full-lpddr4.json');

  it('the model zoo table has the seven shipped networks', () => {
    expect(zoo.map((r) => /`([^`]+)`/.exec(r[0] ?? '')?.[1])).toEqual([
      'resnet18', 'vgg16', 'alexnet', 'googlenet', 'mobilenet-v2', 'squeezenet1.1', 'bert-base-layer-s128',
    ]);
  });

  it.each(zoo.map((r) => [/`([^`]+)`/.exec(r[0] ?? '')?.[1] ?? '?', r] as const))('model zoo: %s on nv_full + LPDDR4', (file, row) => {
    const [, macs, , weights, , latency, energy] = row;
    const trace = loadTrace(`traces/${file}.json`);
    const s = summarizeTrace(trace);
    expect(macs).toBe(grouped(s.macs));
    expect(weights).toBe(grouped(s.weights));
    const notFit = /^does not fit: .*\((\d+) KiB\) exceeds CBUF$/.exec(latency ?? '');
    if (notFit !== null) {
      // Refused as a configuration error naming the kernel group's bytes, never given a number.
      expect(() => simulate(nvFull, trace, { fps: [], frames: 1, seed: 1 })).toThrow(new RegExp(`kernel group \\(${Number(notFit[1]) * 1024} B\\)`));
      expect(energy).toBe('—');
      return;
    }
    const r = simulate(nvFull, trace, { fps: [], frames: 1, seed: 1 });
    if (!r.feasible) throw new Error(r.reason);
    const host = r.inference.host;
    // "7.30 ms, 6.57 ms of it host" and "4.57 mJ, 1.97 mJ host" where the network has host layers.
    const [time, hostTime, ...restTime] = (latency ?? '').split(', ');
    const [total, hostEnergy, ...restEnergy] = (energy ?? '').split(', ');
    expect([restTime, restEnergy]).toEqual([[], []]);
    expectPrinted(time, r.inference.time_s, 's');
    expectPrinted(total, r.inference.energy_J, 'J');
    expect(hostTime === undefined).toBe(host === undefined);
    if (host === undefined) return;
    expectPrinted(hostTime?.replace(/ of it host$/, ''), host.time_s, 's');
    expectPrinted(hostEnergy?.replace(/ host$/, ''), host.energy_J, 'J');
  });

  it("VGG-16's weights in dense RRAM at 3 bits per cell: the cells and area the README quotes", async () => {
    const m = /`node bin\/maxnvm\.js (size [^`]+)` gives ([\d,]+) cells, ([\d.]+) mm²/.exec(section('Model zoo').replace(/\n/g, ' '));
    if (m === null) throw new Error('the size example is gone from the Model zoo section');
    const out = await cli(...m[1]!.split(/\s+/));
    expect(out.code).toBe(0);
    expect(out.stdout).toContain(`${m[2]} cells ${m[3]} mm²`);
  });

  it("the main job's single inferences and on-chip areas (\"What it finds\")", () => {
    const text = section('What it finds (measured, `npm start`)').replace(/\s+/g, ' ');
    const one = /costs (\S+ mJ) in (\S+ ms) on the baseline and (\S+ mJ) in (\S+ ms) on the RRAM system \(([\d.]+)×\)/.exec(text);
    const area = /On-chip area: ([\d.]+) mm² for the baseline core; ([\d.]+) mm² for the RRAM system \(core ([\d.]+), eNVM ([\d.]+), decode logic ([\d.]+), activation SRAM ([\d.]+)\)/.exec(text);
    if (one === null || area === null) throw new Error('the single-inference or area sentence is gone from "What it finds"');
    const trace = loadTrace('traces/resnet50-v1.5-str81-c16.json');
    const base = simulate(nvFull, trace, { fps: [], frames: 1, seed: 1 });
    const rram = simulate(loadArchConfig('arch-configs/maxnvm-rram-safe-csr4.json'), trace, { fps: [], frames: 1, seed: 1 });
    if (!base.feasible || !rram.feasible) throw new Error('both systems must run the pruned ResNet-50');
    expectPrinted(one[1], base.inference.energy_J, 'J');
    expectPrinted(one[2], base.inference.time_s, 's');
    expectPrinted(one[3], rram.inference.energy_J, 'J');
    expectPrinted(one[4], rram.inference.time_s, 's');
    expect(one[5]).toBe((base.inference.energy_J / rram.inference.energy_J).toFixed(2));
    const a = rram.areaByComponent_mm2;
    const decode = (a.sparseDecode ?? 0) + (a.eccDecoders ?? 0) + (a.idxSync ?? 0);
    expect(area.slice(1)).toEqual([base.area_mm2, rram.area_mm2, a.nvdla ?? 0, a.envm ?? 0, decode, a.sram ?? 0].map((x) => x.toFixed(2)));
  });

  it('the library example prints what the README says it prints', () => {
    const m = /`node use\.mjs` prints `(latency [^`]+)` and `(at 30 fps: [^`]+)`/.exec(section('Use as a library').replace(/\n/g, ' '));
    if (m === null) throw new Error('the printed lines of the library example are gone from the README');
    // The example's own computation (README, "Use as a library"), from the sources.
    const r = simulate(loadArchConfig('nvdla-full-lpddr4'), buildResNet50('v1.5'), { fps: [30], frames: 2, seed: 1 });
    if (!r.feasible) throw new Error(r.reason);
    const at30 = r.points[0];
    if (!at30?.feasible) throw new Error('30 fps must be feasible');
    expect(m[1]).toBe(`latency ${(r.inference.time_s * 1e3).toFixed(2)} ms, ${(r.inference.energy_J * 1e3).toFixed(2)} mJ per inference`);
    expect(m[2]).toBe(`at 30 fps: ${(at30.power_W * 1e3).toFixed(1)} mW`);
  });
});

describe('docs/validation.md', () => {
  it('its generated NVDLA region is what `npm run validation` writes now', () => {
    const doc = readFileSync('docs/validation.md', 'utf8');
    expect(withNvdlaRegion(doc, validate(loadTrace('traces/resnet50-v1.json'))) === doc, 'docs/validation.md is stale: run `npm run validation`').toBe(true);
  });
});

describe("the MaxNVM comparison of `npm start`", () => {
  // The rates of its tables: the four table rates and the baseline's maximum (0.1 % below 1 / latency, 3 digits).
  let maxFps = NaN;
  let rates: number[] = [];
  let bands: ReturnType<typeof comparisonBands> = [];
  beforeAll(() => {
    const base = simulate(loadArchConfig(COMPARISON.baselineArch), loadTrace(COMPARISON.trace), { fps: [], frames: 1, seed: COMPARISON.seed });
    if (!base.feasible) throw new Error(base.reason);
    maxFps = Number((base.inference.maxFps * 0.999).toPrecision(3));
    rates = [...COMPARISON.tableRates, maxFps];
    bands = comparisonBands(COMPARISON, rates);
  });

  it("docs/validation.md's band table is the one it prints", () => {
    const claims = docSection('docs/validation.md', "## MaxNVM's claims under stated assumptions");
    const block = /```\n(Ratio = [\s\S]*?)\n```/.exec(claims)?.[1];
    if (block === undefined) throw new Error('the band table is gone from docs/validation.md');
    expect(block).toBe(bandTable(bands, (f) => (f === maxFps ? `max ${f}` : String(f)), rates));
  });

  it("the README's power table (\"What it finds\") is the one it computes", () => {
    const [rram, ctt] = bands;
    const rows = tableRows(section('What it finds (measured, `npm start`)'), '| | 0.1 fps');
    const at = (b: typeof rram, f: (p: NonNullable<NonNullable<typeof rram>['points'][number]>) => string): string[] =>
      (b?.points ?? []).map((p) => (p === null ? 'infeasible' : f(p)));
    expect(rows).toEqual([
      ['baseline, best DRAM policy', ...at(rram, (p) => si(p.baseline_W, 'W'))],
      ['MaxNVM RRAM', ...at(rram, (p) => si(p.system_W, 'W'))],
      ['MaxNVM CTT', ...at(ctt, (p) => si(p.system_W, 'W'))],
      ['baseline / MaxNVM RRAM', ...at(rram, (p) => `${p.ratio.toFixed(2)}×`)],
      ['band (leakage 0.1–5 %, flash 0.1–2 nJ/B)', ...at(rram, (p) => `${p.low.ratio.toFixed(2)}–${p.high.ratio.toFixed(2)}×`)],
    ]);
    expect(section('What it finds (measured, `npm start`)')).toContain(`| ${maxFps} fps (baseline max) |`);
  });

  it('the what-if ratios under ideal gating are the ones the two example configs give', () => {
    const doc = docSection('docs/validation.md', "## MaxNVM's claims under stated assumptions").replace(/\s+/g, ' ');
    const m = /\(`examples\/what-if\/\*-ideal-gating\.json`\) the ratio is ([\d.]+)× at 0\.1 fps, ([\d.]+)× at 1 fps, ([\d.]+)× at 10 fps and ([\d.]+)× at 30 fps/.exec(doc);
    if (m === null) throw new Error('the what-if sentence is gone from docs/validation.md');
    const trace = loadTrace(COMPARISON.trace);
    const whatIf = [0.1, 1, 10, 30];
    const baseline = powersAt(withDramIdlePolicy(loadArchConfig('examples/what-if/nvdla-full-lpddr4-ideal-gating.json'), 'best'), trace, whatIf, COMPARISON.seed);
    const system = powersAt(loadArchConfig('examples/what-if/maxnvm-rram-safe-csr4-ideal-gating.json'), trace, whatIf, COMPARISON.seed);
    expect(m.slice(1)).toEqual(whatIf.map((_, i) => ((baseline[i] ?? NaN) / (system[i] ?? NaN)).toPrecision(3)));
  });
});

describe('docs/results.md', () => {
  let printed = '';
  beforeAll(async () => {
    const run = await cli('main');
    if (run.code !== 0) throw new Error(run.stderr);
    printed = run.stdout;
  }, 300_000);

  it('every table of its MaxNVM comparison is one `npm start` prints now', () => {
    const comparison = docSection('docs/results.md', '## MaxNVM comparison (`npm start`)');
    const blocks = [...comparison.matchAll(/```\n([\s\S]*?)\n```/g)].map((m) => m[1]!);
    expect(blocks.length).toBeGreaterThanOrEqual(3);
    for (const block of blocks) expect(printed, `docs/results.md block starting "${block.slice(0, 60)}" is stale: rerun npm start`).toContain(block);
  });

  it("its storage sizing table is what `maxnvm size` gives for the study's choices", async () => {
    const rows = tableRows(docSection('docs/results.md', '## Storage sizing'), '| choice | STR81 cells');
    const columns = await Promise.all(['resnet50-v1.5-str81', 'resnet50-v1.5-str90'].map(async (t) => [await sizeChoices(t, 'maxnvm-study'), await sizeChoices(t, 'maxnvm-study-ctt')] as const));
    for (const [rram, ctt] of columns) expect(ctt.map((c) => c.label)).toEqual(rram.map((c) => c.label));
    const expected = (columns[0]?.[0] ?? []).map((c, i) =>
      [c.label, ...columns.flatMap(([rram, ctt]) => {
        const r = rram[i]!;
        return [grouped(r.totalCells), `${r.area_mm2.toFixed(3)} (${r.areaRatioToDenseSlc.toFixed(3)})`, ctt[i]!.area_mm2.toFixed(3)];
      })],
    );
    expect(rows).toEqual(expected);
  });
});

describe("docs/validation.md's area claims", () => {
  const area = docSection('docs/validation.md', '### Area:');
  const blocks = [...area.matchAll(/```\n\$ maxnvm (.*)\n([\s\S]*?)\n```/g)];
  const sized = async (trace: string, technology: string): Promise<Map<string, Sized>> =>
    new Map((await sizeChoices(trace, 'maxnvm-area-claims', technology)).map((c) => [c.label, c]));

  it.each(blocks.map((m) => [m[1]!, m[2]!] as const))('the block of `maxnvm %s` is what it prints now', async (command, block) => {
    const run = await cli(...command.split(/\s+/));
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(block);
  });

  it('the ratios, ECC shares and areas of its prose are those of the two weight sets', async () => {
    expect(blocks).toHaveLength(2);
    const text = area.replace(/\s+/g, ' ');
    const main = await sized('resnet50-v1.5-str81-c16', 'RRAM');
    const dense = await sized('resnet50-v1.5-str90-c4', 'RRAM');
    const ctt = await sized('resnet50-v1.5-str90-c4', 'CTT');
    const mainCtt = await sized('resnet50-v1.5-str81-c16', 'CTT');
    const cells = (c: Sized | undefined): string => ((c?.denseSlc.cells ?? NaN) / (c?.totalCells ?? NaN)).toFixed(1);
    const smaller = (c: Sized | undefined): string => ((c?.denseSlc.area_mm2 ?? NaN) / (c?.area_mm2 ?? NaN)).toFixed(1);
    expect(text).toContain(`${cells(dense.get('csr4-3b'))}× fewer cells`);
    expect(text).toContain(`${cells(dense.get('csr4-safe'))}× with the values at the 2 bits per cell`);
    expect(text).toContain(`${cells(main.get('csr4-safe'))}× for the main job's weights`);
    expect(text).toContain(`the same choices are ${smaller(dense.get('csr4-3b'))}×, ${smaller(dense.get('csr4-safe'))}× and ${smaller(main.get('csr4-safe'))}× smaller`);
    expect(text).toContain(`CTT's figures give ${smaller(ctt.get('csr4-3b'))}× in area`);
    const ecc = [...main.values(), ...dense.values()].map((c) => c.eccOverhead_pct).filter((p) => p > 0);
    expect(text).toContain(`ECC costs ${Math.min(...ecc).toFixed(1)}–${Math.max(...ecc).toFixed(1)} % of the bits`);
    const mm2 = (c: Sized | undefined): string => (c?.area_mm2 ?? NaN).toFixed(2);
    expect(text).toContain(`the weights take ${mm2(main.get('csr4-safe'))} mm² of RRAM (main job) or ${mm2(dense.get('csr4-safe'))} mm²`);
    expect(text).toContain(`${mm2(mainCtt.get('csr4-safe'))} and ${mm2(ctt.get('csr4-safe'))} mm² in CTT`);
    const sram = loadArchConfig('arch-configs/maxnvm-rram-safe-csr4.json');
    const r = simulate(sram, loadTrace('traces/resnet50-v1.5-str81-c16.json'), { fps: [], frames: 1, seed: 1 });
    if (!r.feasible) throw new Error(r.reason);
    const sramArea = r.areaByComponent_mm2.sram ?? NaN;
    expect(text).toContain(`(${sramArea.toFixed(2)} mm², \`arch-configs/maxnvm-rram-safe-csr4.json\`)`);
    const onChip = (c: Sized | undefined): string => ((c?.area_mm2 ?? NaN) + sramArea).toFixed(2);
    // The README's summary of the same findings.
    const readme = section('What it finds (measured, `npm start`)').replace(/\s+/g, ' ');
    expect(readme).toContain(`needs ${cells(dense.get('csr4-3b'))}× fewer cells than dense int8 SLC but is only ${smaller(dense.get('csr4-3b'))}× smaller in RRAM`);
    expect(readme).toContain(`(${onChip(main.get('csr4-safe'))} mm² for the main job's system)`);
    expect(text).toContain(`is ${onChip(main.get('csr4-safe'))} mm² (main job) or ${onChip(dense.get('csr4-safe'))} mm²`);
  });
});

import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { cli } from '../../integration/helpers.js';
import { UserError } from '../../../src/errors.js';
import { writeReport } from '../../../src/report/html/write-report.js';
import { bandFile } from '../../../src/report/band-file.js';
import { bandFixture } from './band-fixture.js';
import { fixtureRows } from './fixture.js';
import { parseXml } from './svg-tree.js';

const made: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'maxnvm-report-'));
  made.push(d);
  return d;
}
afterAll(() => {
  for (const d of made) rmSync(d, { recursive: true, force: true });
});

/** A sweep output folder holding the fixture, as an array or as { rows }. */
function sweepDir(form: 'array' | 'object' = 'array'): string {
  const d = tempDir();
  const rows = fixtureRows();
  writeFileSync(join(d, 'sweep.json'), JSON.stringify(form === 'array' ? rows : { rows }, null, 2));
  writeFileSync(join(d, 'sweep-manifest.json'), JSON.stringify({ tool: 'maxnvm', command: 'sweep', fps: [1, 3, 10, 30, 100] }));
  return d;
}

describe('writeReport on a sweep folder', () => {
  test('writes the five plots and a self-contained report.html with plots, tables, inputs and notes', async () => {
    const d = sweepDir();
    const r = await writeReport(d);
    const names = ['area-breakdown', 'energy-breakdown', 'energy-vs-fps', 'power-vs-fps', 'ratio-vs-fps'];
    expect(readdirSync(join(d, 'plots')).sort()).toEqual(names.flatMap((n) => [`${n}.svg`, `${n}.vl.json`]));
    const html = readFileSync(r.reportPath, 'utf8');
    expect(html.match(/<figure id="plot-/g)).toHaveLength(5);
    expect(html.match(/<svg /g)).toHaveLength(5);
    for (const id of ['systems-table', 'rates-table', 'infeasible-table', 'manifest-sweep-manifest']) expect(html).toContain(`id="${id}"`);
    // Self-contained: no script, no external style sheet, image or font, and a policy that forbids fetching anything.
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|src=|url\(http/i);
    expect(html).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
    // No two elements share an id even though every SVG numbers its clip paths from 1.
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    // Every url(#x) reference points at an id of the page.
    for (const m of html.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(m[1]);
  });

  test('the rate table: 3 rates × 4 series, ratios to the default baseline, the infeasible point with its reason', async () => {
    const d = sweepDir();
    const { model } = await writeReport(d);
    expect(model.baseline).toEqual({ system: 'lpddr4-baseline', dramPolicy: 'best' });
    expect(model.rateLines).toHaveLength(12);
    const at1 = model.rateLines.find((l) => l.fps === 1 && l.series === 'rram-2bpc (no DRAM)');
    // Fixture at 1 fps: baseline 0.014875 W (nvdla 0.003175 + sram 0.0003 + dram 0.0114);
    // rram-2bpc 0.00386 W (nvdla 0.002·0.98 + 0.0012 = 0.00316, sram 0.0003, envm 0.0004). 0.014875 / 0.00386 = 3.8536.
    expect(at1?.ratio).toBeCloseTo(0.014875 / 0.00386, 10);
    const ctt30 = model.rateLines.find((l) => l.fps === 30 && l.series === 'ctt-3bpc (no DRAM)');
    expect(ctt30?.row?.feasible).toBe(false);
    expect(ctt30?.ratio).toBeUndefined();
    const html = readFileSync(join(d, 'report.html'), 'utf8');
    expect(html).toContain('3.85×');
    expect(html).toContain('infeasible at 30 fps');
  });

  test('is deterministic, and sweep.json as an array or as { rows } gives the same report', async () => {
    const a = sweepDir('array');
    const b = sweepDir('object');
    await writeReport(a);
    const first = readFileSync(join(a, 'report.html'), 'utf8');
    await writeReport(a);
    await writeReport(b);
    expect(readFileSync(join(a, 'report.html'), 'utf8')).toBe(first);
    expect(readFileSync(join(b, 'report.html'), 'utf8')).toBe(first);
  });

  test('--baseline and --rates change the report; rates snap to the nearest swept rate', async () => {
    const d = sweepDir();
    const { model } = await writeReport(d, { baseline: 'lpddr4-baseline:self-refresh', rates: [2, 100] });
    expect(model.baseline).toEqual({ system: 'lpddr4-baseline', dramPolicy: 'self-refresh' });
    // 2 fps: |ln 2/1| = 0.69 > |ln 3/2| = 0.41 → 3 fps.
    expect(model.rates).toEqual([
      { requested_fps: 2, fps: 3 },
      { requested_fps: 100, fps: 100 },
    ]);
    expect(model.notes.join('\n')).toContain('Asked for 2 fps');
  });

  test('the plots inlined in the page are the files in plots/, ids prefixed', async () => {
    const d = sweepDir();
    const r = await writeReport(d);
    for (const p of r.plots) {
      expect(readFileSync(p.path, 'utf8')).toBe(p.svg);
      parseXml(p.svg);
    }
  });
});

describe('writeReport on a simulate folder', () => {
  test('summary.json of one simulation becomes rows: each point\'s measurement beside the run\'s context, policy from the manifest', async () => {
    const d = tempDir();
    const summary = {
      arch: { name: 'sys', file: 'arch-configs/sys.json', description: '', placement: { weights: 'dram', activations: 'sram' } },
      trace: { name: 'tiny', macs: 1, weights: 1, nonZeroWeights: 1, layers: 1 },
      seed: 1,
      area_mm2: 3,
      areaByComponent_mm2: { nvdla: 2, sram: 1 },
      notes: ['a note of the simulation'],
      feasible: true,
      inference: { cycles: 10, events: 5, hardwareOps: 1, maxFps: 100, feasible: true, time_s: 0.01, energy_J: 0.001, power_W: 0.1, energyByComponent_J: { nvdla: 0.0005, dram: 0.0005 }, energyByTerm_J: {}, residency_s: {}, stateEnergy_J: {}, stats: {} },
      layers: [],
      points: [
        {
          fps: 10, period_s: 0.1, latency_s: 0.01, framesMeasured: 2, events: 9, feasible: true, time_s: 0.1, power_W: 0.03, energy_J: 0.003,
          energyByComponent_J: { nvdla: 0.0015, dram: 0.0015 },
          energyByTerm_J: { nvdla: { dynamic: 0.001, leakage: 0.0005 }, dram: { background: 0.0015 } },
          residency_s: { dram: { active: 0.01, 'self-refresh': 0.09 } }, stateEnergy_J: {}, stats: {},
        },
        { fps: 200, feasible: false, reason: 'infeasible at 200 fps: too slow', latency_s: 0.01, period_s: 0.005, events: 3 },
      ],
    };
    writeFileSync(join(d, 'summary.json'), JSON.stringify(summary));
    writeFileSync(join(d, 'manifest.json'), JSON.stringify({ command: 'simulate', arch: { dram: { idlePolicy: 'self-refresh' } }, trace: { file: 'traces/tiny.json' } }));
    const { model } = await writeReport(d);
    expect(model.source).toBe('summary.json');
    const line = model.rateLines.find((l) => l.fps === 10);
    const measured = line?.row?.feasible === true ? line.row : undefined;
    expect(measured?.energyByComponent_J).toEqual({ nvdla: 0.0015, dram: 0.0015 });
    expect(measured?.residency_s).toEqual({ dram: { active: 0.01, 'self-refresh': 0.09 } });
    expect(measured?.area_mm2).toBe(3);
    expect(line?.row?.dramPolicy).toBe('self-refresh');
    expect(line?.row?.traceFile).toBe('traces/tiny.json');
    expect(model.notes).toContain('a note of the simulation');
    expect(readFileSync(join(d, 'report.html'), 'utf8')).toContain('infeasible at 200 fps: too slow');
  });

  test('a system that cannot run the trace: a report with the reason and no plots', async () => {
    const d = tempDir();
    writeFileSync(
      join(d, 'summary.json'),
      JSON.stringify({
        arch: { name: 'tiny-envm', file: 'a.json', description: '', placement: { weights: 'envm' } },
        trace: { name: 'big', macs: 1, weights: 1, nonZeroWeights: 1, layers: 1 },
        seed: 1, area_mm2: 1, areaByComponent_mm2: {}, notes: [], feasible: false, reason: 'weights do not fit',
      }),
    );
    const r = await writeReport(d);
    expect(r.plots).toEqual([]);
    expect(existsSync(join(d, 'plots'))).toBe(false);
    expect(readFileSync(r.reportPath, 'utf8')).toContain('tiny-envm cannot run big: weights do not fit');
  });
});

describe('bad input is a UserError with a suggestion', () => {
  test('a missing folder', async () => {
    const e = await writeReport(join(tmpdir(), 'maxnvm-no-such-dir-4711')).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).message).toContain('no output folder');
    expect((e as UserError).details.suggestion).toContain('maxnvm sweep --out DIR');
  });

  test('a folder with neither sweep.json nor summary.json', async () => {
    const d = tempDir();
    const e = await writeReport(d).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).details.suggestion).toContain('maxnvm sweep --out DIR');
  });

  test('invalid JSON names the file', async () => {
    const d = tempDir();
    writeFileSync(join(d, 'sweep.json'), '[{"system": ');
    const e = await writeReport(d).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).details.file).toBe(join(d, 'sweep.json'));
  });

  test('a row with a wrong field names the row and field', async () => {
    const d = tempDir();
    const rows = fixtureRows() as unknown as Record<string, unknown>[];
    (rows[3] as Record<string, unknown>).fps = 'fast';
    writeFileSync(join(d, 'sweep.json'), JSON.stringify({ rows }));
    const e = await writeReport(d).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).details.jsonPath).toBe('/rows/3/fps');
  });

  test('an unknown --baseline', async () => {
    const d = sweepDir();
    const e = await writeReport(d, { baseline: 'lpddr4-basline' }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(UserError);
    expect((e as UserError).details.suggestion).toBe('did you mean --baseline lpddr4-baseline?');
  });
});

describe('the report command', () => {
  test('report DIR --rates --baseline writes report.html', async () => {
    const d = sweepDir();
    const r = await cli('report', d, '--rates', '1,30', '--baseline', 'lpddr4-baseline');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain(`wrote ${join(d, 'report.html')}`);
    expect(readFileSync(join(d, 'report.html'), 'utf8')).toContain('30 fps');
  });

  test('a bad --rates: exit 2 and a message naming the flag', async () => {
    const d = sweepDir();
    const r = await cli('report', d, '--rates', '1,,3');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^error: --rates/);
  });

  test('--width and --font-size size every plot; boundary pairs of their ranges', async () => {
    const d = sweepDir();
    expect((await cli('report', d, '--width', '4000', '--font-size', '48')).code).toBe(0);
    const spec = JSON.parse(readFileSync(join(d, 'plots', 'power-vs-fps.vl.json'), 'utf8')) as { width: number; config: { axis: { labelFontSize: number } } };
    expect([spec.width, spec.config.axis.labelFontSize]).toEqual([4000, 48]);
    expect((await cli('report', d, '--width', '200', '--font-size', '6')).code).toBe(0);
    for (const bad of [['--width', '4001'], ['--width', '199'], ['--font-size', '5'], ['--font-size', '49'], ['--font-size', 'big']]) {
      const r = await cli('report', d, ...bad);
      expect(r.code, bad.join(' ')).toBe(2);
      expect(r.stderr, bad.join(' ')).toMatch(/^error: --(width|font-size)/);
    }
  });
});

describe('the ratio band in the report', () => {
  test('band.json beside the sweep becomes a section at the table rates, with both ends named, and the band plot; none without it', async () => {
    const d = sweepDir();
    expect(readFileSync((await writeReport(d)).reportPath, 'utf8')).not.toContain('id="band-table"');
    // The fixture's bands at every rate; the tables show 1 and 30 fps only.
    writeFileSync(join(d, 'band.json'), JSON.stringify(bandFile(bandFixture(), [1, 30])));
    const r = await writeReport(d);
    const html = readFileSync(r.reportPath, 'utf8');
    expect(html).toContain('id="band-table"');
    expect(html).toContain('3.10× – 6.20×');
    expect(html).toContain('residual gated leakage 5 %, flash 0.1 nJ/B (flash drives it)');
    expect(html).toContain('residual gated leakage 0.1 %, flash 2 nJ/B (leakage drives it)');
    expect(html).toContain('infeasible for one of the two systems'); // CTT at 30 fps
    expect(html).not.toContain('2.90× – 4.40×'); // 3 fps: in the plot, not in the table
    expect(readdirSync(join(d, 'plots'))).toContain('ratio-band.svg');
    expect(html).toContain('<figure id="plot-ratio-band"');
    expect(html).toContain('high end: leakage 0.1 %, flash 2 nJ/B');
  });

  test('a malformed band.json is a user error naming the file and the JSON path', async () => {
    const d = sweepDir();
    writeFileSync(join(d, 'band.json'), JSON.stringify({ bands: 3 }));
    await expect(writeReport(d)).rejects.toThrow(UserError);
    const file = bandFile(bandFixture(), [1]);
    (file.bands[0]?.points[0] as { ratio: unknown }).ratio = 'high';
    writeFileSync(join(d, 'band.json'), JSON.stringify(file));
    await expect(writeReport(d)).rejects.toThrow(/band\.json|ratio band/);
  });
});

import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { readdirSync } from 'node:fs';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { manifestFor } from '../../src/cli/manifest.js';
import { writeReport } from '../../src/report/html/write-report.js';
import { writeSimulationOutputs } from '../../src/report/simulation-report.js';
import { simulate } from '../../src/system/simulate.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import { fixtureRows } from '../unit/plots/fixture.js';
import { countColour, crop, decodePng, encodePng } from './png.js';

/**
 * Debian's chromium: /usr/bin/chromium, else the first `chromium` on PATH
 * (.ci/run installs it when missing). MAXNVM_CHROMIUM names another binary
 * and is the only candidate when set.
 */
function findChromium(): string | undefined {
  const override = process.env.MAXNVM_CHROMIUM;
  const onPath = (process.env.PATH ?? '').split(delimiter).filter((d) => d !== '').map((d) => join(d, 'chromium'));
  const candidates = override !== undefined ? [override] : ['/usr/bin/chromium', ...onPath];
  for (const c of candidates) {
    try {
      accessSync(c, constants.X_OK);
      return c;
    } catch {
      // not here
    }
  }
  return undefined;
}

const chromium = findChromium();
const skipReason = chromium === undefined ? ' [skipped: no chromium on this machine; apt-get install chromium]' : '';
if (chromium === undefined) process.stderr.write(`test/e2e/report.test.ts:${skipReason}\n`);
/**
 * What the test leaves for a person to look at, in the git-ignored out/ of the repository: the report it
 * rendered (out/e2e/run/report.html) and Chromium's screenshot of it (out/e2e/report.png). Both are rewritten
 * by every run; only the browser profiles live in a temporary folder.
 */
const OUT_DIR = fileURLToPath(new URL('../../out/e2e/', import.meta.url));
const SCREENSHOT = join(OUT_DIR, 'report.png');
const profiles = mkdtempSync(join(tmpdir(), 'maxnvm-e2e-'));
afterAll(() => rmSync(profiles, { recursive: true, force: true }));

/** Run headless Chromium with a fresh profile and no network-facing background work. */
function runChromium(args: string[]): { stdout: string; stderr: string } {
  const profile = mkdtempSync(join(profiles, 'profile-'));
  const flags = [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--hide-scrollbars',
    `--user-data-dir=${profile}`,
  ];
  const r = spawnSync(chromium as string, [...flags, ...args], { encoding: 'utf8', timeout: 90_000, maxBuffer: 64 * 1024 * 1024 });
  if (r.error !== undefined) throw r.error;
  if (r.status !== 0) throw new Error(`chromium exited with ${r.status}: ${r.stderr.slice(-2000)}`);
  return { stdout: r.stdout, stderr: r.stderr };
}

describe('maxnvm report in a browser', () => {
  test.skipIf(chromium === undefined)(`headless Chromium renders the plots and tables of report.html${skipReason}`, { timeout: 180_000 }, async () => {
    const dir = join(OUT_DIR, 'run');
    rmSync(dir, { recursive: true, force: true }); // no stale plots from an earlier run
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'sweep.json'), JSON.stringify(fixtureRows()));
    await writeReport(dir);
    const url = pathToFileURL(join(dir, 'report.html')).href;

    // The DOM as Chromium parsed it: five inline SVG plots with their marks, and filled tables.
    const dom = runChromium(['--dump-dom', url]).stdout;
    for (const name of ['power-vs-fps', 'energy-vs-fps', 'energy-breakdown', 'area-breakdown', 'ratio-vs-fps']) {
      expect(dom).toMatch(new RegExp(`<figure id="plot-${name}" data-plot="${name}">\\s*<svg`));
    }
    expect(dom.match(/class="mark-line role-mark/g)?.length).toBe(4 + 4 + 2); // power, energy, ratio lines
    const tableRows = (id: string): number => {
      const m = new RegExp(`<table id="${id}">([\\s\\S]*?)</table>`).exec(dom);
      return (m?.[1]?.match(/<tr>/g) ?? []).length;
    };
    expect(tableRows('systems-table')).toBe(1 + 3); // header + 3 systems
    expect(tableRows('rates-table')).toBe(1 + 3 * 4); // header + 3 rates × 4 series
    expect(tableRows('infeasible-table')).toBe(1 + 4);

    // The picture: the page is drawn, with the plots' colours on it.
    const png = SCREENSHOT;
    rmSync(png, { force: true }); // the file checked below must be this run's
    runChromium([`--screenshot=${png}`, '--window-size=1280,2000', url]);
    expect(existsSync(png)).toBe(true);
    process.stdout.write(`e2e: screenshot of the report saved to ${png} (report: ${join(dir, 'report.html')})\n`);
    expect(statSync(png).size).toBeGreaterThan(50_000); // a blank 1280×2000 page compresses to a few kB
    const img = decodePng(readFileSync(png));
    expect([img.width, img.height]).toEqual([1280, 2000]);
    // Solid fills that only the plots draw: nvdla segments of the energy breakdown (Okabe–Ito blue #0072b2) and the
    // table header background (#f3f3f3).
    expect(countColour(img, '#0072b2')).toBeGreaterThan(2_000);
    expect(countColour(img, '#f3f3f3')).toBeGreaterThan(2_000);
    // Each system's lines in its own colour (palette.ts; lpddr4-baseline (best) is a pale translucent band,
    // its self-refresh line is opaque): lpddr4-baseline #009e73, rram-2bpc #cc79a7, ctt-3bpc #d55e00.
    for (const colour of ['#009e73', '#cc79a7', '#d55e00']) expect(countColour(img, colour, 24), colour).toBeGreaterThan(200);
  });

  test.skipIf(chromium === undefined)(`every plot of a sweep report and of a simulate report, rendered to PNG${skipReason}`, { timeout: 300_000 }, async () => {
    // A simulate folder at one rate: per-layer bars instead of lone-dot lines, the panel labelled as asked.
    const sim = join(OUT_DIR, 'simulate');
    rmSync(sim, { recursive: true, force: true });
    const config = loadArchConfig('arch-configs/nvdla-full-lpddr4.json');
    const trace = loadTrace('traces/resnet50-v1.5.json');
    const result = simulate(config, trace, { fps: [30], frames: 2, seed: 1 });
    writeSimulationOutputs(sim, result, manifestFor('simulate', { arch: config, trace: { file: 'traces/resnet50-v1.5.json', name: trace.name }, fps: [30], frames: 2, seed: 1 }));
    const report = await writeReport(sim);
    expect(report.plots.map((p) => p.name)).toEqual(['energy-breakdown', 'area-breakdown', 'layer-latency', 'layer-energy', 'layer-bytes']);
    for (const [run, dir] of [['sweep', join(OUT_DIR, 'run')], ['simulate', sim]] as const) {
      const pngDir = join(OUT_DIR, 'plots', run);
      rmSync(pngDir, { recursive: true, force: true });
      mkdirSync(pngDir, { recursive: true });
      for (const file of readdirSync(join(dir, 'plots')).filter((f) => f.endsWith('.svg')).sort()) {
        const svg = readFileSync(join(dir, 'plots', file), 'utf8');
        const size = /<svg[^>]* width="(\d+)" height="(\d+)"/.exec(svg);
        const [w, h] = [Number(size?.[1]), Number(size?.[2])];
        // Chromium draws only part of a short window: shoot a tall one, keep the plot's own size.
        const shot = join(profiles, `${run}-${file}.png`);
        runChromium([`--screenshot=${shot}`, `--window-size=${w},${Math.max(h, 800)}`, pathToFileURL(join(dir, 'plots', file)).href]);
        const img = crop(decodePng(readFileSync(shot)), w, h);
        const png = join(pngDir, file.replace(/\.svg$/, '.png'));
        writeFileSync(png, encodePng(img));
        // Drawn, not blank: the nvdla blue or a line colour covers part of the picture.
        const inked = ['#0072b2', '#009e73', '#cc79a7', '#d55e00', '#e69f00', '#000000'].reduce((n, c) => n + countColour(img, c, 24), 0);
        expect(inked, png).toBeGreaterThan(300);
      }
      process.stdout.write(`e2e: PNGs of the ${run} report's plots in ${pngDir}\n`);
    }
  });
});

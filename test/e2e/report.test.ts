import { spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { writeReport } from '../../src/report/html/write-report.js';
import { fixtureRows } from '../unit/plots/fixture.js';
import { countColour, decodePng } from './png.js';

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
    // Solid fills that only the plots draw: nvdla segments of the energy breakdown (#4c78a8) and the
    // table header background (#f3f3f3).
    expect(countColour(img, '#4c78a8')).toBeGreaterThan(2_000);
    expect(countColour(img, '#f3f3f3')).toBeGreaterThan(2_000);
    // Each opaque series line has its own colour in the power and energy plots (the first series,
    // lpddr4-baseline (best), is a pale translucent band, so its pixels are blends): self-refresh #ff7f0e,
    // rram-2bpc #2ca02c, ctt-3bpc #d62728.
    for (const colour of ['#ff7f0e', '#2ca02c', '#d62728']) expect(countColour(img, colour, 24), colour).toBeGreaterThan(200);
  });
});

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { planPlots } from '../../../src/report/plots/write-plots.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import { fixtureRows } from '../../unit/plots/fixture.js';
import { bandFixture } from '../../unit/plots/band-fixture.js';

/**
 * Golden files: each plot of the committed fixture, rendered with the default
 * options (baseline lpddr4-baseline:best, rates 1, 10, 30 fps), must match
 * the committed SVG byte for byte; with the fixture's ratio bands
 * (test/unit/plots/band-fixture.ts) also the band plot. After an intended change of a plot, look
 * at the new SVGs and rewrite them with UPDATE_GOLDEN=1 npx vitest run test/golden/plots.
 */
const here = fileURLToPath(new URL('.', import.meta.url));
const update = process.env.UPDATE_GOLDEN === '1';
const plan = planPlots(fixtureRows());
const withBands = planPlots(fixtureRows(), { bands: bandFixture() });

describe('plot SVGs match the golden files', () => {
  test('the fixture yields all five plots', () => {
    expect(plan.plots.map((p) => p.file)).toEqual(['power-vs-fps.svg', 'energy-vs-fps.svg', 'energy-breakdown.svg', 'area-breakdown.svg', 'ratio-vs-fps.svg']);
  });

  test('with bands, the band plot comes last and the others are unchanged', () => {
    expect(withBands.plots.map((p) => p.file)).toEqual([...plan.plots.map((p) => p.file), 'ratio-band.svg']);
  });

  for (const p of [...plan.plots, ...withBands.plots.filter((x) => x.name === 'ratio-band')]) {
    test(p.file, async () => {
      const svg = await renderSvg(p.spec);
      const golden = join(here, p.file);
      if (update) writeFileSync(golden, svg);
      expect(existsSync(golden), `${golden} is missing: run UPDATE_GOLDEN=1 npx vitest run test/golden/plots`).toBe(true);
      expect(svg).toBe(readFileSync(golden, 'utf8'));
    });
  }
});

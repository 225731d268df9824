import { describe, expect, test } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { renderSvg } from '../../../src/report/plots/render-svg.js';
import { DEFAULT_STYLE, plotFrame, type PlotSpec } from '../../../src/report/plots/theme.js';
import { estimateTextWidth_px, wrapToWidth } from '../../../src/report/plots/wrap-text.js';
import { findAll, hasClass, parseXml, textOf } from './svg-tree.js';

describe('wrapToWidth', () => {
  test('boundary pair: a line of exactly the width fits, one character more wraps', () => {
    // 0.8 × 10 px = 8 px per character: 80 px hold 10 characters.
    expect(estimateTextWidth_px('abcde fghi', 10)).toBe(80);
    expect(wrapToWidth('abcde fghi', 80, 10)).toEqual(['abcde fghi']);
    expect(wrapToWidth('abcde fghij', 80, 10)).toEqual(['abcde', 'fghij']);
  });

  test('breaks at spaces, and inside a word longer than a line', () => {
    expect(wrapToWidth('a bb cc ddd', 40, 10)).toEqual(['a bb', 'cc', 'ddd']);
    expect(wrapToWidth('x abcdefghijkl y', 40, 10)).toEqual(['x', 'abcde', 'fghij', 'kl y']);
    expect(wrapToWidth('', 40, 10)).toEqual(['']);
  });

  test('property: no words lost or reordered, every line fits (seeded lengths)', () => {
    const rnd = randomStream(1, 'test/wrap-text');
    for (let t = 0; t < 50; t++) {
      const words = Array.from({ length: 1 + rnd.int(12) }, () => 'w'.repeat(1 + rnd.int(15)));
      const width = 40 + rnd.int(200);
      const lines = wrapToWidth(words.join(' '), width, 11);
      for (const l of lines) expect(estimateTextWidth_px(l, 11)).toBeLessThanOrEqual(width);
      expect(lines.join(' ').split(' ').join('')).toBe(words.join(''));
    }
  });
});

describe('plot titles', () => {
  test('a title and subtitle wider than the plot are wrapped, never cut with "…"', async () => {
    const title = 'resnet50-v1.5-str81-c16-pruned-and-clustered: cells at the found bits per cell for every encoding';
    const subtitle = 'most bits per cell within 0.5 pp on MNIST (my-lab-measured-levels-2bpc-sigmax2, 40 trials/step)';
    expect(estimateTextWidth_px(title, 14)).toBeGreaterThan(DEFAULT_STYLE.width_px);
    const spec = { ...plotFrame(title, subtitle), data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { y: { field: 'a', type: 'quantitative' } } } as unknown as PlotSpec;
    const svg = await renderSvg(spec);
    expect(svg).not.toContain('…');
    const text = findAll(parseXml(svg), (x) => x.name === 'g' && hasClass(x, 'role-title')).map(textOf).join(' ');
    for (const word of [...title.split(' '), ...subtitle.split(' ')]) expect(text).toContain(word);
  });
});

import { describe, expect, test } from 'vitest';
import { comparisonTable } from '../../../src/report/comparison-table.js';
import { row } from './fixture.js';

describe('the main job comparison table', () => {
  test('power, energy per frame and the ratio to the baseline under best, at each rate and at the baseline maximum', () => {
    const rows = [
      row('base', 'self-refresh', 1, 0.008),
      row('base', 'self-refresh', 50, 0.2),
      row('base', 'best', 1, 0.006),
      row('base', 'best', 50, 0.2),
      row('envm', '-', 1, 0.002),
      row('envm', '-', 50, null), // cannot keep up at 50 fps
    ];
    const text = comparisonTable({ rows, baselineMaxFps: 50 }, 'base', [1]);
    const lines = text.split('\n');
    expect(lines[0]).toMatch(/system\s+DRAM policy\s+area mm²\s+max fps\s+1 fps: power, energy\/frame \(×\)\s+max 50 fps: power, energy\/frame \(×\)/);
    // 6 mW / 2 mW = 3.00×; energy per frame at 1 fps is the power × 1 s.
    const envm = lines.find((l) => l.startsWith('envm'))!;
    expect(envm).toMatch(/2\.00 mW, 2\.00 mJ \(3\.00×\)\s+infeasible/);
    // 6 mW / 8 mW = 0.75×: the fixed policy is worse than best.
    expect(lines.find((l) => l.startsWith('base') && l.includes('self-refresh'))).toMatch(/8\.00 mW, 8\.00 mJ \(0\.75×\)\s+200 mW, 4\.00 mJ \(1\.00×\)/);
    expect(lines.filter((l) => /^(base|envm)/.test(l))).toHaveLength(3);
  });
});

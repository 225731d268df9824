import { describe, expect, test } from 'vitest';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { correctionsThatMatter } from '../../../src/validation/differences.js';
import { sheetLayers } from '../../../src/validation/perf-estimator/sheet-layers.js';

const rows = sheetLayers(loadTrace('traces/resnet50-v1.json'));
const pt = { macs: 2048, cbuf_KiB: 512, bandwidth_GBps: 10, clock_MHz: 1000, atomicK: 32, winograd: true };

describe('corrections that matter for a layer', () => {
  test('res2a_branch2a: C = 256 and KB as 1000 B; K rounding hidden under the DRAM term', () => {
    // Corrected: (196 + 4 + 196) KiB · 1.024 / 10 GB/s = 40,550.4 → 40,551 cycles against 6,272 MAC cycles.
    // C = 256 makes it 996 KiB; KB as 1000 B makes it 39,600 (2.3 % less); K to 128 doubles only the MAC term.
    expect(correctionsThatMatter(rows.find((r) => r.name === 'res2a_branch2a')!, pt)).toEqual(['res2aBranch2aChannels', 'kibibytes']);
  });

  test('res2a_branch2b: Winograd makes it compute-bound, so K rounded to 128 (64 → 128) doubles it', () => {
    expect(correctionsThatMatter(rows.find((r) => r.name === 'res2a_branch2b')!, pt)).toContain('kernelGroupAtomicK');
  });
});

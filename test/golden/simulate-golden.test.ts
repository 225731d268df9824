import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { toJson } from '../../src/util/atomic-write.js';
import { layersCsv, pointsCsv } from '../../src/report/simulation-report.js';
import { simulate } from '../../src/system/simulate.js';
import { loadTrace } from '../../src/workload/load-trace.js';

/**
 * Whole runs against committed golden files: any change of a model shows up
 * here as a diff to review. After an intended change: UPDATE_GOLDEN=1 npx vitest run test/golden
 */
const runs: [string, string, string][] = [
  ['nvdla-full-lpddr4', 'arch-configs/nvdla-full-lpddr4.json', 'traces/tiny-conv.json'],
  ['nvdla-small-lpddr4', 'arch-configs/nvdla-small-lpddr4.json', 'traces/tiny-conv.json'],
  ['maxnvm-rram-3bpc-csr4-ecc-idxsync', 'arch-configs/maxnvm-rram-3bpc-csr4-ecc-idxsync.json', 'traces/tiny-conv.json'],
];

function golden(file: string, actual: string): void {
  if (process.env.UPDATE_GOLDEN === '1') writeFileSync(file, actual);
  // A missing golden fails: it is written only on request, never silently during `npm test`.
  expect(existsSync(file), `${file} is missing; run UPDATE_GOLDEN=1 npx vitest run test/golden`).toBe(true);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('golden whole runs (tiny trace)', () => {
  test.each(runs)('%s', (name, arch, trace) => {
    const r = simulate(loadArchConfig(arch), loadTrace(trace), { fps: [1, 1000, 1e7], frames: 3, seed: 1 });
    golden(`test/golden/${name}.summary.json`, toJson(r));
    golden(`test/golden/${name}.layers.csv`, layersCsv(r));
    golden(`test/golden/${name}.points.csv`, pointsCsv(r));
  });
});

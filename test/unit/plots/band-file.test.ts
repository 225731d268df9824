import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { bandFile, readBandFile } from '../../../src/report/band-file.js';
import { bandFixture } from './band-fixture.js';

const dir = mkdtempSync(join(tmpdir(), 'maxnvm-band-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const file = bandFile(bandFixture(), [1, 30]);

describe('band.json', () => {
  test('SI units: flash energy in J/B (292 pJ/B = 2.92e-10 J/B), leakage as a fraction, powers in W; every unit stated', () => {
    expect(file.ranges).toEqual({ gatedLeakage_fraction: [0.001, 0.05], flashEnergy_J_per_B: [1e-10, 2e-9] });
    expect(file.bands[0]?.defaults).toEqual({ gatedLeakage_fraction: 0.05, flashEnergy_J_per_B: 2.92e-10, assumptions: 'residual gated leakage 5 %, flash 0.292 nJ/B' });
    for (const key of ['fps', 'ratio', '_W', 'gatedLeakage_fraction', 'flashEnergy_J_per_B', 'driver']) expect(file.units[key], key).toMatch(/\S/);
    expect(file.tableRates_fps).toEqual([1, 30]);
  });

  test('one point per rate: feasible ones with both powers, the ratio and each end with its assumptions and driver; infeasible ones marked', () => {
    const ctt = file.bands[1]!;
    expect(ctt.points.map((p) => p.fps)).toEqual([1, 3, 10, 30, 100]);
    expect(ctt.points.slice(3)).toEqual([{ fps: 30, feasible: false }, { fps: 100, feasible: false }]);
    const p = ctt.points[0]!;
    if (!p.feasible) throw new Error('expected a feasible point');
    expect(p.baselinePower_W).toBe(0.014875);
    expect(p.systemPower_W).toBe(0.004);
    expect(p.ratio).toBeCloseTo(0.014875 / 0.004, 12);
    expect(p.low).toEqual({ ratio: 2.9, gatedLeakage_fraction: 0.05, flashEnergy_J_per_B: 1e-10, assumptions: 'residual gated leakage 5 %, flash 0.1 nJ/B', driver: 'flashEnergy_J_per_B' });
    expect(p.high.driver).toBe('gatedLeakage_fraction');
  });

  test('reads back to the same bands, checked against its schema', () => {
    const path = join(dir, 'band.json');
    writeFileSync(path, JSON.stringify(file));
    expect(readBandFile(path)).toEqual({ bands: bandFixture(), tableRates: [1, 30] });
    writeFileSync(path, JSON.stringify({ ...file, bands: [{ ...file.bands[0], points: [{ fps: 1, feasible: true }] }] }));
    expect(() => readBandFile(path)).toThrow(UserError);
  });
});

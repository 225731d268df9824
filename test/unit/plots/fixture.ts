import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

/** The committed sweep fixture of the golden tests (test/golden/plots/fixture.json). */
const FIXTURE_FILE = fileURLToPath(new URL('../../golden/plots/fixture.json', import.meta.url));

export function fixtureRows(): SweepRow[] {
  return JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as SweepRow[];
}

/** A feasible row with the given numbers; the rest neutral. */
export function row(system: string, dramPolicy: string, fps: number, power_W: number | null, extra: Partial<SweepRow> = {}): SweepRow {
  const feasible = power_W !== null;
  return {
    system,
    archFile: `arch-configs/${system}.json`,
    trace: 'tiny',
    traceFile: 'traces/tiny.json',
    dramPolicy,
    fps,
    feasible,
    reason: feasible ? '' : `infeasible at ${fps} fps`,
    maxFps: 100,
    period_s: 1 / fps,
    latency_s: 0.01,
    power_W,
    energy_per_inference_J: power_W === null ? null : power_W / fps,
    energyByComponent_J: power_W === null ? {} : { nvdla: power_W / fps },
    area_mm2: 1,
    areaByComponent_mm2: { nvdla: 1 },
    residency_s: {},
    stateEnergy_J: {},
    ...extra,
  };
}

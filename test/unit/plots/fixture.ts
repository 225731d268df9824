import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

/** The committed sweep fixture of the golden tests (test/golden/plots/fixture.json). */
const FIXTURE_FILE = fileURLToPath(new URL('../../golden/plots/fixture.json', import.meta.url));

export function fixtureRows(): SweepRow[] {
  return JSON.parse(readFileSync(FIXTURE_FILE, 'utf8')) as SweepRow[];
}

/** A row with the given power (null: infeasible); the rest neutral. `extra` may set context and, if feasible, measurement fields. */
export function row(system: string, dramPolicy: string, fps: number, power_W: number | null, extra: Record<string, unknown> = {}): SweepRow {
  const context = {
    system,
    archFile: `arch-configs/${system}.json`,
    trace: 'tiny',
    traceFile: 'traces/tiny.json',
    dramPolicy,
    fps,
    maxFps: 100,
    period_s: 1 / fps,
    latency_s: 0.01,
    area_mm2: 1,
    areaByComponent_mm2: { nvdla: 1 },
  };
  if (power_W === null) return { ...context, feasible: false, reason: `infeasible at ${fps} fps`, ...extra } as SweepRow;
  const measured = {
    feasible: true as const,
    time_s: 1 / fps,
    energy_J: power_W / fps,
    power_W,
    energyByComponent_J: { nvdla: power_W / fps },
    energyByTerm_J: {},
    residency_s: {},
    stateEnergy_J: {},
    stats: {},
  };
  return { ...context, ...measured, ...extra } as SweepRow;
}

import { describe, expect, it } from 'vitest';
import { sweepCsv } from '../../../src/system/sweep/sweep-csv.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

const dramRow: SweepRow = {
  system: 'a',
  archFile: 'a.json',
  trace: 't',
  traceFile: 't.json',
  dramPolicy: 'off',
  fps: 10,
  feasible: true,
  reason: '',
  maxFps: 100,
  period_s: 0.1,
  latency_s: 0.01,
  power_W: 2,
  energy_per_inference_J: 0.2,
  energyByComponent_J: { nvdla: 0.15, dram: 0.05 },
  area_mm2: 3,
  areaByComponent_mm2: { nvdla: 3 },
  residency_s: { 'dram.off': 0.09, 'dram.active_standby': 0.01 },
  stateEnergy_J: { 'dram.off': 0, 'dram.active_standby': 0.004 },
};
const envmInfeasible: SweepRow = {
  ...dramRow,
  system: 'b',
  archFile: 'b.json',
  dramPolicy: '-',
  fps: 1000,
  feasible: false,
  reason: 'infeasible at 1000 fps: one inference takes 10 ms, more than 1 ms',
  power_W: null,
  energy_per_inference_J: null,
  energyByComponent_J: {},
  area_mm2: 5,
  areaByComponent_mm2: { nvdla: 3, envm: 2 },
  residency_s: {},
  stateEnergy_J: {},
};

describe('sweep.csv', () => {
  const [header, first, second] = sweepCsv([dramRow, envmInfeasible]).trimEnd().split('\n');
  it('names every column with its unit; per-component columns follow first appearance in row order', () => {
    expect(header).toBe(
      'system,arch_file,trace,trace_file,dram_policy,fps,feasible,reason,max_fps,period_s,latency_s,power_W,energy_per_inference_J,' +
        'energy_nvdla_J,energy_dram_J,area_mm2,area_nvdla_mm2,area_envm_mm2,residency_dram_off_s,residency_dram_active_standby_s,' +
        'state_energy_dram_off_J,state_energy_dram_active_standby_J',
    );
  });
  it('writes numbers at full precision and leaves columns a row does not have empty', () => {
    expect(first).toBe('a,a.json,t,t.json,off,10,true,,100,0.1,0.01,2,0.2,0.15,0.05,3,3,,0.09,0.01,0,0.004');
  });
  it('an infeasible point has its reason (quoted: it holds a comma) and no power or energy', () => {
    expect(second).toBe('b,b.json,t,t.json,-,1000,false,"infeasible at 1000 fps: one inference takes 10 ms, more than 1 ms",100,0.1,0.01,,,,,5,3,2,,,,');
  });
});

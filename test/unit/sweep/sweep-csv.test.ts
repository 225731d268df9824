import { describe, expect, it } from 'vitest';
import { sweepCsv } from '../../../src/system/sweep/sweep-csv.js';
import type { SweepRow } from '../../../src/system/sweep/sweep-row.js';

const context = { system: 'a', archFile: 'a.json', trace: 't', traceFile: 't.json', dramPolicy: 'off', maxFps: 100, area_mm2: 3, areaByComponent_mm2: { nvdla: 3 } };
const dramRow: SweepRow = {
  ...context,
  fps: 10,
  period_s: 0.1,
  latency_s: 0.01,
  feasible: true,
  time_s: 0.1,
  energy_J: 0.2,
  power_W: 2,
  energyByComponent_J: { nvdla: 0.15, dram: 0.05 },
  energyByTerm_J: { nvdla: { mac: 0.15 }, dram: { io_termination: 0.05 } },
  residency_s: { dram: { off: 0.09, active_standby: 0.01 } },
  stateEnergy_J: { dram: { off: 0, active_standby: 0.004 } },
  stats: { memoryPort: { portBusy_s: 0.002 } },
};
const envmInfeasible: SweepRow = {
  ...context,
  system: 'b',
  archFile: 'b.json',
  dramPolicy: '-',
  area_mm2: 5,
  areaByComponent_mm2: { nvdla: 3, envm: 2 },
  set: { 'nvdla.macAtomicK': 16 },
  fps: 1000,
  period_s: 0.001,
  latency_s: 0.01,
  feasible: false,
  reason: 'infeasible at 1000 fps: one inference takes 10 ms, more than 1 ms',
};

describe('sweep.csv', () => {
  const [header, first, second] = sweepCsv([dramRow, envmInfeasible]).trimEnd().split('\n');
  it('names every column by the one rule: the JSON path in camelCase, the unit at the end; config keys as written', () => {
    expect(header).toBe(
      'system,archFile,trace,traceFile,dramPolicy,nvdla.macAtomicK,fps,maxFps,period_s,latency_s,feasible,reason,time_s,energy_J,power_W,' +
        'energyByComponentNvdla_J,energyByComponentDram_J,energyByTermNvdlaMac_J,energyByTermDramIoTermination_J,' +
        'residencyDramOff_s,residencyDramActiveStandby_s,stateEnergyDramOff_J,stateEnergyDramActiveStandby_J,statsMemoryPortPortBusy_s,' +
        'area_mm2,areaByComponentNvdla_mm2,areaByComponentEnvm_mm2',
    );
  });
  it('writes numbers at full precision and leaves columns a row does not have empty', () => {
    expect(first).toBe('a,a.json,t,t.json,off,,10,100,0.1,0.01,true,,0.1,0.2,2,0.15,0.05,0.15,0.05,0.09,0.01,0,0.004,0.002,3,3,');
  });
  it('an infeasible point has its reason (quoted: it holds a comma) and no figures', () => {
    expect(second).toBe('b,b.json,t,t.json,-,16,1000,100,0.001,0.01,false,"infeasible at 1000 fps: one inference takes 10 ms, more than 1 ms",,,,,,,,,,,,,5,3,2');
  });
});

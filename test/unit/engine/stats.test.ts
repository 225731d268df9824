import { describe, expect, it } from 'vitest';
import { stat, type ComponentSpec } from '../../../src/engine/spec.js';
import { diffNested, StatsMismatch, StatsRegistry } from '../../../src/engine/stats.js';
import { loadArchConfig } from '../../../src/config/arch-config.js';
import { buildSystem } from '../../../src/system/build.js';
import { loadTrace } from '../../../src/workload/load-trace.js';

/** A made-up component: two energy terms, on and gated states, one counter and one figure. */
const spec: ComponentSpec = {
  name: 'widget',
  description: 'test component',
  params: [],
  stats: [
    stat('energy', 'test')('read', 'J', 'read energy'),
    stat('energy', 'test')('leakage', 'J', 'leakage'),
    stat('state', 'test')('on', 's, J', 'on'),
    stat('state', 'test')('gated', 's, J', 'gated'),
    stat('counter', 'test')('reads', 'count', 'reads'),
    stat('figure', 'test')('area_mm2', 'mm²', 'area'),
  ],
};

/** A widget whose cumulative figures the test sets by hand. */
function widget() {
  const w = { read: 0, leakage: 0, on: 0, gated: 0, reads: 0, advancedTo: -1 };
  const probe = {
    advance: (t: number) => void (w.advancedTo = t),
    energy: () => ({ read: w.read, leakage: w.leakage }),
    residency: () => ({ on: w.on, gated: w.gated }),
    stateEnergy: () => ({ on: w.leakage, gated: 0 }),
    stats: () => ({ reads: w.reads, area_mm2: 0.5 }),
  };
  return { w, probe };
}

describe('stats registry', () => {
  it('registers a component whose readers produce exactly its declarations', () => {
    const r = new StatsRegistry();
    expect(() => r.add('widget', spec, widget().probe)).not.toThrow();
    expect(r.components.map((c) => c.name)).toEqual(['widget']);
  });

  it('refuses a component producing a statistic it does not declare', () => {
    const { probe } = widget();
    const r = new StatsRegistry();
    const add = () => r.add('widget', spec, { ...probe, stats: () => ({ reads: 1, area_mm2: 0.5, writes: 2 }) });
    expect(add).toThrow(StatsMismatch);
    expect(add).toThrow(/widget \(counter\+figure\): produces undeclared writes/);
  });

  it('refuses a component that declares a statistic and does not produce it', () => {
    const { probe } = widget();
    const r = new StatsRegistry();
    expect(() => r.add('widget', spec, { ...probe, energy: () => ({ read: 0 }) })).toThrow(/declares but does not produce leakage/);
    expect(() => r.add('widget', spec, { ...probe, stats: undefined })).toThrow(/declares but does not produce reads, area_mm2/);
  });

  it('power states: a device reports a subset of the declared states, always including on', () => {
    const { probe } = widget();
    const onOnly = { ...probe, residency: () => ({ on: 0 }), stateEnergy: () => ({ on: 0 }) };
    expect(() => new StatsRegistry().add('widget', spec, onOnly)).not.toThrow();
    const noOn = { ...probe, residency: () => ({ gated: 0 }), stateEnergy: () => ({ gated: 0 }) };
    expect(() => new StatsRegistry().add('widget', spec, noOn)).toThrow(/declares but does not produce on/);
    const noEnergy = { ...probe, stateEnergy: undefined };
    expect(() => new StatsRegistry().add('widget', spec, noEnergy)).toThrow(/background energy/);
  });

  it('the same name twice is a bug', () => {
    const r = new StatsRegistry();
    r.add('widget', spec, widget().probe);
    expect(() => r.add('widget', spec, widget().probe)).toThrow(/twice/);
  });

  it('an interval is the difference of two snapshots; counters are differenced, figures are not', () => {
    const { w, probe } = widget();
    const r = new StatsRegistry();
    r.add('widget', spec, probe);
    Object.assign(w, { read: 1e-9, leakage: 2e-9, on: 1e-6, reads: 10 });
    const a = r.snapshot(1_000_000);
    expect(w.advancedTo).toBe(1_000_000);
    Object.assign(w, { read: 4e-9, leakage: 3e-9, on: 3e-6, gated: 5e-6, reads: 25 });
    const b = r.snapshot(9_000_000);
    // read 4 − 1 = 3 nJ, leakage 3 − 2 = 1 nJ; on 3 − 1 = 2 µs, gated 5 µs; reads 25 − 10 = 15.
    const e = diffNested(a.energy_J, b.energy_J);
    expect(e.widget!.read).toBeCloseTo(3e-9, 20);
    expect(e.widget!.leakage).toBeCloseTo(1e-9, 20);
    const res = diffNested(a.residency_s, b.residency_s).widget!;
    expect(res.on).toBeCloseTo(2e-6, 18);
    expect(res.gated).toBe(5e-6);
    expect(diffNested(a.counters, b.counters).widget).toEqual({ reads: 15 });
    expect(r.figures()).toEqual({ widget: { area_mm2: 0.5 } });
  });

  it('every shipped kind of system registers its components without a mismatch', () => {
    const cases: [string, string, string[]][] = [
      ['arch-configs/nvdla-small-lpddr4.json', 'traces/tiny-conv.json', ['nvdla', 'controlDomain', 'dram', 'memoryPort', 'backingStore']],
      ['arch-configs/maxnvm-rram-3bpc-csr4-ecc-idxsync.json', 'traces/tiny-conv.json', ['nvdla', 'controlDomain', 'envm', 'weightPath', 'sram']],
      ['arch-configs/hybrid-rram-lpddr4.json', 'traces/tiny-conv.json', ['nvdla', 'controlDomain', 'envm', 'weightPath', 'dram', 'memoryPort']],
      ['arch-configs/maxnvm-ctt-1bpc-bitmask.json', 'traces/bert-base-layer-s128.json', ['nvdla', 'controlDomain', 'envm', 'weightPath', 'sram', 'host']],
    ];
    for (const [arch, trace, components] of cases) {
      const sys = buildSystem(loadArchConfig(arch), loadTrace(trace), { seed: 1 });
      expect(sys.stats.components.map((c) => c.name).sort(), arch).toEqual([...components].sort());
    }
  });
});

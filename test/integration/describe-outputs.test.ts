import { describe, expect, it } from 'vitest';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { componentSpecs } from '../../src/config/registry.js';
import { statsOf } from '../../src/engine/spec.js';
import { CORE_STATS_ELSEWHERE } from '../../src/system/inference.js';
import { MEASUREMENT_FIELDS } from '../../src/system/measurement.js';
import { simulate } from '../../src/system/simulate.js';
import { describeText } from '../../src/cli/commands/describe.js';
import { loadTrace } from '../../src/workload/load-trace.js';

/**
 * `maxnvm describe` lists exactly what outputs contain: for a system with DRAM, a memory port, eNVM and its
 * weight path, every energy term, power state, counter and figure in summary.json is a declaration `describe`
 * lists for that component, and every declaration of those kinds is in summary.json (power states: those of the
 * power domain chosen). A layer's fields beside its name and measurement are the core's declared statistics.
 */
describe('describe lists exactly what the outputs contain', () => {
  const r = simulate(loadArchConfig('arch-configs/hybrid-rram-lpddr4.json'), loadTrace('traces/tiny-conv.json'), { fps: [1000], frames: 1, seed: 1 });
  if (!r.feasible) throw new Error(r.reason);
  const specOf = (name: string) => {
    const spec = componentSpecs.find((s) => s.name === name);
    if (spec === undefined) throw new Error(`no spec named ${name}`);
    return spec;
  };
  const keys = (kind: Parameters<typeof statsOf>[1], name: string): string[] => statsOf(specOf(name), kind).map((s) => s.key).sort();
  const text = describeText(componentSpecs);

  it('energy terms, counters and figures: produced == declared; states: produced within declared (on always)', () => {
    const inf = r.inference;
    expect(Object.keys(inf.energyByTerm_J).sort()).toEqual(['controlDomain', 'dram', 'envm', 'nvdla', 'weightPath']);
    for (const [c, terms] of Object.entries(inf.energyByTerm_J)) expect(Object.keys(terms).sort(), c).toEqual(keys('energy', c));
    for (const [c, counters] of Object.entries(inf.stats)) expect(Object.keys(counters).sort(), c).toEqual(keys('counter', c));
    expect(inf.stats.memoryPort?.portBusy_s).toBeGreaterThan(0);
    for (const [c, figures] of Object.entries(r.figures)) expect(Object.keys(figures).sort(), c).toEqual(keys('figure', c));
    for (const [c, states] of Object.entries(inf.residency_s)) {
      // A gated device reports on and its domain's idle state; the DRAM reports all of its states.
      if (keys('state', c).includes('on')) expect(Object.keys(states), c).toContain('on');
      else expect(Object.keys(states).sort(), c).toEqual(keys('state', c));
      for (const s of Object.keys(states)) expect(keys('state', c), `${c}.${s}`).toContain(s);
    }
    // And describe names each of them where it appears.
    expect(text).toContain('stats.memoryPort.portBusy_s (column statsMemoryPortPortBusy_s)');
    expect(text).toContain('energyByTerm_J.dram.io_termination (column energyByTermDramIoTermination_J)');
    expect(text).toContain('residency_s.envm.gated (column residencyEnvmGated_s)');
  });

  it('a layer: its name, op, start, bytes by memory, the measurement, and the core\'s declared statistics', () => {
    const context = ['name', 'op', 'start_s', 'fusedInto', 'bytesRead_B', 'bytesWritten_B', ...MEASUREMENT_FIELDS];
    const declared = keys('interval', 'nvdla').filter((k) => !(k in CORE_STATS_ELSEWHERE));
    for (const l of r.layers) expect(Object.keys(l).filter((k) => !context.includes(k)).sort(), l.name).toEqual(declared);
    expect(text).toContain('summary.json layers[].refetchedFeature_B, layers.csv column refetchedFeature_B');
  });
});

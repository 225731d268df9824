import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { MEMORY_KINDS, kindNames, kindsInUse } from '../../../src/config/memory-kinds.js';
import { componentSpecs } from '../../../src/config/registry.js';
import { resolveArchConfig } from '../../../src/config/arch-config.js';
import { UserError } from '../../../src/errors.js';

const read = (f: string): Record<string, unknown> => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

describe('memory kinds', () => {
  it('placement offers the registered kinds for each role, in registry order', () => {
    expect(kindNames('weights')).toEqual(['dram', 'envm']);
    expect(kindNames('activations')).toEqual(['dram', 'sram']);
  });

  it("every kind's section declarations are in the schema and `describe` list", () => {
    for (const kind of MEMORY_KINDS) for (const s of kind.sections) if (s.spec !== undefined) expect(componentSpecs, `${kind.name}: ${s.key}`).toContain(s.spec);
  });

  it('a kind holding both roles is built once; each kind in use gets only the roles placement gives it', () => {
    expect(kindsInUse({ weights: 'dram', activations: 'dram' }).map((u) => [u.kind.name, u.roles])).toEqual([['dram', ['weights', 'activations']]]);
    expect(kindsInUse({ weights: 'envm', activations: 'dram' }).map((u) => [u.kind.name, u.roles])).toEqual([['dram', ['activations']], ['envm', ['weights']]]);
  });

  it('the hybrid system (eNVM weights, DRAM activations) takes the sections of both kinds, and no backing store', () => {
    const c = resolveArchConfig(read('arch-configs/hybrid-rram-lpddr4.json'), 'hybrid.json');
    expect([c.dram, c.memoryPort, c.envm, c.weightPath, c.weightStorage].every((s) => s !== undefined)).toBe(true);
    expect([c.backingStore, c.sram]).toEqual([undefined, undefined]);
    const withStore = { ...read('arch-configs/hybrid-rram-lpddr4.json'), backingStore: {} };
    expect(() => resolveArchConfig(withStore, 'h.json')).toThrow(UserError);
    expect(() => resolveArchConfig(withStore, 'h.json')).toThrow(/section "backingStore" is not used/);
  });
});

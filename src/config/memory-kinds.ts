import { dramKind } from '../memories/dram/kind.js';
import { envmKind } from '../memories/envm/kind.js';
import type { MemoryKind, Role } from '../memories/kind.js';
import { sramKind } from '../memories/sram/kind.js';

/**
 * Every memory kind, in config order: `placement.weights` and `placement.activations` name one of these. Adding a
 * kind is a folder in src/memories/ and a line here (docs/architecture.md, "A memory kind").
 */
export const MEMORY_KINDS: readonly MemoryKind[] = [dramKind, envmKind, sramKind];

/** Names of the kinds that can hold a role, in registry order (the placement schema's choices). */
export function kindNames(role: Role): string[] {
  return MEMORY_KINDS.filter((k) => k.roles.includes(role)).map((k) => k.name);
}

/** The kind a placement names; the schema has already refused any other name. */
export function kindNamed(name: string): MemoryKind {
  const kind = MEMORY_KINDS.find((k) => k.name === name);
  if (kind === undefined) throw new Error(`no memory kind "${name}"`);
  return kind;
}

/** The kinds a placement uses, in registry order, each with the roles it holds. */
export function kindsInUse(placement: Readonly<Record<Role, string>>): { kind: MemoryKind; roles: Role[] }[] {
  return MEMORY_KINDS.map((kind) => ({ kind, roles: (['weights', 'activations'] as const).filter((r) => placement[r] === kind.name) })).filter((u) => u.roles.length > 0);
}

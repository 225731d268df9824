import { withDefaults } from '../engine/spec.js';
import { UserError } from '../errors.js';
import { controlDomainSpec, type ControlDomainParams } from '../hw/control-domain.js';
import { hostSpec, type HostParams } from '../hw/host/spec.js';
import type { DramParams } from '../hw/dram/spec.js';
import { resolveNvdlaParams } from '../hw/nvdla/params.js';
import type { NvdlaParams } from '../hw/nvdla/spec.js';
import type { MemorySections, SectionKey } from '../memories/kind.js';
import { MEMORY_KINDS, kindsInUse } from './memory-kinds.js';
import { validateStorageChoice } from '../storage/choice-schema.js';
import { archConfigSchema } from './arch-schema.js';
import { placementSpec, type Placement } from './system-spec.js';
import { readJsonFile, validateOrThrow } from '../util/json-validate.js';
import { resolveArchFile } from './shipped-configs.js';
import { expandConfigImports } from './import/config-imports.js';

/** A resolved architecture config: every default filled in, every cross-section rule checked. */
export interface ArchConfig extends MemorySections {
  /** File it was loaded from (for manifests and messages). */
  file: string;
  name: string;
  description: string;
  placement: Placement;
  nvdla: NvdlaParams;
  /** The always-on control domain, in every system. */
  controlDomain: ControlDomainParams;
  /** The host CPU's cost model for layers NVDLA cannot run (trace op "host"). */
  host: HostParams;
}

let schemaCache: ReturnType<typeof archConfigSchema> | undefined;
export function cachedArchSchema(): ReturnType<typeof archConfigSchema> {
  schemaCache ??= archConfigSchema();
  return schemaCache;
}

/**
 * Read, validate and resolve an architecture config file, or a shipped config by name
 * (`nvdla-full-lpddr4`: shipped-configs.ts). Throws UserError on any problem.
 */
export function loadArchConfig(fileOrName: string): ArchConfig {
  const file = resolveArchFile(fileOrName);
  const data = readJsonFile(file, 'architecture config');
  return resolveArchConfig(data, file);
}

export function resolveArchConfig(data: unknown, file: string): ArchConfig {
  validateOrThrow(cachedArchSchema(), data, file, 'architecture config');
  // Figures named by path (envm.importFigures, dram.memspec) are read in, then the whole is checked again.
  const expanded = expandConfigImports(data as Record<string, unknown>, file);
  if (expanded !== data) validateOrThrow(cachedArchSchema(), expanded, file, 'architecture config');
  const raw = expanded as Record<string, Record<string, unknown> | string | undefined>;
  const section = (name: string): Record<string, unknown> | undefined => raw[name] as Record<string, unknown> | undefined;
  const placement = withDefaults<Placement>(placementSpec, section('placement'));

  const used = kindsInUse(placement);
  // Sections every system has, then each memory kind's, needed or not as placement uses the kind.
  const rules: { key: string; needed: boolean; why: string; required: boolean }[] = [
    { key: 'controlDomain', needed: true, why: 'every system has one', required: false },
    { key: 'host', needed: true, why: 'every system has a host CPU for the layers NVDLA cannot run', required: false },
    ...MEMORY_KINDS.flatMap((kind) => {
      const roles = used.find((u) => u.kind === kind)?.roles ?? [];
      return kind.sections.map((s) => ({ key: s.key, needed: s.when === 'used' ? roles.length > 0 : roles.includes(s.when), why: s.why, required: s.required }));
    }),
  ];
  // Required sections must be present (no silent defaults for a whole memory); unused ones are mistakes.
  for (const { key, why } of rules.filter((r) => r.needed && r.required && raw[r.key] === undefined)) {
    throw new UserError(`missing section "${key}": ${why}`, {
      file,
      jsonPath: `/${key}`,
      expected: `a "${key}" section`,
      suggestion: `add "${key}": {} to take every default (see \`maxnvm describe ${key}\`), or change "placement"`,
    });
  }
  for (const { key } of rules.filter((r) => !r.needed && raw[r.key] !== undefined)) {
    throw new UserError(`section "${key}" is not used by this system's placement`, {
      file,
      jsonPath: `/${key}`,
      expected: `no "${key}" section when placement is ${JSON.stringify(placement)}`,
      suggestion: `remove "${key}", or change "placement" to use it`,
    });
  }

  const memories: MemorySections = Object.assign({}, ...used.map((u) => u.kind.resolve((key: SectionKey) => section(key), u.roles, file)));
  return {
    file,
    name: raw.name as string,
    description: (raw.description as string | undefined) ?? '',
    placement,
    nvdla: resolveNvdlaParams(section('nvdla'), file),
    ...memories,
    controlDomain: withDefaults<ControlDomainParams>(controlDomainSpec, section('controlDomain')),
    host: withDefaults<HostParams>(hostSpec, section('host')),
  };
}

/** The same config with the DRAM idle policy replaced (for `--idle-policy` and sweeps); never mutates. */
export function withDramIdlePolicy(config: ArchConfig, policy: DramParams['idlePolicy'], flag = '--idle-policy'): ArchConfig {
  if (config.dram === undefined) {
    throw new UserError(`${flag} ${policy}: system "${config.name}" has no DRAM`, {
      file: config.file,
      jsonPath: '/dram',
      expected: 'a system with a "dram" section',
      suggestion: `drop ${flag} for eNVM/SRAM systems (their memories are power-gated between frames)`,
    });
  }
  return { ...config, dram: { ...config.dram, idlePolicy: policy } };
}

/**
 * The same config with its weight storage replaced by the one in `file`
 * (`simulate --weight-storage`): a `{ "weightStorage": {...} }` fragment as
 * `maxnvm faults --search` writes it, or a bare storage choice. Never mutates.
 */
export function withWeightStorageFile(config: ArchConfig, file: string): ArchConfig {
  if (config.weightStorage === undefined) {
    throw new UserError(`--weight-storage: system "${config.name}" keeps its weights in DRAM, not in eNVM`, {
      file: config.file,
      jsonPath: '/placement/weights',
      expected: 'a system with placement.weights = "envm"',
      suggestion: 'use an eNVM system, e.g. arch-configs/maxnvm-rram-safe-csr4.json',
    });
  }
  const data = readJsonFile(file, 'weight storage');
  const wrapped = typeof data === 'object' && data !== null && !Array.isArray(data) && 'weightStorage' in data;
  const choice = wrapped ? (data as { weightStorage: unknown }).weightStorage : data;
  return { ...config, weightStorage: validateStorageChoice(choice, file, wrapped ? '/weightStorage' : '') };
}

import { withDefaults, type ComponentSpec } from '../engine/spec.js';
import { UserError } from '../errors.js';
import { controlDomainSpec, type ControlDomainParams } from '../hw/control-domain.js';
import { dramSpec, type DramParams } from '../hw/dram/spec.js';
import { curvesFor } from '../hw/memory-figures/figure-curves.js';
import { checkEnvmParams, envmSpec, type EnvmParams } from '../hw/envm/spec.js';
import { resolveNvdlaParams } from '../hw/nvdla/params.js';
import type { NvdlaParams } from '../hw/nvdla/spec.js';
import { sramSpec, type SramParams } from '../hw/sram/spec.js';
import { weightPathSpec, type WeightPathParams } from '../hw/weightpath/spec.js';
import { validateStorageChoice } from '../storage/choice-schema.js';
import type { StorageChoice } from '../storage/types.js';
import { archConfigSchema } from './arch-schema.js';
import { placementSpec, type Placement } from './system-spec.js';
import { memoryPortSpec, type MemoryPortParams } from '../hw/port-spec.js';
import { backingStoreSpec, resolveBackingStore, type BackingStoreParams, type BackingStoreSection } from '../hw/backing-store/spec.js';
import { validateDramParams } from '../hw/dram/validate.js';
import { readJsonFile, validateOrThrow } from '../util/json-validate.js';

/** A resolved architecture config: every default filled in, every cross-section rule checked. */
export interface ArchConfig {
  /** File it was loaded from (for manifests and messages). */
  file: string;
  name: string;
  description: string;
  placement: Placement;
  nvdla: NvdlaParams;
  memoryPort?: MemoryPortParams;
  dram?: DramParams;
  envm?: EnvmParams;
  sram?: SramParams;
  weightPath?: WeightPathParams;
  weightStorage?: StorageChoice;
  backingStore?: BackingStoreParams;
  /** The always-on control domain, in every system. */
  controlDomain: ControlDomainParams;
}

let schemaCache: ReturnType<typeof archConfigSchema> | undefined;
export function cachedArchSchema(): ReturnType<typeof archConfigSchema> {
  schemaCache ??= archConfigSchema();
  return schemaCache;
}

/** Read, validate and resolve an architecture config file. Throws UserError on any problem. */
export function loadArchConfig(file: string): ArchConfig {
  const data = readJsonFile(file, 'architecture config');
  return resolveArchConfig(data, file);
}

export function resolveArchConfig(data: unknown, file: string): ArchConfig {
  validateOrThrow(cachedArchSchema(), data, file, 'architecture config');
  const raw = data as Record<string, Record<string, unknown> | string | undefined>;
  const section = (name: string): Record<string, unknown> | undefined => raw[name] as Record<string, unknown> | undefined;
  const placement = withDefaults<Placement>(placementSpec, section('placement'));

  const weightsInDram = placement.weights === 'dram';
  const usesDram = weightsInDram || placement.activations === 'dram';
  const weightsInEnvm = placement.weights === 'envm';
  const needs = {
    dram: usesDram,
    memoryPort: usesDram,
    envm: weightsInEnvm,
    weightPath: weightsInEnvm,
    weightStorage: weightsInEnvm,
    sram: placement.activations === 'sram',
    backingStore: weightsInDram,
    controlDomain: true,
  };
  const why: Record<keyof typeof needs, string> = {
    dram: 'placement puts weights or activations in DRAM',
    memoryPort: 'placement uses off-chip memory',
    envm: 'placement.weights is "envm"',
    weightPath: 'placement.weights is "envm"',
    weightStorage: 'placement.weights is "envm"',
    sram: 'placement.activations is "sram"',
    backingStore: 'placement.weights is "dram"',
    controlDomain: 'every system has one',
  };
  // Required sections must be present (no silent defaults for a whole memory); unused ones are mistakes.
  for (const key of ['dram', 'envm', 'weightStorage', 'sram'] as const) {
    if (needs[key] && raw[key] === undefined) {
      throw new UserError(`missing section "${key}": ${why[key]}`, {
        file,
        jsonPath: `/${key}`,
        expected: `a "${key}" section`,
        suggestion: `add "${key}": {} to take every default (see \`maxnvm describe ${key}\`), or change "placement"`,
      });
    }
  }
  for (const key of Object.keys(needs) as (keyof typeof needs)[]) {
    if (!needs[key] && raw[key] !== undefined) {
      throw new UserError(`section "${key}" is not used by this system's placement`, {
        file,
        jsonPath: `/${key}`,
        expected: `no "${key}" section when placement is ${JSON.stringify(placement)}`,
        suggestion: `remove "${key}", or change "placement" to use it`,
      });
    }
  }

  const opt = <T>(key: keyof typeof needs, spec: ComponentSpec): T | undefined =>
    needs[key] ? withDefaults<T>(spec, section(key)) : undefined;
  const dram = opt<DramParams>('dram', dramSpec);
  if (dram !== undefined) validateDramParams(dram, file);
  const envm = opt<EnvmParams>('envm', envmSpec);
  const weightStorage = needs.weightStorage ? validateStorageChoice(raw.weightStorage, file, '/weightStorage') : undefined;
  if (envm !== undefined) checkEnvmParams(envm, '/envm', file);
  if (envm !== undefined && weightStorage !== undefined) checkEnvmFigures(envm, weightStorage, file);
  return {
    file,
    name: raw.name as string,
    description: (raw.description as string | undefined) ?? '',
    placement,
    nvdla: resolveNvdlaParams(section('nvdla'), file),
    memoryPort: opt<MemoryPortParams>('memoryPort', memoryPortSpec),
    dram,
    envm,
    sram: opt<SramParams>('sram', sramSpec),
    weightPath: opt<WeightPathParams>('weightPath', weightPathSpec),
    backingStore: needs.backingStore ? resolveBackingStore(withDefaults<BackingStoreSection>(backingStoreSpec, section('backingStore'))) : undefined,
    controlDomain: withDefaults<ControlDomainParams>(controlDomainSpec, section('controlDomain')),
    weightStorage,
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

/**
 * Every bits-per-cell level the storage choice uses must have array figures
 * for the technology (reference table or overrides): checked when the config
 * loads, so `validate` catches it and no simulation starts without them.
 */
function checkEnvmFigures(envm: EnvmParams, choice: StorageChoice, file: string): void {
  const levels = new Set([choice.defaultBitsPerCell, ...Object.values(choice.bitsPerCell)]);
  for (const bpc of [...levels].sort()) {
    try {
      curvesFor(envm.technology, bpc, envm.overrides);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, { ...e.details, file });
      throw e;
    }
  }
}

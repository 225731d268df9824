import type { ComponentSpec } from '../engine/spec.js';
import type { Simulator } from '../engine/event-queue.js';
import type { ClockDomain } from '../engine/time.js';
import type { BackingStoreParams } from '../hw/backing-store/spec.js';
import type { WeightReloader } from '../hw/backing-store/weight-reload.js';
import type { DramCommandSink } from '../hw/dram/commands.js';
import type { Lpddr4Memory } from '../hw/dram/lpddr4-memory.js';
import type { DramParams } from '../hw/dram/spec.js';
import type { EnvmArray } from '../hw/envm/envm-array.js';
import type { EnvmParams } from '../hw/envm/spec.js';
import type { EnergyAccount, MemoryDevice, PowerManaged, WeightSource } from '../hw/memory.js';
import type { NvdlaParams } from '../hw/nvdla/spec.js';
import type { FusedGroup } from '../hw/nvdla/fusion.js';
import type { MemoryPortParams } from '../hw/port-spec.js';
import type { SramParams } from '../hw/sram/spec.js';
import type { WeightPathParams } from '../hw/weightpath/spec.js';
import type { StorageChoice } from '../storage/types.js';
import type { Trace } from '../workload/layer.js';

/**
 * A kind of memory a system can keep its weights or its activations in (docs/architecture.md, "A memory kind"):
 * the config sections it needs, their checks, and how it is assembled into a system. `placement` names kinds;
 * the config loader and the system builder know no kind by name, only this interface and the registry.
 */
export type Role = 'weights' | 'activations';

/** The config sections of every memory kind, resolved (defaults filled in, checked). One line per section. */
export interface MemorySections {
  memoryPort?: MemoryPortParams;
  dram?: DramParams;
  backingStore?: BackingStoreParams;
  envm?: EnvmParams;
  weightPath?: WeightPathParams;
  weightStorage?: StorageChoice;
  sram?: SramParams;
}
export type SectionKey = keyof MemorySections;

/** A config section of a kind: when the system needs it, and why (for the messages about missing or unused sections). */
export interface SectionRule {
  key: SectionKey;
  /** Needed when the kind holds any role, or only when it holds this one. */
  when: 'used' | Role;
  why: string;
  /** Missing is an error (a whole memory is never defaulted silently); otherwise absent takes every default. */
  required: boolean;
  /** Its declarations, for the schema and `maxnvm describe` (absent for a section with a schema of its own). */
  spec?: ComponentSpec;
}

/** What a component registers: whichever of energy, power states and statistics it has. */
export interface Registration {
  account?: EnergyAccount;
  power?: PowerManaged;
  stats?: () => Record<string, number>;
}

/** What a kind registers as it is assembled. */
export interface Assembly {
  readonly trace: Trace;
  readonly sections: MemorySections;
  /** The config file, for messages. */
  readonly file: string;
  readonly seed: number;
  readonly sim: Simulator;
  /** The core's parameters as it runs them (Winograd decided), and its clock. */
  readonly nvdla: NvdlaParams;
  readonly coreClock: ClockDomain;
  readonly dramTrace?: DramCommandSink;
  /**
   * Register a component's statistics under `name`: its energy account, its power states (also slept and woken
   * between frames) and its `stats()` counters and figures, each checked against what `spec` declares.
   */
  register(name: string, spec: ComponentSpec, parts: Registration): void;
  addMemory(name: string, device: MemoryDevice): void;
  /** On-chip area of a component, mm² (a line of the area breakdown). */
  setArea(name: string, area_mm2: number): void;
  note(text: string): void;
  /** Why the system cannot run this trace at all. */
  infeasible(reason: string): void;
}

/** Devices a kind hands to the rest of the program (DRAM command traces, eNVM gating, reloads after off). */
export interface Handles {
  dram?: Lpddr4Memory;
  envm?: EnvmArray;
  reload?: WeightReloader;
}

/** Weights as the core reads them. */
export interface WeightStore {
  source: WeightSource;
  /** Bytes the weights take in the memory's address space (activations are placed after them in a shared memory). */
  end_B: number;
}

/** Activations as the core reads and writes them. */
export interface ActivationStore {
  features: MemoryDevice;
  addressOf: (tensor: string) => number;
  /** A check once the core's layer groups are planned (e.g. the live activations fit); a reason when they do not. */
  checkPlanned?: (groups: readonly FusedGroup[]) => string | undefined;
}

/** A kind in use in one system: built once, serving the roles placement gives it. */
export interface MemoryInstance {
  weights?(a: Assembly): WeightStore;
  activations?(a: Assembly, weightsEnd_B: number): ActivationStore;
  handles(): Handles;
}

export interface MemoryKind {
  /** The name `placement.weights` or `placement.activations` gives it. */
  name: string;
  roles: readonly Role[];
  /** Its config sections, in config order. */
  sections: readonly SectionRule[];
  /** Resolve and check its sections (defaults filled in) for the roles it holds; cross-section checks too. */
  resolve(raw: (key: SectionKey) => Record<string, unknown> | undefined, roles: readonly Role[], file: string): MemorySections;
  /** Whether the core may fetch Winograd-transformed weights from it (as weight store); why not, when not. */
  winogradWeights?: { ok: false; note: string };
  /** Peak bandwidth it offers the core (the lowest of the kinds in use bounds the roofline). */
  peakBandwidth_Bps?(sections: MemorySections): number;
  /** Assemble it; registers what it always has (a DRAM registers itself whatever it holds). */
  create(a: Assembly, roles: readonly Role[]): MemoryInstance;
}

/** A section the config loader guarantees for this kind; a missing one is a bug, not a user error. */
export function section<T>(value: T | undefined, key: SectionKey, kind: string): T {
  if (value === undefined) throw new Error(`memory kind ${kind}: section "${key}" was not resolved`);
  return value;
}

import type { ArchConfig } from '../config/arch-config.js';
import type { Simulator } from '../engine/event-queue.js';
import type { MemoryDevice } from '../hw/memory.js';
import type { NvdlaCore } from '../hw/nvdla/core.js';
import type { LayerIo } from '../hw/nvdla/memory-interface.js';
import type { Trace } from '../workload/layer.js';
import type { StatsRegistry } from '../engine/stats.js';
import type { PowerManaged } from '../hw/memory.js';

/** A built system: the core, its memories and weight source wired on one simulator, ready to replay frames. */
export interface System {
  config: ArchConfig;
  trace: Trace;
  sim: Simulator;
  core: NvdlaCore;
  io: LayerIo;
  /** Memories with byte counters, for per-layer traffic (name → device). */
  memories: { name: string; device: MemoryDevice }[];
  /** Every component's energy, power states and counters, read at interval boundaries. */
  stats: StatsRegistry;
  /** Devices with low-power states, slept and woken between frames (in registration order). */
  powerManaged: { name: string; device: PowerManaged }[];
  /** On-chip area by component, mm² (off-chip DRAM is not counted). */
  area_mm2: Record<string, number>;
  /** Why this system cannot run this trace at all (weights or activations do not fit); absent when it can. */
  infeasible?: string;
  /** The LPDDR4 memory, when the system has one (for its command trace). */
  dram?: import('../hw/dram/lpddr4-memory.js').Lpddr4Memory;
  /** The eNVM weight array, when weights live on chip (for gating between layers). */
  envm?: import('../hw/envm/envm-array.js').EnvmArray;
  /** Reloads weights into DRAM after an `off` period (systems with weights in DRAM). */
  reload?: import('../hw/backing-store/weight-reload.js').WeightReloader;
  /** The host CPU, when the trace has host layers (softmax, layer norm). */
  host?: import('../hw/host/host-cpu.js').HostCpu;
  /** Remarks the user should see with the results (e.g. CTT figures are rough). */
  notes: string[];
}

export interface BuildOptions {
  seed: number;
  /** Receives the DRAM command stream (DRAMPower trace) when given. */
  dramTrace?: import('../hw/dram/commands.js').DramCommandSink;
}


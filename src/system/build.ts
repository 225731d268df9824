import type { ArchConfig } from '../config/arch-config.js';
import { Simulator } from '../engine/event-queue.js';
import { psToSeconds } from '../engine/time.js';
import { ControlDomain } from '../hw/control-domain.js';
import { HostCpu } from '../hw/host/host-cpu.js';
import type { MemoryDevice } from '../hw/memory.js';
import { nvdlaArea } from '../hw/nvdla/area.js';
import { NvdlaCore } from '../hw/nvdla/core.js';
import { winogradLayers } from '../hw/nvdla/winograd-choice.js';
import type { ActivationStore, Assembly, Handles, MemoryInstance, Registration, Role, WeightStore } from '../memories/kind.js';
import { kindNamed, kindsInUse } from '../config/memory-kinds.js';
import { outputElements, type Trace } from '../workload/layer.js';
import { StatsRegistry } from '../engine/stats.js';
import { nvdlaSpec } from '../hw/nvdla/spec.js';
import { controlDomainSpec } from '../hw/control-domain.js';
import { hostSpec } from '../hw/host/spec.js';
import type { ComponentSpec } from '../engine/spec.js';
import type { PowerManaged } from '../hw/memory.js';
import type { BuildOptions, System } from './system.js';

/**
 * Wire a system from a resolved config and a trace: the NVDLA core, the memory kinds that placement names
 * (src/memories/: the weight store and its path into CBUF, the activation store), and the stats registry that reads
 * them all. No memory kind is named here.
 */
export function buildSystem(config: ArchConfig, trace: Trace, opts: BuildOptions): System {
  const sim = new Simulator();
  const stats = new StatsRegistry();
  const powerManaged: { name: string; device: PowerManaged }[] = [];
  const register = (name: string, spec: ComponentSpec, { account, power, stats: read }: Registration): void => {
    stats.add(name, spec, {
      ...(account === undefined ? {} : { advance: (t: number) => account.advanceTo(t), energy: () => account.energy_J() }),
      ...(power === undefined ? {} : { residency: () => power.residency_s(), stateEnergy: () => power.stateEnergy_J() }),
      ...(read === undefined ? {} : { stats: read }),
    });
    if (power !== undefined) powerManaged.push({ name, device: power });
  };
  const notes: string[] = [];
  const used = kindsInUse(config.placement);
  const weightKind = kindNamed(config.placement.weights);
  // Winograd needs weights the weight store can deliver transformed.
  const winograd = config.nvdla.winograd && weightKind.winogradWeights === undefined;
  if (config.nvdla.winograd && !winograd && weightKind.winogradWeights !== undefined) notes.push(weightKind.winogradWeights.note);
  // Where Winograd is on, a best-case compiler takes it only on the layers whose roofline it shortens.
  const featureBandwidth_Bps = Math.min(...used.map((u) => u.kind.peakBandwidth_Bps?.(config) ?? Infinity));
  const nvdla = { ...config.nvdla, winograd, winogradLayers: winograd ? winogradLayers(trace.layers, { ...config.nvdla, winograd }, featureBandwidth_Bps) : undefined };
  const core = new NvdlaCore(nvdla, sim);
  const coreArea_mm2 = nvdlaArea(config.nvdla).total_mm2;
  register('nvdla', nvdlaSpec, { account: core, power: core, stats: () => ({ area_mm2: coreArea_mm2 }) });
  // The always-on domain: the NVDLA control, the PMU and the wake-up timer, in every system.
  const control = new ControlDomain(config.controlDomain, config.nvdla.controlLeakage_mW);
  register('controlDomain', controlDomainSpec, { account: control, power: control });
  const area_mm2: Record<string, number> = { nvdla: coreArea_mm2 };
  const memories: { name: string; device: MemoryDevice }[] = [];
  const reasons: string[] = [];
  const assembly: Assembly = {
    trace,
    sections: config,
    file: config.file,
    seed: opts.seed,
    sim,
    nvdla,
    coreClock: core.clock,
    dramTrace: opts.dramTrace,
    register,
    addMemory: (name, device) => memories.push({ name, device }),
    setArea: (name, mm2) => (area_mm2[name] = mm2),
    note: (text) => notes.push(text),
    infeasible: (reason) => reasons.push(reason),
  };

  // Each kind in use is built once, in registry order; then the weight store, then the activation store.
  const instances = new Map(used.map((u) => [u.kind.name, u.kind.create(assembly, u.roles)]));
  const weights: WeightStore = provider(instances, config.placement.weights, 'weights', (i) => i.weights)(assembly);
  const activations: ActivationStore = provider(instances, config.placement.activations, 'activations', (i) => i.activations)(assembly, weights.end_B);
  const elements = new Map(trace.layers.map((l) => [l.name, outputElements(l)]));
  const io = { weights: weights.source, features: activations.features, addressOf: activations.addressOf, elementsOf: (t: string) => elements.get(t) };
  if (activations.checkPlanned !== undefined) {
    const fit = activations.checkPlanned(core.planGroups(trace.layers, io));
    if (fit !== undefined) reasons.push(fit);
  }
  const handles: Handles = Object.assign({}, ...[...instances.values()].map((i) => i.handles()));

  // The host CPU exists in the results only where the trace has layers NVDLA cannot run.
  const host = trace.layers.some((l) => l.op === 'host') ? new HostCpu(config.host, sim, core.clock) : undefined;
  if (host !== undefined) register('host', hostSpec, { account: host, stats: () => ({ busyTime_s: psToSeconds(host.busy_ps) }) });

  return {
    config,
    trace,
    sim,
    core,
    host,
    io,
    memories,
    stats,
    powerManaged,
    area_mm2,
    dram: handles.dram,
    envm: handles.envm,
    reload: handles.reload,
    infeasible: reasons.length > 0 ? reasons.join('; ') : undefined,
    notes,
  };
}

/** What the kind placement names for a role provides for it (the config loader checked that it can). */
function provider<T>(instances: Map<string, MemoryInstance>, name: string, role: Role, pick: (i: MemoryInstance) => T | undefined): T {
  const instance = instances.get(name);
  const fn = instance === undefined ? undefined : pick(instance);
  if (fn === undefined) throw new Error(`memory kind ${name} cannot hold ${role}`);
  return fn;
}

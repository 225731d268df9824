import type { ArchConfig } from '../config/arch-config.js';
import { Simulator } from '../engine/event-queue.js';
import { nsToPs } from '../engine/time.js';
import { ControlDomain } from '../hw/control-domain.js';
import { dramPeakBandwidth_Bps, Lpddr4Memory } from '../hw/dram/lpddr4-memory.js';
import { cellsByBitsPerCell } from '../hw/envm/stored-cells.js';
import { EnvmArray } from '../hw/envm/envm-array.js';
import type { EnergyAccount, MemoryDevice, WeightSource } from '../hw/memory.js';
import { nvdlaArea } from '../hw/nvdla/area.js';
import { NvdlaCore } from '../hw/nvdla/core.js';
import { winogradLayers } from '../hw/nvdla/winograd-choice.js';
import { groupIndices } from '../hw/nvdla/fusion.js';
import { perLayerCompressedBytes } from '../hw/nvdla/weight-compression.js';
import { MemoryWeightSource, denseInt8Bytes, withWinogradWeights, type KernelBytesFn } from '../hw/nvdla/weight-source.js';
import { MemoryPort } from '../hw/port.js';
import { SramBuffer } from '../hw/sram/sram-buffer.js';
import { EnvmWeightSource } from '../hw/weightpath/envm-weight-source.js';
import { nvdlaCompressedBytes } from '../storage/nvdla-compressed.js';
import { kernelRangeStreamBits, layerStorage } from '../storage/stream-sizes.js';
import type { LayerStorage } from '../storage/types.js';
import { hasWeights, type Trace } from '../workload/layer.js';
import { peakLiveActivationBytes } from '../workload/liveness.js';
import { planTensorAddresses } from '../workload/address-plan.js';
import { EnergyLedger } from './energy-ledger.js';
import { WeightReloader } from '../hw/backing-store/weight-reload.js';
import type { BuildOptions, System } from './system.js';

/** Tensors are aligned to one LPDDR4 burst (BL16 × 16 bit = 32 B) so no burst straddles two tensors. */
const TENSOR_ALIGN_B = 32;

/**
 * Wire a system from a resolved config and a trace: the NVDLA core, the
 * weight store and its path into CBUF, the feature memory, and the energy
 * ledger that reads them all.
 */
export function buildSystem(config: ArchConfig, trace: Trace, opts: BuildOptions): System {
  const sim = new Simulator();
  const ledger = new EnergyLedger();
  const notes: string[] = [];
  // Winograd needs its weights pre-transformed (16/9 of the bytes, dense); the eNVM weight path decodes raw sparse
  // weights and no transform unit is modelled, so a core fed from eNVM runs direct convolution.
  const winograd = config.nvdla.winograd && config.placement.weights === 'dram';
  if (config.nvdla.winograd && !winograd) notes.push('Winograd off: the eNVM weight path delivers raw (untransformed) weights');
  // Where Winograd is on, a best-case compiler takes it only on the layers whose roofline it shortens.
  const dramPeak_Bps = config.dram === undefined ? Infinity : dramPeakBandwidth_Bps(config.dram);
  const featureBandwidth_Bps = Math.min((config.memoryPort?.peakBandwidth_GBps ?? Infinity) * 1e9, dramPeak_Bps);
  const nvdla = { ...config.nvdla, winograd, winogradLayers: winograd ? winogradLayers(trace.layers, { ...config.nvdla, winograd }, featureBandwidth_Bps) : undefined };
  const core = new NvdlaCore(nvdla, sim);
  ledger.addAccount('nvdla', core);
  ledger.addPowerManaged('nvdla', core);
  // The always-on domain: the NVDLA control, the PMU and the wake-up timer, in every system.
  const control = new ControlDomain(config.controlDomain, config.nvdla.controlLeakage_mW);
  ledger.addAccount('controlDomain', control);
  ledger.addPowerManaged('controlDomain', control);
  const area_mm2: Record<string, number> = { nvdla: nvdlaArea(config.nvdla).total_mm2 };
  const memories: { name: string; device: MemoryDevice }[] = [];
  const reasons: string[] = [];

  let dramPort: MemoryDevice | undefined;
  let dram: Lpddr4Memory | undefined;
  let reload: WeightReloader | undefined;
  if (config.dram !== undefined) {
    // `best` weighs the off state's reload cost; the reloader is created below once the weight bytes are known.
    dram = new Lpddr4Memory(config.dram, { sink: opts.dramTrace, file: config.file, offReloadEnergy_J: () => reload?.reloadEnergy_J() ?? 0, offReloadLead_ps: () => reload?.reloadDuration_ps() ?? 0 });
    ledger.addAccount('dram', dram);
    ledger.addPowerManaged('dram', dram);
    dramPort = config.memoryPort === undefined ? dram : new MemoryPort(dram, config.memoryPort.peakBandwidth_GBps, nsToPs(config.memoryPort.latency_ns));
    memories.push({ name: 'dram', device: dram });
  }

  // Weights.
  let weights: WeightSource;
  let envm: EnvmArray | undefined;
  let weightsEnd_B = 0;
  if (config.placement.weights === 'dram') {
    if (dramPort === undefined) throw new Error('placement.weights = dram without a DRAM');
    // NVDLA's compiler compresses a layer only when that is smaller than dense (weight-compression.ts).
    // Winograd layers hold pre-transformed dense weights, the others as compression chooses.
    const bytesOf: KernelBytesFn = withWinogradWeights(trace.layers, nvdla, config.nvdla.weightCompression
      ? perLayerCompressedBytes(trace.layers, config.nvdla.macAtomicK, (l, k0, k1, atomicK) => nvdlaCompressedBytes(l, k0, k1, atomicK, { seed: opts.seed }))
      : denseInt8Bytes(trace.layers));
    const src = new MemoryWeightSource(dramPort, trace.layers, 0, bytesOf);
    for (const [i, l] of trace.layers.entries()) if (hasWeights(l)) weightsEnd_B += bytesOf(i, 0, l.outputChannels).stored_B;
    weights = src;
    if (dram !== undefined && config.backingStore !== undefined) {
      reload = new WeightReloader(dram, weightsEnd_B, config.backingStore);
      ledger.addAccount('backingStore', reload);
    }
  } else {
    const choice = config.weightStorage;
    if (choice === undefined || config.envm === undefined || config.weightPath === undefined) {
      throw new Error('placement.weights = envm without envm, weightPath and weightStorage sections');
    }
    const sizing = { seed: opts.seed, atomicK: config.nvdla.macAtomicK };
    const storages: (LayerStorage | undefined)[] = trace.layers.map((l) => (hasWeights(l) ? layerStorage(l, choice, sizing) : undefined));
    const array = new EnvmArray(config.envm, cellsByBitsPerCell(storages));
    envm = array;
    const fit = array.checkFits();
    if (fit !== undefined) reasons.push(fit);
    notes.push(...array.notes);
    ledger.addPowerManaged('envm', array);
    area_mm2.envm = array.area_mm2();
    // A kernel range's bits are asked for at every fetch (split-H chunks fetch the same ranges again): sized once.
    const rangeCache = new Map<string, ReturnType<typeof kernelRangeStreamBits>>();
    const rangeBits = (i: number, k0: number, k1: number): ReturnType<typeof kernelRangeStreamBits> => {
      const key = `${i}:${k0}:${k1}`;
      let bits = rangeCache.get(key);
      if (bits === undefined) rangeCache.set(key, (bits = kernelRangeStreamBits(layerAt(trace, i), choice, k0, k1, sizing)));
      return bits;
    };
    const src = new EnvmWeightSource({
      array,
      params: config.weightPath,
      clock: core.clock,
      layerStorage: (i) => storages[i],
      kernelCount: (i) => layerAt(trace, i).outputChannels,
      storage: choice,
      atomicK: config.nvdla.macAtomicK,
      // Exact per-kernel-range bits from the same sizing model, not a proportional split.
      streamRange: (i, k0, k1, stream) => {
        const before = k0 === 0 ? 0 : (rangeBits(i, 0, k0)[stream.stream] ?? 0);
        const bits = rangeBits(i, k0, k1)[stream.stream] ?? 0;
        return { startBit: before, bits };
      },
    });
    // The weight path's units, each on its own line of the area breakdown.
    const units = src.areaBreakdown_mm2();
    area_mm2.sparseDecode = units.decode;
    if (units.ecc > 0) area_mm2.eccDecoders = units.ecc;
    if (units.idxsync > 0) area_mm2.idxSync = units.idxsync;
    memories.push({ name: 'envm', device: array });
    weights = src;
    // The source reports the array's energy with its own (envm_read, envm_leakage, ..., decode, ecc, idxsync):
    // shown as two components, the eNVM and the decode logic.
    ledger.addAccount('envm', termsOf(src, 'envm_', true));
    ledger.addAccount('weightPath', termsOf(src, 'envm_', false));
  }

  // Activations.
  let features: MemoryDevice;
  let sramToCheck: SramBuffer | undefined;
  let addressOf: (tensor: string) => number;
  if (config.placement.activations === 'dram') {
    if (dramPort === undefined) throw new Error('placement.activations = dram without a DRAM');
    features = dramPort;
    addressOf = planTensorAddresses(trace, Math.ceil(weightsEnd_B / 4096) * 4096, TENSOR_ALIGN_B);
  } else {
    if (config.sram === undefined) throw new Error('placement.activations = sram without an sram section');
    const sram = new SramBuffer(config.sram);
    sramToCheck = sram;
    ledger.addAccount('sram', sram);
    ledger.addPowerManaged('sram', sram);
    area_mm2.sram = sram.area_mm2();
    memories.push({ name: 'sram', device: sram });
    features = sram;
    addressOf = planTensorAddresses(trace, 0, TENSOR_ALIGN_B, config.sram.capacity_B);
  }

  // Activations must fit the SRAM as the core runs them: tensors that fused layers never write take no space.
  if (sramToCheck !== undefined) {
    const groups = core.planGroups(trace.layers, { weights, features, addressOf });
    const fit = sramToCheck.checkFits(peakLiveActivationBytes(trace, groups.map((g) => groupIndices(g).map((i) => layerAt(trace, i).name))));
    if (fit !== undefined) reasons.push(fit);
  }

  return {
    config,
    trace,
    sim,
    core,
    io: { weights, features, addressOf },
    memories,
    ledger,
    area_mm2,
    dram,
    envm,
    reload,
    infeasible: reasons.length > 0 ? reasons.join('; ') : undefined,
    notes,
  };
}

/** A view of an account holding only the terms with (or without) a prefix, the prefix removed. */
function termsOf(account: EnergyAccount, prefix: string, withPrefix: boolean): EnergyAccount {
  return {
    name: account.name,
    advanceTo: (t) => account.advanceTo(t),
    energy_J: () => {
      const out: Record<string, number> = {};
      for (const [k, v] of Object.entries(account.energy_J())) {
        if (k.startsWith(prefix) === withPrefix) out[withPrefix ? k.slice(prefix.length) : k] = v;
      }
      return out;
    },
  };
}

function layerAt(trace: Trace, i: number): Trace['layers'][number] {
  const l = trace.layers[i];
  if (l === undefined) throw new Error(`no layer ${i} in trace ${trace.name}`);
  return l;
}

import { withDefaults } from '../../engine/spec.js';
import { nsToPs, psToSeconds } from '../../engine/time.js';
import { backingStoreSpec, resolveBackingStore, type BackingStoreSection } from '../../hw/backing-store/spec.js';
import { WeightReloader } from '../../hw/backing-store/weight-reload.js';
import { dramPeakBandwidth_Bps, Lpddr4Memory } from '../../hw/dram/lpddr4-memory.js';
import { dramSpec, type DramParams } from '../../hw/dram/spec.js';
import { validateDramParams } from '../../hw/dram/validate.js';
import type { MemoryDevice } from '../../hw/memory.js';
import { perLayerCompressedBytes } from '../../hw/nvdla/weight-compression.js';
import { MemoryWeightSource, denseInt8Bytes, withWinogradWeights, type KernelBytesFn } from '../../hw/nvdla/weight-source.js';
import { MemoryPort } from '../../hw/port.js';
import { memoryPortSpec, type MemoryPortParams } from '../../hw/port-spec.js';
import { nvdlaCompressedBytes } from '../../storage/nvdla-compressed.js';
import { planTensorAddresses } from '../../workload/address-plan.js';
import { hasWeights } from '../../workload/layer.js';
import { section, type MemoryKind, type MemorySections, type Role } from '../kind.js';

/** Tensors are aligned to one LPDDR4 burst (BL16 × 16 bit = 32 B) so no burst straddles two tensors. */
const TENSOR_ALIGN_B = 32;
/** Activations start on the next 4 KiB page after the weights. */
const PAGE_B = 4096;

/**
 * Off-chip LPDDR4 behind the accelerator's memory port: weights (the NVDLA baseline), activations, or both.
 * Weights kept in DRAM are reloaded from flash (the backing store) after the `off` idle policy cut its supply.
 */
export const dramKind: MemoryKind = {
  name: 'dram',
  roles: ['weights', 'activations'],
  sections: [
    { key: 'dram', when: 'used', why: 'placement puts weights or activations in DRAM', required: true, spec: dramSpec },
    { key: 'memoryPort', when: 'used', why: 'placement uses off-chip memory', required: false, spec: memoryPortSpec },
    { key: 'backingStore', when: 'weights', why: 'placement.weights is "dram"', required: false, spec: backingStoreSpec },
  ],
  resolve(raw, roles, file): MemorySections {
    const dram = withDefaults<DramParams>(dramSpec, raw('dram'));
    validateDramParams(dram, file);
    return {
      dram,
      memoryPort: withDefaults<MemoryPortParams>(memoryPortSpec, raw('memoryPort')),
      backingStore: roles.includes('weights') ? resolveBackingStore(withDefaults<BackingStoreSection>(backingStoreSpec, raw('backingStore'))) : undefined,
    };
  },
  peakBandwidth_Bps: (s) => Math.min((s.memoryPort?.peakBandwidth_GBps ?? Infinity) * 1e9, s.dram === undefined ? Infinity : dramPeakBandwidth_Bps(s.dram)),
  create(a, roles: readonly Role[]) {
    const params = section(a.sections.dram, 'dram', 'dram');
    let reload: WeightReloader | undefined;
    // `best` weighs the off state's reload cost; the reloader is created with the weights, once their bytes are known.
    const dram = new Lpddr4Memory(params, { sink: a.dramTrace, file: a.file, offReloadEnergy_J: () => reload?.reloadEnergy_J() ?? 0, offReloadLead_ps: () => reload?.reloadDuration_ps() ?? 0 });
    a.register('dram', dramSpec, { account: dram, power: dram, stats: () => dram.stats() });
    const port = a.sections.memoryPort;
    const memoryPort = port === undefined ? undefined : new MemoryPort(dram, port.peakBandwidth_GBps, nsToPs(port.latency_ns));
    if (memoryPort !== undefined) a.register('memoryPort', memoryPortSpec, { stats: () => ({ portBusy_s: psToSeconds(memoryPort.busy_ps) }) });
    const dramPort: MemoryDevice = memoryPort ?? dram;
    a.addMemory('dram', dram);
    return {
      weights: roles.includes('weights')
        ? (w) => {
            // NVDLA's compiler compresses a layer only when that is smaller than dense (weight-compression.ts).
            // Winograd layers hold pre-transformed dense weights, the others as compression chooses.
            const layers = w.trace.layers;
            const bytesOf: KernelBytesFn = withWinogradWeights(layers, w.nvdla, w.nvdla.weightCompression
              ? perLayerCompressedBytes(layers, w.nvdla.macAtomicK, (l, k0, k1, atomicK) => nvdlaCompressedBytes(l, k0, k1, atomicK, { seed: w.seed }))
              : denseInt8Bytes(layers));
            let end_B = 0;
            for (const [i, l] of layers.entries()) if (hasWeights(l)) end_B += bytesOf(i, 0, l.outputChannels).stored_B;
            const store = w.sections.backingStore;
            if (store !== undefined) {
              reload = new WeightReloader(dram, end_B, store);
              const r = reload;
              w.register('backingStore', backingStoreSpec, { account: r, stats: () => ({ reloads: r.reloads, reloaded_B: r.reloaded_B }) });
            }
            return { source: new MemoryWeightSource(dramPort, layers, 0, bytesOf), end_B };
          }
        : undefined,
      activations: roles.includes('activations')
        ? (act, weightsEnd_B) => ({ features: dramPort, addressOf: planTensorAddresses(act.trace, Math.ceil(weightsEnd_B / PAGE_B) * PAGE_B, TENSOR_ALIGN_B) })
        : undefined,
      handles: () => ({ dram, reload }),
    };
  },
};

import { withDefaults } from '../../engine/spec.js';
import { groupIndices } from '../../hw/nvdla/fusion.js';
import { SramBuffer } from '../../hw/sram/sram-buffer.js';
import { sramSpec, type SramParams } from '../../hw/sram/spec.js';
import { planTensorAddresses } from '../../workload/address-plan.js';
import { peakLiveActivationBytes } from '../../workload/liveness.js';
import { section, type MemoryKind } from '../kind.js';

/** Tensors are aligned to 32 B, as in DRAM, so tensor addresses do not depend on where activations live. */
const TENSOR_ALIGN_B = 32;

/** On-chip SRAM for the activations of a system without DRAM (MaxNVM). */
export const sramKind: MemoryKind = {
  name: 'sram',
  roles: ['activations'],
  sections: [{ key: 'sram', when: 'activations', why: 'placement.activations is "sram"', required: true, spec: sramSpec }],
  resolve: (raw) => ({ sram: withDefaults<SramParams>(sramSpec, raw('sram')) }),
  create(a) {
    const params = section(a.sections.sram, 'sram', 'sram');
    const sram = new SramBuffer(params);
    return {
      activations: (act) => {
        act.register('sram', sramSpec, { account: sram, power: sram, stats: () => sram.stats() });
        act.setArea('sram', sram.area_mm2());
        act.addMemory('sram', sram);
        const trace = act.trace;
        return {
          features: sram,
          addressOf: planTensorAddresses(trace, 0, TENSOR_ALIGN_B, params.capacity_B),
          // Activations must fit the SRAM as the core runs them: tensors that fused layers never write take no space.
          checkPlanned: (groups) => sram.checkFits(peakLiveActivationBytes(trace, groups.map((g) => groupIndices(g).map((i) => trace.layers[i]!.name)))),
        };
      },
      handles: () => ({}),
    };
  },
};

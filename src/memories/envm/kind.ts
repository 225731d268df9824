import { withDefaults } from '../../engine/spec.js';
import { UserError } from '../../errors.js';
import { EnvmArray } from '../../hw/envm/envm-array.js';
import { checkEnvmParams, envmSpec, type EnvmParams } from '../../hw/envm/spec.js';
import { cellsByBitsPerCell } from '../../hw/envm/stored-cells.js';
import type { EnergyAccount } from '../../hw/memory.js';
import { curvesFor } from '../../hw/memory-figures/figure-curves.js';
import { EnvmWeightSource, needsDecodeUnit } from '../../hw/weightpath/envm-weight-source.js';
import { weightPathSpec, type WeightPathParams } from '../../hw/weightpath/spec.js';
import { validateStorageChoice } from '../../storage/choice-schema.js';
import { checkLayerNames, streamLevels } from '../../storage/layer-choice.js';
import { kernelRangeStreamBits, layerStorage } from '../../storage/stream-sizes.js';
import type { LayerStorage, StorageChoice } from '../../storage/types.js';
import { hasWeights, type Trace } from '../../workload/layer.js';
import { section, type MemoryKind } from '../kind.js';

/**
 * Weights on chip in MLC eNVM (MaxNVM): the array holds each layer's encoded streams at their bits per cell, and
 * the weight path decodes them into CBUF.
 */
export const envmKind: MemoryKind = {
  name: 'envm',
  roles: ['weights'],
  sections: [
    { key: 'envm', when: 'weights', why: 'placement.weights is "envm"', required: true, spec: envmSpec },
    { key: 'weightPath', when: 'weights', why: 'placement.weights is "envm"', required: false, spec: weightPathSpec },
    { key: 'weightStorage', when: 'weights', why: 'placement.weights is "envm"', required: true },
  ],
  resolve(raw, _roles, file) {
    const envm = withDefaults<EnvmParams>(envmSpec, raw('envm'));
    const weightStorage = validateStorageChoice(raw('weightStorage'), file, '/weightStorage');
    checkEnvmParams(envm, '/envm', file);
    checkEnvmFigures(envm, weightStorage, file);
    return { envm, weightPath: withDefaults<WeightPathParams>(weightPathSpec, raw('weightPath')), weightStorage };
  },
  // Winograd needs its weights pre-transformed (16/9 of the bytes, dense); the eNVM weight path decodes raw sparse
  // weights and no transform unit is modelled, so a core fed from eNVM runs direct convolution.
  winogradWeights: { ok: false, note: 'Winograd off: the eNVM weight path delivers raw (untransformed) weights' },
  create(a) {
    const choice = section(a.sections.weightStorage, 'weightStorage', 'envm');
    const sizing = { seed: a.seed, atomicK: a.nvdla.macAtomicK };
    const trace = a.trace;
    checkLayerNames(choice, trace.layers.filter(hasWeights).map((l) => l.name), { file: a.file, jsonPath: '/weightStorage', network: `trace ${trace.name}` });
    const storages: (LayerStorage | undefined)[] = trace.layers.map((l) => (hasWeights(l) ? layerStorage(l, choice, sizing) : undefined));
    const array = new EnvmArray(section(a.sections.envm, 'envm', 'envm'), cellsByBitsPerCell(storages));
    return {
      weights: (w) => {
        const fit = array.checkFits();
        if (fit !== undefined) w.infeasible(fit);
        for (const n of array.notes) w.note(n);
        w.setArea('envm', array.area_mm2());
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
          params: section(w.sections.weightPath, 'weightPath', 'envm'),
          clock: w.coreClock,
          layerStorage: (i) => storages[i],
          kernelCount: (i) => layerAt(trace, i).outputChannels,
          storage: choice,
          atomicK: w.nvdla.macAtomicK,
          decodeUnit: needsDecodeUnit(choice, section(w.sections.weightPath, 'weightPath', 'envm').cbufFormat),
          // Exact per-kernel-range bits from the same sizing model, not a proportional split.
          streamRange: (i, k0, k1, stream) => {
            const before = k0 === 0 ? 0 : (rangeBits(i, 0, k0)[stream.stream] ?? 0);
            const bits = rangeBits(i, k0, k1)[stream.stream] ?? 0;
            return { startBit: before, bits };
          },
        });
        // The weight path's units, each on its own line of the area breakdown.
        const units = src.areaBreakdown_mm2();
        if (units.decode > 0) w.setArea('sparseDecode', units.decode);
        if (units.ecc > 0) w.setArea('eccDecoders', units.ecc);
        if (units.idxsync > 0) w.setArea('idxSync', units.idxsync);
        w.addMemory('envm', array);
        // The source reports the array's energy with its own (envm_read, envm_leakage, ..., decode, ecc, idxsync):
        // shown as two components, the eNVM and the decode logic.
        w.register('envm', envmSpec, { account: termsOf(src, 'envm_', true), power: array, stats: () => array.stats() });
        w.register('weightPath', weightPathSpec, { account: termsOf(src, 'envm_', false), stats: () => src.stats() });
        return { source: src, end_B: 0 };
      },
      handles: () => ({ envm: array }),
    };
  },
};

/**
 * Every bits-per-cell level the storage choice uses must have array figures
 * for the technology (reference table or overrides): checked when the config
 * loads, so `validate` catches it and no simulation starts without them.
 */
function checkEnvmFigures(envm: EnvmParams, choice: StorageChoice, file: string): void {
  const levels = new Set(streamLevels(choice).map((l) => l.bitsPerCell));
  for (const bpc of [...levels].sort()) {
    try {
      curvesFor(envm.technology, bpc, envm.overrides);
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, { ...e.details, file });
      throw e;
    }
  }
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

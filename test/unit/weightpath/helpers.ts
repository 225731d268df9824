import { defaultsOf } from '../../../src/engine/spec.js';
import { ClockDomain } from '../../../src/engine/time.js';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import { envmSpec, type EnvmParams } from '../../../src/hw/envm/spec.js';
import type { LayerStorage, StorageChoice } from '../../../src/storage/types.js';
import { EnvmWeightSource } from '../../../src/hw/weightpath/envm-weight-source.js';
import { weightPathSpec, type WeightPathParams } from '../../../src/hw/weightpath/spec.js';

export const CLOCK_1GHZ = new ClockDomain('nvdla', 1000);

/**
 * An eNVM with round figures (overrides at 1 and 2 bits per cell: 1 ns, 10 pJ per access,
 * 1 mW and 1 mm² per 8,388,608-cell bank) and no extra sensing cost, so hand arithmetic stays short.
 */
export function roundArray(o: Partial<EnvmParams> = {}, cellsByBpc = new Map([[1, 1_000_000], [2, 1_000_000]])): EnvmArray {
  const point = (bitsPerCell: number) => ({
    bitsPerCell,
    capacity_cells: 8_388_608,
    readLatency_ns: 1,
    readEnergy_pJ_per_access: 10,
    leakage_mW: 1,
    area_mm2: 1,
  });
  const p: EnvmParams = {
    ...defaultsOf<EnvmParams>(envmSpec),
    senseEnergy_fJ: 0,
    senseStep_ns: 0,
    overrides: [point(1), point(2)],
    ...o,
  };
  return new EnvmArray(p, cellsByBpc);
}

export function pathParams(o: Partial<WeightPathParams> = {}): WeightPathParams {
  return { ...defaultsOf<WeightPathParams>(weightPathSpec), ...o };
}

export function source(
  array: EnvmArray,
  layers: LayerStorage[],
  kernels: number[],
  params: WeightPathParams,
  storage?: Pick<StorageChoice, 'ecc' | 'idxSync'>,
  atomicK?: number,
): EnvmWeightSource {
  return new EnvmWeightSource({
    array,
    params,
    clock: CLOCK_1GHZ,
    layerStorage: (i) => layers[i],
    kernelCount: (i) => kernels[i]!,
    storage,
    atomicK,
  });
}

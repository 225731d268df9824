import { stat, posNum, sane, type ComponentSpec } from '../../engine/spec.js';

/**
 * The host CPU that runs what NVDLA cannot (softmax, layer normalization, a channel shuffle's transpose): a stated cost model, not a CPU
 * simulation. Every figure is an assumption, given with its reasoning.
 */
export interface HostParams {
  softmaxRate_elementsPerSecond: number;
  layernormRate_elementsPerSecond: number;
  transposeRate_elementsPerSecond: number;
  activePower_W: number;
  syncLatency_ns: number;
}

const rate = (key: keyof HostParams, description: string, def: number, source: string): ComponentSpec['params'][number] => ({
  key,
  unit: 'elements/s',
  description,
  default: def,
  source,
  schema: posNum({ maximum: 1e13 }),
});

const SOURCE = 'model: src/hw/host/host-cpu.ts';

export const hostSpec: ComponentSpec = {
  name: 'host',
  description:
    'Host CPU running the layers NVDLA cannot (trace op "host": softmax, layer normalization, data-moving transposes): time = syncLatency_ns + elements / rate, its DRAM reads and writes through the feature memory, energy = activePower_W × time. Reported separately from NVDLA in every result.',
  params: [
    rate(
      'softmaxRate_elementsPerSecond',
      'softmax elements per second on one host core (int8 in, int8 out, exp in float)',
      4e7,
      'assumption: an Arm Cortex-A53-class core at 1.2 GHz spends about 30 cycles per element (dequantize, exp, sum, divide, requantize) → 4·10⁷ elements/s. ' +
        'Optimistic for NVIDIA\'s released runtime, whose CPU softmax (nvdla/sw umd Emulator::executeSoftmax) converts int8 to half in software, then per element makes a max pass, calls expf twice and divides, and converts back; ' +
        'it also takes one vector of channels only (a classifier head), so attention softmax (rows of scores) is beyond the released software',
    ),
    rate(
      'layernormRate_elementsPerSecond',
      'layer normalization elements per second on one host core (two passes: mean and variance, then scale and shift)',
      1.2e8,
      'assumption: about 10 cycles per element on an Arm Cortex-A53-class core at 1.2 GHz → 1.2·10⁸ elements/s',
    ),
    rate(
      'transposeRate_elementsPerSecond',
      'elements per second of a layout change NVDLA cannot express on one host core: a channel shuffle (Reshape → Transpose → Reshape; "transpose") or a token copy (ViT\'s class token inserted, one token picked out; "copy", counted in output elements)',
      6e8,
      'assumption: a strided int8 copy at about 2 cycles per element (one load, one store, cache-missing on the strided side) on an Arm Cortex-A53-class core at 1.2 GHz → 6·10⁸ elements/s; NVDLA\'s RUBIK unit, which reshapes data in nv_full, is not modelled',
    ),
    {
      key: 'activePower_W',
      unit: 'W',
      description: 'host core power while it runs a host layer',
      default: 0.3,
      source: 'assumption: one active Arm Cortex-A53-class core with its L2 at 1.2 GHz draws about 0.1–0.3 W in 16–28 nm; the upper end',
      schema: sane(1000, 'no host CPU core approaches 1 kW'),
    },
    {
      key: 'syncLatency_ns',
      unit: 'ns',
      description: 'from NVDLA\'s completion interrupt to the host starting the layer (and its result being visible to the next NVDLA operation)',
      default: 5000,
      source: 'assumption: the same interrupt round trip as the driver\'s launch of an NVDLA operation (nvdla.opLaunch_ns, 5 µs)',
      schema: sane(1e9, 'a second of synchronization none approaches'),
    },
  ],
  stats: [
    stat('counter', SOURCE)('busyTime_s', 's', 'time spent in host layers (inference.host.time_s for one inference)'),
    stat('energy', SOURCE)('compute', 'J', 'host core energy'),
  ],
};

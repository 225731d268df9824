import { stat, saneArea_mm2, sanePower_mW, saneEnergy_pJ, sane, bool, nonNegNum, num, oneOf, posInt, type ComponentSpec, type ParamSpec } from '../../engine/spec.js';
import { powerStateStats } from '../power-gate.js';
import { powerDomainParams, type PowerDomainParams } from '../power-domain-params.js';
import { calibratedArea, calibratedEnergy, type CalibratedArea, type CalibratedEnergy } from './calibration.js';
import { NVDLA_SOFTWARE, SOFTWARE_SOURCES, softwareDefaults, type NvdlaSoftware, type SoftwareKeys } from './software-profile.js';
import { thousands } from '../../util/format.js';

/**
 * The `nvdla` config section: the convolution core, its post-processors and their energy and area. The keys that are
 * software's decision come from SoftwareKeys, the calibrated energy and area keys from CalibratedEnergy and CalibratedArea.
 */
export interface NvdlaParams extends PowerDomainParams, SoftwareKeys, CalibratedEnergy, CalibratedArea {
  build: NvdlaBuild;
  software: NvdlaSoftware;
  clock_GHz: number;
  macAtomicC: number;
  macAtomicK: number;
  cbufBanks: number;
  cbufBankWidth_B: number;
  cbufBankDepth: number;
  stripeMin: number;
  stripeMax: number;
  weightLoad_cycles: number;
  caccDrain_elementsPerCycle: number;
  sdpThroughput_elementsPerCycle: number;
  pdpThroughput_elementsPerCycle: number;
  cdpThroughput_elementsPerCycle: number;
  pdpLineBuffer_B: number;
  memifWidth_B: number;
  /**
   * Not a config key: the layers a system runs in Winograd mode where it chose per layer (winograd-choice.ts, set
   * when the system is built); absent: every layer whose shape fits.
   */
  winogradLayers?: ReadonlySet<string>;
  imageInput: boolean;
  imagePixelBytes: number;
  channelPostExtension: boolean;
}

export const NVDLA_BUILDS = ['nv_full', 'nv_small'] as const;
export type NvdlaBuild = (typeof NVDLA_BUILDS)[number];

export { NVDLA_SOFTWARE, type NvdlaSoftware };

const BUILDS_CSV = 'reference/nvdla-builds.csv';
const CAL = 'calibrated to reference/nvdla-area-power.csv by src/hw/nvdla/calibration.ts (see CALIBRATION.md)';

/** Hardware figures per build, from reference/nvdla-builds.csv (nvdla/hw spec/defs/*.spec). */
const BUILD_HW = {
  nv_full: { macAtomicC: 64, macAtomicK: 32, cbufBanks: 16, cbufBankWidth_B: 64, cbufBankDepth: 512, sdp: 16, pdp: 8, cdp: 8, memifBits: 512, compression: true, winograd: true },
  nv_small: { macAtomicC: 8, macAtomicK: 8, cbufBanks: 32, cbufBankWidth_B: 8, cbufBankDepth: 512, sdp: 1, pdp: 1, cdp: 1, memifBits: 64, compression: false, winograd: false },
} as const;

/** PDP share line buffer: the same in every build (nvdla/sw PDPNode::calculateMaxWidth uses 7 KiB for all targets). */
const PDP_LINE_BUFFER_B = 7 * 1024;

/** Stripe limits and weight load time are properties of the CSC/CACC design, the same in every build. */
const STRIPE_MIN = 16;
const STRIPE_MAX = 32;

/** The core's power domain: its control (controlLeakage_mW) stays in the always-on domain whatever is chosen here. */
const NVDLA_DOMAIN_KINDS = ['always-on', 'power-gated', 'supply-off'] as const;
const NVDLA_DOMAIN = powerDomainParams({
  kinds: NVDLA_DOMAIN_KINDS,
  default: 'power-gated',
  defaultSource: 'assumption: NVDLA is a power domain of its own in the SoC behind on-chip switches, gated when idle, as mobile SoCs gate idle accelerators',
  contents: 'lost (it holds no state across frames)',
});

/**
 * Every parameter of one build under one software profile, with the energy and area calibrated for its MAC count
 * and CBUF size. The profile fills the keys that say how the hardware is used (softwareDefaults).
 */
export function nvdlaBuildDefaults(build: NvdlaBuild, software: NvdlaSoftware = 'nvdla-sw'): NvdlaParams {
  const hw = BUILD_HW[build];
  const cbuf_KiB = (hw.cbufBanks * hw.cbufBankWidth_B * hw.cbufBankDepth) / 1024;
  return {
    build,
    software,
    clock_GHz: 1,
    macAtomicC: hw.macAtomicC,
    macAtomicK: hw.macAtomicK,
    cbufBanks: hw.cbufBanks,
    cbufBankWidth_B: hw.cbufBankWidth_B,
    cbufBankDepth: hw.cbufBankDepth,
    stripeMin: STRIPE_MIN,
    stripeMax: STRIPE_MAX,
    weightLoad_cycles: 16,
    caccDrain_elementsPerCycle: 16,
    sdpThroughput_elementsPerCycle: hw.sdp,
    pdpThroughput_elementsPerCycle: hw.pdp,
    cdpThroughput_elementsPerCycle: hw.cdp,
    pdpLineBuffer_B: PDP_LINE_BUFFER_B,
    memifWidth_B: hw.memifBits / 8,
    imageInput: true,
    imagePixelBytes: 4,
    channelPostExtension: true,
    ...softwareDefaults(software, hw),
    // A power domain between frames: the core keeps no state across frames (weights and activations live in memory).
    ...(Object.fromEntries(NVDLA_DOMAIN.map((p) => [p.key, p.default])) as unknown as PowerDomainParams),
    ...calibratedEnergy({ macAtomicK: hw.macAtomicK, stripeMax: STRIPE_MAX, cbuf_KiB }),
    ...calibratedArea(),
  };
}

const FULL = nvdlaBuildDefaults('nv_full');
/** Upper bounds are sanity bounds: they keep a typo (1e9 MACs) from exhausting memory or time, and say so. */
const S = 'a sanity bound no real design approaches';
const atMost = (max: number): string => `at most ${thousands(max)}, ${S}`;
const param = (
  key: keyof NvdlaParams,
  unit: string,
  description: string,
  source: string,
  schema: ParamSpec['schema'],
): ParamSpec => ({ key, unit, description, default: FULL[key], source, schema });

const perLayer = stat('interval', 'model: src/hw/nvdla/core.ts and its schedule (docs/architecture.md §7)');
const energyTerm = stat('energy', 'model: src/hw/nvdla/core.ts, per-operation energies of the calibration (reference/nvdla-area-power.csv)');
const figure = stat('figure', 'model: src/hw/nvdla/area.ts (reference/nvdla-area-power.csv)');

export const nvdlaSpec: ComponentSpec = {
  name: 'nvdla',
  description:
    'NVDLA convolution core (CDMA, CBUF, CSC/CMAC, CACC) with SDP and PDP, following nvdla/doc unit_description: atomic, stripe, block, channel and group operations. Defaults are nv_full; `build: "nv_small"` switches every default not given to nv_small.',
  params: [
    param('build', '-', 'build whose figures fill the keys not given', `${BUILDS_CSV} (nv_full and nv_small rows)`, oneOf(NVDLA_BUILDS)),
    param('software', '-', 'software profile whose decisions fill the keys not given: "nvdla-sw" runs the hardware as NVIDIA\'s released compiler and driver do (no int8 Winograd, no weight compression, no fused add or on-the-fly pooling, the compiler\'s CBUF allocation and split-H rules, an interrupt-driven launch per hardware operation); "hardware-limit" uses every capability of the build at no launch cost', 'nvdla/sw umd/core/src/compiler and kmd/firmware (each rule cites its function in src/hw/nvdla/software-profile.ts and cbuf-allocation.ts)', oneOf(NVDLA_SOFTWARE)),
    param('clock_GHz', 'GHz', 'core clock, 0.001 to 10 GHz: sanity bounds no real design approaches; 1 MHz keeps one ResNet-50 inference (a few million cycles on nv_full) far below the simulator\'s limit of 2^53 ps (about 9007 s)', 'nvdla/doc primer.rst: all example figures at 1 GHz', num({ minimum: 0.001, maximum: 10 })),
    param('macAtomicC', 'channels', `input channels per atomic operation (feature atom; ${atMost(4096)})`, BUILDS_CSV, posInt({ maximum: 4096 })),
    param('macAtomicK', 'kernels', `kernels per atomic operation (one kernel group; ${atMost(4096)})`, BUILDS_CSV, posInt({ maximum: 4096 })),
    param('cbufBanks', 'count', `convolution buffer banks, shared by input data and weights (${atMost(1024)})`, BUILDS_CSV, posInt({ minimum: 2, maximum: 1024 })),
    param('cbufBankWidth_B', 'B', `bytes per CBUF entry (${atMost(4096)})`, BUILDS_CSV, posInt({ maximum: 4096 })),
    param('cbufBankDepth', 'entries', `entries per CBUF bank (${atMost(1 << 20)})`, BUILDS_CSV, posInt({ maximum: 1 << 20 })),
    param('stripeMin', 'atomic ops', `documented shortest stripe: stripes are cut balanced, so every stripe reaches it when a group has that many atomic ops (needs stripeMax >= 2 × stripeMin − 1); shorter stripes are padded to weightLoad_cycles (${atMost(1024)})`, 'nvdla/doc unit_description.rst, Stripe Operation (lower limit 16)', posInt({ maximum: 1024 })),
    param('stripeMax', 'atomic ops', `longest stripe (accumulator size; ${atMost(1024)})`, 'nvdla/doc unit_description.rst, Stripe Operation (upper limit 32)', posInt({ maximum: 1024 })),
    param('weightLoad_cycles', 'cycles', `cycles to load the next stripe's weights into the MAC cells; a shorter stripe is padded to this (${atMost(100_000)})`, 'nvdla/doc unit_description.rst, Multi-Batch Mode ("needs 16 cycles to load weight")', posInt({ maximum: 100_000 })),
    param('caccDrain_elementsPerCycle', 'elements/cycle', `CACC delivery buffer to SDP rate (${atMost(4096)})`, 'nvdla/doc unit_description.rst, Convolution Accumulator ("output is always 16 elements per cycle")', posInt({ maximum: 4096 })),
    param('sdpThroughput_elementsPerCycle', 'elements/cycle', `SDP elements per cycle (conv output and element-wise layers; ${atMost(4096)})`, `${BUILDS_CSV} sdp_bs_throughput`, posInt({ maximum: 4096 })),
    param('pdpThroughput_elementsPerCycle', 'elements/cycle', `PDP input elements per cycle (${atMost(4096)})`, `${BUILDS_CSV} pdp_throughput`, posInt({ maximum: 4096 })),
    param('cdpThroughput_elementsPerCycle', 'elements/cycle', `CDP (local response normalization across channels) input elements per cycle (${atMost(4096)})`, 'nv_full: nvdla/hw nvdlav1 project configuration NVDLA_CDP_THROUGHPUT 8 (nv_full.spec CDP_THROUGHPUT_8; unit_description.rst, Channel Data Processor); nv_small: assumption, 1 as its PDP throughput', posInt({ maximum: 4096 })),
    param('pdpLineBuffer_B', 'B', `PDP share line buffer; it bounds the output width of a pooling layer run on the fly after SDP (see fusePooling; ${atMost(1 << 24)})`, 'nvdla/doc unit_description.rst, Planar Data Processor, Buffer Size Estimation ("the share line buffer size is set as 7Kbyte"); nvdla/sw PDPNode::calculateMaxWidth (PDP_BUF_SIZE 7·1024)', posInt({ maximum: 1 << 24 })),
    param('memifWidth_B', 'B/cycle', `CDMA/SDP memory interface width per direction (read and write are separate AXI channels; ${atMost(4096)})`, `${BUILDS_CSV} primary_memif_bits / 8`, posInt({ maximum: 4096 })),
    param('weightCompression', '-', 'CBUF holds weights in NVDLA sparse format (values + WMB mask) where that is smaller than dense; one bank is reserved for the mask. Default by software profile', `${SOFTWARE_SOURCES.weightCompression}; ${BUILDS_CSV} weight_compression; unit_description.rst, Convolution Buffer (bank 15 for WMB)`, bool()),
    param('winograd', '-', 'run 3×3 stride-1 convolutions in Winograd mode F(2×2,3×3), the output padded to a multiple of 4 as the compiler pads it, the weights pre-transformed (4×4 per 3×3: 16/9 of the bytes). Default by software profile', `${SOFTWARE_SOURCES.winograd}; unit_description.rst, Winograd Convolution`, bool()),
    param('imageInput', '-', 'run a layer reading the network input with at most 4 channels in image-input mode (channel pre-extension)', 'nvdla/doc unit_description.rst, Convolution with Image Input', bool()),
    param('imagePixelBytes', 'B', `bytes per pixel of the image surface the network input is read from in image-input mode: the input's channels padded to the pixel format (${atMost(64)})`, 'nvdla_compiler feeds int8 NHWC input as A8B8G8R8, 4 B per pixel (nvdla/sw umd/apps/compiler GenerateTest.cpp updateProfileWithCmdLineArgs; engine-ast generateGraph sets C to 4); NVDLA has no 3-byte pixel format (nvdla/doc unit_description.rst, Convolution with Image Input, supported formats)', posInt({ maximum: 64 })),
    param('channelPostExtension', '-', 'in image-input mode, combine 2 or 4 kernel rows per atomic operation when the channel limits allow', 'nvdla/doc unit_description.rst, Channel Post-Extension', bool()),
    param('fuseEltwise', '-', 'run an element-wise add that directly follows the convolution producing one of its operands inside that convolution\'s hardware layer: SDP adds the other operand, read by its own DMA, to the convolution output on the fly, so the convolution output is never written and read back', 'nvdla/doc unit_description.rst, Single Data Point Processor (element-wise in X1/X2/Y, operand "fetched from MEM" per element; on-flying source from Conv-Core); nvdla/sw compiler engine-ast SDPNode::fuseSDPSubEngineOp (element-wise into X2). Default by software profile: ' + SOFTWARE_SOURCES.fuseEltwise, bool()),
    param('fusePooling', '-', 'run a pooling layer that directly follows a convolution (or its fused add) on the fly: SDP feeds PDP without memory, when the convolution is not split by rows, has one group, its output has no other reader, and the pooled width fits the PDP line buffer', 'nvdla/doc unit_description.rst, Planar Data Processor: PDP "shall directly receive data from point processing unit" when the line-buffer condition is met; conditions as in nvdla/sw PDPNode::fuseOnTheFlyNodes. Default by software profile: ' + SOFTWARE_SOURCES.fusePooling, bool()),
    param('opLaunch_ns', 'ns', `time from a hardware operation's completion to the next operation's first cycle: the driver launches each operation (a convolution chunk with its SDP operation, a standalone SDP or PDP operation) from the previous one's interrupt (${atMost(1e9)}). Default by software profile`, SOFTWARE_SOURCES.opLaunch_ns, nonNegNum({ maximum: 1e9 })),
    param('macEnergy_pJ', 'pJ', 'energy per useful int8 MAC (MAC cells, CSC sequencing, CACC accumulation)', CAL, saneEnergy_pJ()),
    param('cbufReadEnergy_pJ_per_B', 'pJ/B', 'CBUF read energy per byte', 'reference/envm-arrays.csv SRAM row (1.128 pJ per 64-bit access, 2 MB, 22 nm); assumption: CBUF banks cost the same per byte', saneEnergy_pJ()),
    param('cbufWriteEnergy_pJ_per_B', 'pJ/B', 'CBUF write energy per byte', 'assumption: equal to the read energy per byte (reference/envm-arrays.csv gives reads only)', saneEnergy_pJ()),
    param('sdpEnergy_pJ_per_element', 'pJ', 'SDP energy per output element', 'assumption: a 32-bit multiply and two 32-bit adds, as a Horowitz ISSCC 2014 ratio to an int8 MAC, times the calibrated MAC energy', saneEnergy_pJ()),
    param('pdpEnergy_pJ_per_element', 'pJ', 'PDP energy per input element', 'assumption: a 16-bit add (Horowitz ISSCC 2014 ratio) plus one read and one write of a 14-bit partial result at the CBUF energy per byte', saneEnergy_pJ()),
    param('leakage_mW', 'mW', 'static power of the core while powered, controlLeakage_mW included', CAL, sanePower_mW()),
    param('controlLeakage_mW', 'mW', 'the part of leakage_mW drawn by the core\'s control (register interface, sequencers: what scales with neither MACs nor CBUF), counted in the always-on control domain (controlDomain) in every system instead of the core\'s own domain', `${CAL}: the constant of the average-power fit, assumption A1 (always-on control)`, sanePower_mW()),
    ...NVDLA_DOMAIN,
    param('macArea_mm2_per_MAC', 'mm²/MAC', 'area per int8 MAC at 16 nm', CAL, sane(1, 'a 16 nm int8 MAC is about 1e-4 mm²; 1 mm² per MAC none approaches')),
    param('cbufArea_mm2_per_KiB', 'mm²/KiB', 'CBUF area per KiB at 16 nm', CAL, sane(10, '16 nm SRAM is about 0.002 mm² per KiB; 10 mm² per KiB none approaches')),
    param('controlArea_mm2', 'mm²', 'area that scales with neither (CDMA, SDP, PDP, control) at 16 nm', CAL, saneArea_mm2()),
  ],
  stats: [
    // Per layer: the fields of LayerResult (layer-result.ts) beside its identity (name, layerIndex, op, start_ps, end_ps).
    perLayer('cycles', 'cycles', 'core clock cycles from layer start to its last output written'),
    perLayer('computeCycles', 'cycles', 'cycles the layer would take with every fetch already done (closed form)'),
    perLayer('stallCycles', 'cycles', 'cycles − computeCycles: time added by waiting for memory'),
    perLayer('launchCycles', 'cycles', 'cycles from the layer\'s request to its first operation\'s start: the driver\'s launch (opLaunch_ns)'),
    perLayer('prologueCycles', 'cycles', 'cycles after the launch until the first step\'s input rows and weights were in CBUF, beyond the weight load'),
    perLayer('inputWaitCycles', 'cycles', 'cycles later steps waited for their input rows'),
    perLayer('weightWaitCycles', 'cycles', 'cycles later steps waited for their weights'),
    perLayer('writebackCycles', 'cycles', 'cycles from the last drain to the last output byte written'),
    perLayer('memoryFloorCycles', 'cycles', 'the roofline\'s memory floor: the layer\'s bytes at the peak bandwidths of the memories and of the memory interface (fractional)'),
    perLayer('bound', '-', '"memory" when memoryFloorCycles > computeCycles (the roofline criterion), else "compute"'),
    perLayer('macs', 'MACs', 'useful multiply-accumulates of the layer'),
    perLayer('macUtilization', 'fraction', 'multiplies the MAC array performed / (cycles × macAtomicC × macAtomicK); at most 1 (Winograd performs 2.25× fewer multiplies than macs)'),
    perLayer('effectiveMacUtilization', 'fraction', 'macs / (cycles × macAtomicC × macAtomicK): the network\'s MACs per array slot; above 1 is possible in Winograd mode'),
    perLayer('cbufMode', '-', 'CBUF sharing: full-input-full-weights, full-input-partial-weights, row-split, or none (pool, eltwise)'),
    perLayer('convMode', '-', 'direct, winograd, image, or none'),
    perLayer('steps', 'count', 'scheduled steps (one event each): kernel group × row range'),
    perLayer('featureRead_B', 'B', 'input feature bytes read from memory (including re-fetched overlap rows and element-wise operands)'),
    perLayer('refetchedFeature_B', 'B', 'feature bytes read more than once (overlap rows of row-split mode)'),
    perLayer('outputWritten_B', 'B', 'output bytes written to memory'),
    perLayer('weightFetched_B', 'B', 'weight bytes read from the weight store (encoded form)'),
    perLayer('hardwareOps', '-', 'the hardware operations launched for the layer: kind (conv, sdp, pdp), layer, row chunk, start, end, cycles, bytes read and written (a convolution chunk is a conv and an sdp operation, as nvdla/sw emits them)'),
    perLayer('fusedLayers', '-', 'names of the layers run inside this hardware layer (an element-wise add in SDP, a pooling in PDP on the fly); empty when none'),
    perLayer('energy_J', 'J', 'core energy during the layer by term: mac, cbuf_read, cbuf_write, sdp, pdp, leakage'),
    perLayer('totalEnergy_J', 'J', 'sum of energy_J'),
    // Of the core as a whole.
    figure('area_mm2', 'mm²', 'core area: MAC array, CBUF, control (NvdlaCore.area())'),
    // Energy terms and power states of the core (core.ts, power-gate.ts).
    energyTerm('mac', 'J', 'MAC array energy (per multiply performed)'),
    energyTerm('cbuf_read', 'J', 'CBUF read energy'),
    energyTerm('cbuf_write', 'J', 'CBUF write energy'),
    energyTerm('sdp', 'J', 'SDP (bias, activation, element-wise) energy'),
    energyTerm('pdp', 'J', 'PDP (pooling) energy'),
    energyTerm('leakage', 'J', 'leakage while powered and in the idle state of its power domain'),
    energyTerm('wakeup', 'J', 'energy of wake-ups from the idle state'),
    ...powerStateStats(NVDLA_DOMAIN_KINDS, 'core'),
  ],
};

import type { NvdlaParams, NvdlaSoftware } from './spec.js';

/**
 * How a software profile uses the hardware: the defaults of the keys that are software's decision, not the
 * build's. A config may still set each key; the profile only fills those it leaves out.
 *
 * `nvdla-sw` follows NVIDIA's released compiler and driver (nvdla/sw, umd/core/src/compiler and kmd/firmware);
 * every rule cites the function it follows. `hardware-limit` uses every capability the build has, fully, and
 * launches each hardware operation at no cost: the hardware's best case, for studies of what the silicon could do.
 */
export type SoftwareKeys = Pick<
  NvdlaParams,
  'weightCompression' | 'winograd' | 'fuseEltwise' | 'fusePooling' | 'opLaunch_ns'
>;

/** What the build has: the capabilities a profile may use. */
export interface BuildCapabilities {
  compression: boolean;
  winograd: boolean;
}

/**
 * Time from a hardware operation's completion interrupt to the next dependent operation's first cycle, in the
 * released driver. Assumption, with its reasoning: the firmware (kmd/firmware scheduler.c) learns of a completion
 * only from the NVDLA interrupt; on the reference Linux KMD the interrupt wakes a kernel thread that runs the
 * firmware's event processing (dla_process_events → dla_update_consumers) and writes the consumer's enable
 * register over CSB. An interrupt-to-thread wake-up on an application-class ARM core under Linux takes a few
 * microseconds (typical IRQ-to-task latencies 2–10 µs), plus a few hundred ns of register writes; 5 µs is the
 * middle of that range. Override from a measurement of your SoC.
 */
export const NVDLA_SW_OP_LAUNCH_NS = 5000;

export const SOFTWARE_SOURCES = {
  weightCompression:
    'nvdla-sw: off: the released compiler emits every convolution with uncompressed weights (nvdla/sw umd/core/src/compiler/engine-ast/ConvolutionOp.cpp, ConvCoreConvolutionOpNode::emitOp sets weightFormat_Uncompressed); hardware-limit: on where the build has it (reference/nvdla-builds.csv weight_compression)',
  winograd:
    'nvdla-sw: off: the released compiler takes Winograd only for fp16, never for int8 (nvdla/sw engine-ast ConvCoreNode, Winograd eligibility checks the precision); hardware-limit: on where the build has it (reference/nvdla-builds.csv winograd)',
  fuseEltwise:
    'nvdla-sw: off: in int8 the compiler cannot fuse the residual add into the convolution\'s SDP (nvdla/sw engine-ast SDPNode::fuseSDPSubEngineOp / isFeasibleToFuseSDPEltwiseOp); the add runs as a standalone SDP operation reading both operands from memory; hardware-limit: on (nvdla/doc unit_description.rst, SDP element-wise operand fetched from memory while the convolution streams in)',
  fusePooling:
    'nvdla-sw: off: nvdla/sw PDPNode::fuseOnTheFlyNodes runs only when the profile sets sdp_pdp_on_fly, which no shipped profile does (umd/core/src/compiler/Profile.cpp); hardware-limit: on (unit_description.rst, Planar Data Processor: on-the-fly input from SDP)',
  opLaunch_ns: `nvdla-sw: ${NVDLA_SW_OP_LAUNCH_NS} ns, an assumption: see NVDLA_SW_OP_LAUNCH_NS in src/hw/nvdla/software-profile.ts (interrupt-driven launch by the driver, kmd/firmware scheduler.c); hardware-limit: 0`,
} as const;

export function softwareDefaults(software: NvdlaSoftware, hw: BuildCapabilities): SoftwareKeys {
  if (software === 'hardware-limit') {
    return { weightCompression: hw.compression, winograd: hw.winograd, fuseEltwise: true, fusePooling: true, opLaunch_ns: 0 };
  }
  return { weightCompression: false, winograd: false, fuseEltwise: false, fusePooling: false, opLaunch_ns: NVDLA_SW_OP_LAUNCH_NS };
}

/** The compiler's CBUF allocation order and split-H rules apply (cbuf-allocation.ts) under `nvdla-sw` only. */
export function followsCompiler(p: Pick<NvdlaParams, 'software'>): boolean {
  return p.software === 'nvdla-sw';
}

/**
 * In split-H, rows two row chunks share stay in CBUF instead of being fetched again: under `hardware-limit` (CDMA's
 * data-reuse capability, D_DATA_REUSE with retained slices), not under `nvdla-sw`: the released compiler never sets
 * data_reuse and releases each chunk's whole input height (nvdla/sw engine-ast ConvolutionOp.cpp
 * ConvCoreConvolutionOpNode::emitOp, release = input height, data_reuse from ConvCoreEngineParams, default false),
 * so each chunk fetches its overlap rows again.
 */
export function retainsOverlapRows(p: Pick<NvdlaParams, 'software'>): boolean {
  return p.software === 'hardware-limit';
}


/**
 * How a software profile uses the hardware: the defaults of the keys that are software's decision, not the
 * build's. A config may still set each key; the profile only fills those it leaves out.
 *
 * `nvdla-sw` follows NVIDIA's released compiler and driver (nvdla/sw, umd/core/src/compiler and kmd/firmware);
 * every rule cites the function it follows. `hardware-limit` uses every capability the build has, fully, and
 * launches each hardware operation at no cost: the hardware's best case, for studies of what the silicon could do.
 */
export interface SoftwareKeys {
  weightCompression: boolean;
  winograd: boolean;
  fuseEltwise: boolean;
  fusePooling: boolean;
  opLaunch_ns: number;
}

/** Who decides how the hardware is used (the `nvdla.software` key). */
export const NVDLA_SOFTWARE = ['nvdla-sw', 'hardware-limit'] as const;
export type NvdlaSoftware = (typeof NVDLA_SOFTWARE)[number];

/** What the build has: the capabilities a profile may use. */
export interface BuildCapabilities {
  compression: boolean;
  winograd: boolean;
}

/**
 * Time from a hardware layer's completion interrupt to the next dependent layer's first cycle, in the released
 * driver. Assumption, with its reasoning: a consumer of data waits for its producer's OP_COMPLETED event (nvdla/sw
 * engine-ast EngineNode.cpp Node::resolveComputeDependencies); the firmware learns of it only from the NVDLA
 * interrupt: on the reference Linux KMD the ISR (kmd/port/linux nvdla_engine_isr → dla_isr_handler) completes the
 * submit thread, which runs dla_process_events → dla_op_completion → dla_update_consumers → dla_enable_operation
 * (kmd/firmware scheduler.c). The next operation is already programmed in the other register group
 * (dla_dequeue_operation), so what remains is an interrupt-to-thread wake-up on an application-class ARM core under
 * Linux (typically 2–10 µs) plus a few register accesses over CSB; 5 µs is the middle of that range. Override from
 * a measurement of your SoC.
 */
const NVDLA_SW_OP_LAUNCH_NS = 5000;

const SW = 'nvdla/sw umd/core/src/compiler';
export const SOFTWARE_SOURCES = {
  weightCompression:
    `nvdla-sw: off: the released compiler emits every convolution with uncompressed weights (${SW}/engine-ast/ConvolutionOp.cpp ConvCoreConvolutionOpNode::emitOp sets weightFormat_Uncompressed; include/priv/Profile.h canCompressWeights false); hardware-limit: on where the build has it (reference/nvdla-builds.csv weight_compression)`,
  winograd:
    `nvdla-sw: off: the compiler takes Winograd only when the profile allows it and the layer is not int8 (${SW}/engine-ast/EngineNodeFactory.cpp NodeFactory::newConvCoreConvolutionOpNode, "!isInt8"; Profile.h canWinograd false); hardware-limit: on where the build has it (reference/nvdla-builds.csv winograd)`,
  fuseEltwise:
    `nvdla-sw: off: in int8 the residual add is not fused into the convolution's SDP: SDPNode::isFeasibleToFuseSDPSubEngineOp refuses a producer whose output converter is not unity, and per-kernel int8 rescaling puts the requantisation there (${SW}/engine-ast/SDPNode.cpp, BiasOp.cpp SDPBiasOpNode::performPerKernelRescaling; EngineGraph.cpp Graph::fuseSDPSubEngineOps); the add runs as a standalone SDP operation reading both operands from memory (SDPEltWiseOp.cpp); hardware-limit: on (nvdla/doc unit_description.rst, SDP element-wise operand fetched from memory while the convolution streams in)`,
  fusePooling:
    `nvdla-sw: off: PDPNode::fuseOnTheFlyNodes runs only when the profile sets sdp_pdp_on_fly, which no named profile does (${SW}/engine-ast/PDPNode.cpp; include/priv/Profile.h canSDPPDPOnFly false; Profile.cpp); hardware-limit: on (unit_description.rst, Planar Data Processor: on-the-fly input from SDP)`,
  opLaunch_ns: `nvdla-sw: ${NVDLA_SW_OP_LAUNCH_NS} ns, an assumption: see NVDLA_SW_OP_LAUNCH_NS in src/hw/nvdla/software-profile.ts (interrupt-driven launch, nvdla/sw kmd/firmware scheduler.c); hardware-limit: 0`,
} as const;

export function softwareDefaults(software: NvdlaSoftware, hw: BuildCapabilities): SoftwareKeys {
  if (software === 'hardware-limit') {
    return { weightCompression: hw.compression, winograd: hw.winograd, fuseEltwise: true, fusePooling: true, opLaunch_ns: 0 };
  }
  return { weightCompression: false, winograd: false, fuseEltwise: false, fusePooling: false, opLaunch_ns: NVDLA_SW_OP_LAUNCH_NS };
}

/** The compiler's CBUF allocation order and split-H rules apply (cbuf-allocation.ts) under `nvdla-sw` only. */
export function followsCompiler(p: { software: NvdlaSoftware }): boolean {
  return p.software === 'nvdla-sw';
}

/**
 * In split-H, rows two row chunks share stay in CBUF instead of being fetched again: under `hardware-limit` (CDMA's
 * data-reuse capability, D_DATA_REUSE with retained slices), not under `nvdla-sw`: the released compiler never sets
 * data_reuse and releases each chunk's whole input height (nvdla/sw engine-ast ConvolutionOp.cpp
 * ConvCoreConvolutionOpNode::emitOp, release = input height, data_reuse from ConvCoreEngineParams, default false),
 * so each chunk fetches its overlap rows again.
 */
export function retainsOverlapRows(p: { software: NvdlaSoftware }): boolean {
  return p.software === 'hardware-limit';
}

import type { Picoseconds } from '../../engine/time.js';

/**
 * The operations NVDLA's driver launches, as NVIDIA's compiler emits them (nvdla/sw engine-ast): every
 * convolution, and every row chunk of a split-H convolution, is a `conv` operation with its own `sdp` operation
 * (EngineAST.cpp transformCanConvOp pairs each convolution with an SDP node); a pooling is a `pdp` operation, an
 * element-wise add a standalone `sdp` operation (SDPEltWiseOp.cpp). A pooling run on the fly after SDP is still
 * its own `pdp` operation (PDPNode::fuseOnTheFlyNodes keeps the node, fed from SDP). The firmware counts each
 * operation's completion (kmd/firmware scheduler.c dla_op_completion).
 */
type HardwareOpKind = 'conv' | 'sdp' | 'pdp';

export interface HardwareOp {
  kind: HardwareOpKind;
  /** Trace layer the operation runs (for a fused add or pooling: that layer's name). */
  layer: string;
  /** Row chunk of a split-H convolution (0 when not split). */
  chunk: number;
  start_ps: Picoseconds;
  end_ps: Picoseconds;
  /** Core cycles from start to end. */
  cycles: number;
  /** Bytes the operation read from memory (features and weights for conv, the add's operands for sdp). */
  read_B: number;
  /** Bytes the operation wrote to memory. */
  written_B: number;
}

/** Per row chunk of a convolution: what its conv, SDP and (on-the-fly) PDP operations moved, and when. */
export class ChunkLedger {
  readonly start: Picoseconds[] = [];
  readonly end: Picoseconds[] = [];
  readonly convRead_B: number[] = [];
  readonly sdpRead_B: number[] = [];
  readonly written_B: number[] = [];

  constructor(readonly count: number) {
    for (let c = 0; c < count; c++) {
      this.start.push(Number.POSITIVE_INFINITY);
      this.end.push(0);
      this.convRead_B.push(0);
      this.sdpRead_B.push(0);
      this.written_B.push(0);
    }
  }

  started(c: number, t: Picoseconds): void {
    this.start[c] = Math.min(this.start[c]!, t);
  }

  ended(c: number, t: Picoseconds): void {
    this.end[c] = Math.max(this.end[c]!, t);
  }

  /**
   * The operations: per chunk a conv and an SDP operation (SDP writes, unless PDP pools on the fly and writes
   * instead), in launch order. `cyclesOf` converts a time span to core cycles.
   */
  ops(conv: string, sdpLayer: string, pool: string | undefined, cyclesOf: (t0: Picoseconds, t1: Picoseconds) => number): HardwareOp[] {
    const out: HardwareOp[] = [];
    for (let c = 0; c < this.count; c++) {
      const start_ps = this.start[c]!;
      const end_ps = Math.max(start_ps, this.end[c]!);
      const span = { chunk: c, start_ps, end_ps, cycles: cyclesOf(start_ps, end_ps) };
      out.push({ kind: 'conv', layer: conv, ...span, read_B: this.convRead_B[c]!, written_B: 0 });
      out.push({ kind: 'sdp', layer: sdpLayer, ...span, read_B: this.sdpRead_B[c]!, written_B: pool === undefined ? this.written_B[c]! : 0 });
      if (pool !== undefined) out.push({ kind: 'pdp', layer: pool, ...span, read_B: 0, written_B: this.written_B[c]! });
    }
    return out;
  }
}

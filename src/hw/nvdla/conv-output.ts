import type { Picoseconds } from '../../engine/time.js';
import { inputElements, outputElements, type Layer } from '../../workload/layer.js';
import type { RunContext } from './layer-run.js';
import type { LayerIo } from './memory-interface.js';
import type { ConvStep } from './tiling.js';

/** Layers run inside a convolution's hardware layer (chosen by fusedGroups in fusion.ts). */
export interface ConvFusion {
  /** Element-wise add in SDP (X2): its other operand is read from memory by SDP's own DMA. */
  eltwise?: Layer;
  /** Pooling in PDP on the fly: SDP's output goes to PDP without a trip through memory. */
  pool?: Layer;
}

/** Pooled rows that are complete once input rows [0, y) have arrived: those whose window ends by row y. */
export function pooledRowsDone(pool: Layer, y: number): number {
  if (y >= pool.inputHeight) return pool.outputHeight;
  const rows = Math.floor((y + pool.padding - pool.kernelHeight) / pool.stride) + 1;
  return Math.max(0, Math.min(pool.outputHeight, rows));
}

/**
 * Where a convolution's results go after CACC: SDP (with the fused add's operand
 * read alongside), then PDP when pooling on the fly, then memory. Only the last
 * stage writes, so a fused add or pooling saves the write of the convolution's
 * output and the read back of it; the add's other operand is read at the output
 * rate and competes with CDMA's fetches for the memory.
 */
export class ConvOutputPath {
  written_B = 0;
  operandRead_B = 0;
  private last: Picoseconds;
  private readonly outputAddress: number;
  private readonly operandAddress: number | undefined;

  constructor(
    private readonly ctx: RunContext,
    private readonly conv: Layer,
    private readonly fusion: ConvFusion,
    private readonly io: LayerIo,
  ) {
    this.last = ctx.sim.now;
    this.outputAddress = io.addressOf((fusion.pool ?? fusion.eltwise ?? conv).name);
    const operand = fusion.eltwise?.inputs.find((t) => t !== conv.name);
    this.operandAddress = operand === undefined ? undefined : io.addressOf(operand);
  }

  /** Elements per cycle CACC drains into the path: CACC's and SDP's rates, and PDP's when pooling on the fly. */
  drainRate(): number {
    const p = this.ctx.p;
    const rate = Math.min(p.caccDrain_elementsPerCycle, p.sdpThroughput_elementsPerCycle);
    return this.fusion.pool === undefined ? rate : Math.min(rate, p.pdpThroughput_elementsPerCycle);
  }

  /**
   * A step's results stream through while the step computes: the operand read and the output write are requested
   * when the step is scheduled, behind the fetches already queued; except the results of the step's last
   * `tailElements` (its last channel operation), which exist only once it drains, so their write is requested at
   * the step's compute end (flushTail). The layer cannot end before every read and write is done.
   * Returns the bytes the step reads as operand and writes.
   */
  step(s: ConvStep, tailElements: number): { operand_B: number; written_B: number } {
    const l = this.conv;
    const kernels = s.k1 - s.k0;
    const bytes = kernels * (s.outRow1 - s.outRow0) * l.outputWidth;
    // Output surface order (unit_description, Output Sequence): kernel group, then rows, then columns. The
    // operand has the output's shape, so it is read in the same order.
    const offset = s.k0 * l.outputHeight * l.outputWidth + s.outRow0 * l.outputWidth * kernels;
    let operand_B = 0;
    if (this.operandAddress !== undefined) {
      const { memif, sim } = this.ctx;
      this.last = Math.max(this.last, memif.read(this.io, this.operandAddress + offset, bytes, sim.now, 'eltwise'));
      this.operandRead_B += bytes;
      operand_B = bytes;
    }
    const pool = this.fusion.pool;
    if (pool === undefined) return { operand_B, written_B: this.writeWithTail(offset, bytes, Math.min(bytes, tailElements)) };
    // PDP writes the pooled rows this step completes (its line buffer holds the overlap with the next step).
    const r0 = pooledRowsDone(pool, s.outRow0);
    const r1 = pooledRowsDone(pool, s.outRow1);
    const pooledOffset = s.k0 * pool.outputHeight * pool.outputWidth + r0 * pool.outputWidth * kernels;
    const pooled = kernels * (r1 - r0) * pool.outputWidth;
    const tail = bytes > 0 ? Math.ceil((pooled * Math.min(bytes, tailElements)) / bytes) : 0;
    return { operand_B, written_B: this.writeWithTail(pooledOffset, pooled, tail) };
  }

  private pendingTail: { offset: number; bytes: number } | undefined;

  private writeWithTail(offset: number, bytes: number, tail: number): number {
    this.write(offset, bytes - tail);
    if (tail > 0) this.pendingTail = { offset: offset + bytes - tail, bytes: tail };
    return bytes;
  }

  /** Request the write of the last step's tail: called at its compute end. */
  flushTail(): void {
    const t = this.pendingTail;
    this.pendingTail = undefined;
    if (t !== undefined) this.write(t.offset, t.bytes);
  }

  private write(offset: number, bytes: number): void {
    if (bytes === 0) return;
    const { memif, sim } = this.ctx;
    this.last = Math.max(this.last, memif.write(this.io, this.outputAddress + offset, bytes, sim.now));
    this.written_B += bytes;
  }

  /** When the last operand byte was read and the last output byte written. */
  get done(): Picoseconds {
    return this.last;
  }

  /** SDP element operations: the convolution's outputs, and the fused add's. */
  sdpElements(): number {
    return outputElements(this.conv) + (this.fusion.eltwise === undefined ? 0 : outputElements(this.fusion.eltwise));
  }

  /** PDP input elements of the pooling run on the fly. */
  pdpElements(): number {
    return this.fusion.pool === undefined ? 0 : inputElements(this.fusion.pool);
  }

  /** Names of the layers run inside the convolution's hardware layer. */
  fusedLayers(): string[] {
    return [this.fusion.eltwise, this.fusion.pool].filter((l): l is Layer => l !== undefined).map((l) => l.name);
  }
}

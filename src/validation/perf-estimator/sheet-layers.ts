import type { Layer, Trace } from '../../workload/layer.js';

/**
 * One row of NVIDIA's performance sheet (reference/nvdla-perf-sheet.md): a convolution or fc layer with the
 * pooling and element-wise add that follow it fused in, as the sheet models ResNet-50.
 */
export interface SheetLayer {
  name: string;
  /** Input channels, height and width; output channels; kernel; stride (the same in H and W). */
  C: number;
  H: number;
  W: number;
  K: number;
  R: number;
  S: number;
  stride: number;
  /** The sheet's 0/1 "same" flag: output = ceil(H / stride) when set. */
  pad: boolean;
  /** Output height and width after the convolution, and after any fused pooling (the sheet's A × B). */
  P: number;
  Q: number;
  A: number;
  B: number;
  /** "conv + eltwise": the residual operand is read once more. */
  eltwise: boolean;
  /** fc layers run at the sheet's batch (16); convolutions at 1. */
  batch: number;
  /** The first layer's minimum input holds R + 1 rows. */
  first: boolean;
}

/** The sheet's fc batch (its "FC batch" cell). */
const SHEET_FC_BATCH = 16;

/** The sheet's rows for a trace: each conv/fc layer, with a pooling or add that reads only its output fused in. */
export function sheetLayers(trace: Trace): SheetLayer[] {
  const readers = (name: string): Layer[] => trace.layers.filter((l) => l.inputs.includes(name));
  const rows: SheetLayer[] = [];
  for (const l of trace.layers) {
    if (l.op !== 'conv' && l.op !== 'fc') continue;
    let out: Layer = l;
    let eltwise = false;
    // Follow the single reader chain: an add (the residual branch2c feeds it), then a pooling.
    for (;;) {
      const next = readers(out.name);
      const only = next.length === 1 ? next[0] : undefined;
      if (only?.op === 'eltwise' && !eltwise && isResidualBranch(l, only)) {
        eltwise = true;
        out = only;
      } else if (only?.op === 'pool') {
        out = only;
      } else break;
    }
    rows.push({
      name: l.name,
      C: l.inputChannels,
      H: l.inputHeight,
      W: l.inputWidth,
      K: l.outputChannels,
      R: l.kernelHeight,
      S: l.kernelWidth,
      stride: l.stride,
      pad: l.padding > 0,
      P: l.outputHeight,
      Q: l.outputWidth,
      A: out.outputHeight,
      B: out.outputWidth,
      eltwise,
      batch: l.op === 'fc' ? SHEET_FC_BATCH : 1,
      first: rows.length === 0,
    });
  }
  return rows;
}

/**
 * The sheet fuses the add into the last convolution of the residual branch (branch2c), the one computed last;
 * the shortcut (branch1) is the operand read from memory.
 */
function isResidualBranch(conv: Layer, add: Layer): boolean {
  return add.inputs[add.inputs.length - 1] === conv.name;
}

import type { Layer } from '../layer.js';
import type { Shape } from './tensor-shape.js';

/** The trace fields of a layer with no window (eltwise, concat, lrn, matmul, host, per-row fc): 1×1, stride 1, unpadded. */
/** A host copy of `input` (of `producer`) into a surface of shape `output` (src/hw/host/spec.ts, hostOp "copy"). */
export function hostCopyLayer(producer: string, input: Shape, output: Shape): Omit<Layer, 'name'> {
  return { ...pointwiseLayer('host', [producer], input, output.channels), outputHeight: output.height, outputWidth: output.width, hostOp: 'copy' };
}

export function pointwiseLayer(op: Layer['op'], inputs: string[], input: Shape, outputChannels: number): Omit<Layer, 'name'> {
  return {
    op,
    inputs,
    inputHeight: input.height,
    inputWidth: input.width,
    inputChannels: input.channels,
    outputChannels,
    kernelHeight: 1,
    kernelWidth: 1,
    stride: 1,
    padding: 0,
    groups: 1,
    outputHeight: input.height,
    outputWidth: input.width,
  };
}

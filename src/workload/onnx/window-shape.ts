import type { Pads } from '../layer.js';
import { dilatedExtent, outputExtent } from '../geometry.js';
import { attrInt, attrInts, attrString } from './attributes.js';
import type { NodeProto } from './proto.js';

/**
 * The window of a Conv or pooling node over a 2-D input (onnx/docs/Operators.md, Conv, MaxPool, AveragePool):
 * kernel, strides, dilations, explicit pads [top, left, bottom, right] or auto_pad, and pooling's ceil_mode.
 */

export interface Window {
  kernel: [number, number];
  strides: [number, number];
  dilations: [number, number];
  /** [top, left, bottom, right], ceil_mode folded in as extra end padding. */
  pads: Pads;
  output: [number, number];
}

/** A problem with the window's attributes, for the caller to raise naming the node. */
export class WindowError extends Error {
  constructor(message: string, readonly expected: string, readonly suggestion: string) {
    super(message);
  }
}

const pair = (v: number[] | undefined, fallback: number, what: string): [number, number] => {
  if (v === undefined) return [fallback, fallback];
  if (v.length !== 2) throw new WindowError(`${what} has ${v.length} values`, `2 values (a 2-D window over N×C×H×W)`, '1-D and 3-D windows are not supported');
  return [v[0] ?? fallback, v[1] ?? fallback];
};

/**
 * SAME_UPPER / SAME_LOWER: output ceil(in / stride), total padding (out − 1)·stride + span − in, split with the
 * odd element at the end (UPPER) or the beginning (LOWER).
 */
function samePads(input: number, span: number, stride: number, upper: boolean): [number, number] {
  const out = Math.ceil(input / stride);
  const total = Math.max(0, (out - 1) * stride + span - input);
  const small = Math.floor(total / 2);
  return upper ? [small, total - small] : [total - small, small];
}

/**
 * Pooling's ceil_mode: output ceil((in + pads − span) / stride) + 1, less one when the last window would start
 * in the end padding (as ONNX Runtime and PyTorch do); expressed as the end padding the floor rule needs.
 */
function ceilEndPad(input: number, span: number, stride: number, begin: number, end: number): number {
  let out = Math.ceil((input + begin + end - span) / stride) + 1;
  if ((out - 1) * stride >= input + begin) out -= 1;
  return Math.max(end, (out - 1) * stride + span - input - begin);
}

export function windowOf(node: NodeProto, input: [number, number], kernel: [number, number], extraPads: Pads, pooling: boolean): Window {
  const strides = pair(attrInts(node, 'strides'), 1, 'strides');
  const dilations = pair(attrInts(node, 'dilations'), 1, 'dilations');
  const autoPad = attrString(node, 'auto_pad', 'NOTSET');
  let pads: Pads;
  if (autoPad === 'SAME_UPPER' || autoPad === 'SAME_LOWER') {
    const upper = autoPad === 'SAME_UPPER';
    const [top, bottom] = samePads(input[0], dilatedExtent(kernel[0], dilations[0]), strides[0], upper);
    const [left, right] = samePads(input[1], dilatedExtent(kernel[1], dilations[1]), strides[1], upper);
    pads = [top, left, bottom, right];
  } else if (autoPad === 'VALID') {
    pads = [0, 0, 0, 0];
  } else if (autoPad === 'NOTSET') {
    const p = attrInts(node, 'pads') ?? [0, 0, 0, 0];
    if (p.length !== 4) throw new WindowError(`pads has ${p.length} values`, '4 values [top, left, bottom, right]', 'only 2-D windows are supported');
    pads = [p[0] ?? 0, p[1] ?? 0, p[2] ?? 0, p[3] ?? 0];
  } else {
    throw new WindowError(`auto_pad is "${autoPad}"`, 'NOTSET, SAME_UPPER, SAME_LOWER or VALID', 'export with explicit pads');
  }
  pads = pads.map((v, i) => v + (extraPads[i] ?? 0)) as Pads;
  if (pooling && attrInt(node, 'ceil_mode', 0) === 1) {
    pads[2] = ceilEndPad(input[0], dilatedExtent(kernel[0], dilations[0]), strides[0], pads[0], pads[2]);
    pads[3] = ceilEndPad(input[1], dilatedExtent(kernel[1], dilations[1]), strides[1], pads[1], pads[3]);
  }
  const output: [number, number] = [
    outputExtent(input[0], kernel[0], strides[0], pads[0], pads[2], dilations[0]),
    outputExtent(input[1], kernel[1], strides[1], pads[1], pads[3], dilations[1]),
  ];
  if (output[0] < 1 || output[1] < 1) {
    throw new WindowError(`the ${kernel[0]}×${kernel[1]} window does not fit its ${input[0]}×${input[1]} input padded by [${pads.join(', ')}]`, 'a window no larger than the padded input', 'check the input shape (--input-shape)');
  }
  return { kernel, strides, dilations, pads, output };
}

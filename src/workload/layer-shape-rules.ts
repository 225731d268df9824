import type { Layer } from './layer.js';
import { dilationOf, hasWeights, padsOf } from './layer.js';
import { dilatedExtent, outputExtent } from './geometry.js';
import { clusterIndexBits } from './clustering.js';
import type { Checker } from './trace-checker.js';

/**
 * The rules of one layer on its own (trace-consistency.ts checks how layers connect): which keys each op takes,
 * channel and group counts, and output extents from kernel, dilation, stride and padding.
 */

/** Ops that read one element per output element: no window, no padding, output extent = input extent. */
const POINTWISE = new Set<Layer['op']>(['eltwise', 'concat', 'lrn', 'host', 'matmul']);

/** Key present only for one op: name, the op it belongs to, and whether this layer has it. */
function onlyFor(c: Checker, l: Layer, at: string, key: 'pool' | 'eltwise' | 'lrnSize' | 'hostOp' | 'windows', op: Layer['op']): void {
  if (l.op === op || l[key] === undefined) return;
  c.fail(`layer "${l.name}" (op ${l.op}) has the key "${key}"`, {
    jsonPath: `${at}/${key}`,
    expected: `no "${key}" key unless op is "${op}"`,
    suggestion: `remove the "${key}" key, or set op to "${op}"`,
  });
}

export function checkOpKeys(c: Checker, l: Layer, at: string): void {
  if (!hasWeights(l) && l.weights !== undefined) {
    c.fail(`layer "${l.name}" (op ${l.op}) has weights`, {
      jsonPath: `${at}/weights`,
      expected: 'no "weights" key: only conv and fc layers have stored weights (a matmul multiplies two activations)',
      suggestion: 'remove the "weights" key',
    });
  }
  onlyFor(c, l, at, 'pool', 'pool');
  onlyFor(c, l, at, 'eltwise', 'eltwise');
  onlyFor(c, l, at, 'lrnSize', 'lrn');
  onlyFor(c, l, at, 'windows', 'matmul');
  onlyFor(c, l, at, 'hostOp', 'host');
  if (l.op !== 'conv' && dilationOf(l) !== 1) {
    c.fail(`layer "${l.name}" (op ${l.op}) has dilation ${dilationOf(l)}`, {
      jsonPath: `${at}/dilation`,
      expected: 'dilation 1 (or no "dilation" key): only convolutions are dilated',
      suggestion: 'remove the "dilation" key',
    });
  }
  if (l.pads !== undefined) {
    if (l.op !== 'conv' && l.op !== 'pool') {
      c.fail(`layer "${l.name}" (op ${l.op}) has pads`, {
        jsonPath: `${at}/pads`,
        expected: 'no "pads" key: only conv and pool layers are padded',
        suggestion: 'remove the "pads" key',
      });
    }
    const why = 'padding is pads[0] (top) when pads is given, for readers that know only "padding"';
    c.equal(l.padding, l.pads[0], `padding of "${l.name}"`, `${at}/padding`, why);
  }
  const w = l.weights;
  if (w === undefined) return;
  if (!(w.density > 0 && w.density <= 1)) {
    c.fail(`weight density ${w.density} of layer "${l.name}" is outside (0, 1]`, {
      jsonPath: `${at}/weights/density`,
      expected: 'a fraction of non-zero weights, 0 < density <= 1',
      suggestion: 'density = 1 − sparsity/100; use 1 for dense weights',
    });
  }
  if (w.clusters !== undefined) {
    const bits = clusterIndexBits(w.clusters);
    const why = `ceil(log2(${w.clusters} clusters))`;
    c.equal(w.valueBits, bits, `valueBits of layer "${l.name}"`, `${at}/weights/valueBits`, why);
  }
}

export function checkChannels(c: Checker, l: Layer, at: string): void {
  if (l.op === 'conv' || l.op === 'matmul') {
    if (l.inputChannels % l.groups !== 0 || l.outputChannels % l.groups !== 0) {
      const what = l.op === 'conv' ? 'groups' : 'heads (groups)';
      c.fail(`${what} ${l.groups} of "${l.name}" does not divide its channels (${l.inputChannels} in, ${l.outputChannels} out)`, {
        jsonPath: `${at}/groups`,
        expected: 'a divisor of both inputChannels and outputChannels',
        suggestion: l.op === 'conv' ? 'use 1 for a dense convolution, inputChannels for a depthwise one' : 'use 1 for a single product',
      });
    }
    return;
  }
  c.equal(l.groups, 1, `groups of "${l.name}"`, `${at}/groups`, `op ${l.op} has no grouped weights`);
  // A host copy may also regroup pixels into channels (Swin's patch merging: H/2 × W/2 × 4C).
  if (l.op !== 'fc' && !(l.op === 'host' && l.hostOp === 'copy')) {
    const why = `op ${l.op} keeps the channel count`;
    c.equal(l.outputChannels, l.inputChannels, `outputChannels of "${l.name}"`, `${at}/outputChannels`, why);
  }
}

export function checkGeometry(c: Checker, l: Layer, at: string): void {
  const expect = (key: keyof Layer & string, value: number, why: string): void =>
    c.equal(l[key] as number, value, `${key} of "${l.name}"`, `${at}/${key}`, why);
  if (POINTWISE.has(l.op)) {
    const why = `op ${l.op} reads one input position per output position`;
    expect('kernelHeight', 1, why);
    expect('kernelWidth', 1, why);
    expect('stride', 1, why);
    expect('padding', 0, why);
  }
  if (l.op === 'fc') checkFcKernel(c, l, at);
  // A host copy writes its input's channels into a surface of another extent (tokens added or picked out).
  if (l.op === 'host' && l.hostOp === 'copy') return;
  const [top, left, bottom, right] = padsOf(l);
  const d = dilationOf(l);
  const axes = [
    ['Height', l.inputHeight, l.kernelHeight, l.outputHeight, top, bottom],
    ['Width', l.inputWidth, l.kernelWidth, l.outputWidth, left, right],
  ] as const;
  for (const [axis, input, kernel, output, begin, end] of axes) {
    const padded = input + begin + end;
    const span = dilatedExtent(kernel, d);
    const spanText = d === 1 ? `${kernel}` : `(${kernel} − 1)·${d} + 1`;
    if (span > padded) {
      const spanning = d === 1 ? '' : ` (spanning ${span})`;
      const pads = begin === end ? `2·${begin}` : `${begin} + ${end}`;
      c.fail(`kernel${axis} ${kernel} of "${l.name}"${spanning} exceeds its padded input (${input} + ${pads})`, {
        jsonPath: `${at}/kernel${axis}`,
        expected: `a kernel spanning at most ${padded}`,
        suggestion: 'check the kernel size, dilation and padding',
      });
    }
    const expected = outputExtent(input, kernel, l.stride, begin, end, d);
    const why = `floor((${input} + ${begin} + ${end} − ${spanText}) / ${l.stride}) + 1`;
    const fix = `set output${axis} to ${expected}, or check input${axis}, kernel${axis}, stride, padding and dilation`;
    c.equal(output, expected, `output${axis} of "${l.name}"`, `${at}/output${axis}`, why, fix);
  }
}

/** A fully connected layer covers its whole input (output 1×1), or applies one dense layer per row (kernel 1×1). */
function checkFcKernel(c: Checker, l: Layer, at: string): void {
  const [top, left, bottom, right] = padsOf(l);
  const why = 'a fully connected layer is unpadded';
  for (const [i, side] of [top, left, bottom, right].entries()) {
    if (side !== 0) c.equal(side, 0, `padding of "${l.name}"`, l.pads !== undefined ? `${at}/pads/${i}` : `${at}/padding`, why);
  }
  const whole = l.kernelHeight === l.inputHeight && l.kernelWidth === l.inputWidth;
  const perRow = l.kernelHeight === 1 && l.kernelWidth === 1 && l.stride === 1;
  if (whole || perRow) return;
  c.fail(`kernel ${l.kernelHeight}×${l.kernelWidth} (stride ${l.stride}) of fc "${l.name}" neither covers its ${l.inputHeight}×${l.inputWidth} input nor is 1×1`, {
    jsonPath: `${at}/kernelHeight`,
    expected: `kernel ${l.inputHeight}×${l.inputWidth} (the whole input, output 1×1) or 1×1 with stride 1 (one dense layer per row, e.g. per token)`,
    suggestion: `set kernelHeight and kernelWidth to ${l.inputHeight} and ${l.inputWidth}, or use op "conv"`,
  });
}

import type { Layer, Trace } from './layer.js';
import { hasWeights } from './layer.js';
import { outputExtent } from './geometry.js';
import { clusterIndexBits } from './clustering.js';
import { UserError, nearest } from '../errors.js';

/**
 * Cross-field and cross-layer rules of a trace that JSON Schema cannot say: unique names, inputs naming
 * earlier layers, shapes matching the producer, output extents following from kernel, stride and padding.
 * Throws the first violation, in trace order, as a UserError with the file and JSON path.
 */

/** The network input's name in `inputs`. */
export const NETWORK_INPUT = 'input';

interface Shape {
  height: number;
  width: number;
  channels: number;
}

interface Problem {
  jsonPath: string;
  expected: string;
  suggestion: string;
}

class Checker {
  constructor(readonly file: string) {}

  fail(message: string, p: Problem): never {
    throw new UserError(message, { file: this.file, ...p });
  }

  /** Fail unless `actual` equals `expected`; `why` says where the expected value comes from. */
  equal(actual: number, expected: number, what: string, jsonPath: string, why: string, suggestion?: string): void {
    if (actual === expected) return;
    this.fail(`${what} is ${actual}, expected ${expected} (${why})`, {
      jsonPath,
      expected: `${expected} (${why})`,
      suggestion: suggestion ?? `set it to ${expected}`,
    });
  }
}

export function checkTraceConsistency(trace: Trace, file: string): void {
  const c = new Checker(file);
  // Output shape of every layer seen so far (and of the network input once a layer reads it).
  const produced = new Map<string, Shape>();
  const allNames = new Set(trace.layers.map((l) => l.name));
  trace.layers.forEach((l, i) => {
    const at = `/layers/${i}`;
    checkName(c, l, at, produced);
    checkOpKeys(c, l, at);
    checkInputs(c, l, at, produced, allNames);
    checkChannels(c, l, at);
    checkGeometry(c, l, at);
    produced.set(l.name, { height: l.outputHeight, width: l.outputWidth, channels: l.outputChannels });
  });
}

function checkName(c: Checker, l: Layer, at: string, produced: Map<string, Shape>): void {
  if (l.name === NETWORK_INPUT) {
    c.fail(`layer name "${NETWORK_INPUT}" is reserved for the network input`, {
      jsonPath: `${at}/name`,
      expected: 'a name other than "input"',
      suggestion: 'rename the layer, e.g. "input_conv"',
    });
  }
  if (produced.has(l.name)) {
    c.fail(`duplicate layer name "${l.name}"`, {
      jsonPath: `${at}/name`,
      expected: 'a name no earlier layer uses',
      suggestion: `rename one of the two layers named "${l.name}" and update the inputs that read it`,
    });
  }
}

function checkOpKeys(c: Checker, l: Layer, at: string): void {
  if (!hasWeights(l) && l.weights !== undefined) {
    c.fail(`layer "${l.name}" (op ${l.op}) has weights`, {
      jsonPath: `${at}/weights`,
      expected: 'no "weights" key: only conv and fc layers have weights',
      suggestion: 'remove the "weights" key',
    });
  }
  if (l.op !== 'pool' && l.pool !== undefined) {
    c.fail(`layer "${l.name}" (op ${l.op}) has a pooling kind`, {
      jsonPath: `${at}/pool`,
      expected: 'no "pool" key unless op is "pool"',
      suggestion: 'remove the "pool" key, or set op to "pool"',
    });
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

function checkInputs(c: Checker, l: Layer, at: string, produced: Map<string, Shape>, allNames: Set<string>): void {
  const eltwise = l.op === 'eltwise';
  if (eltwise ? l.inputs.length < 2 : l.inputs.length !== 1) {
    c.fail(`layer "${l.name}" (op ${l.op}) has ${l.inputs.length} inputs`, {
      jsonPath: `${at}/inputs`,
      expected: eltwise ? 'at least 2 inputs for op eltwise' : `exactly 1 input for op ${l.op}`,
      suggestion: eltwise
        ? 'list both branches of the add'
        : 'a layer with several inputs must be an eltwise add; add one before this layer',
    });
  }
  const own: Shape = { height: l.inputHeight, width: l.inputWidth, channels: l.inputChannels };
  l.inputs.forEach((name, j) => {
    let shape = produced.get(name);
    if (shape === undefined && name === NETWORK_INPUT) {
      // The first reader of the network input declares its shape; later readers must agree.
      shape = own;
      produced.set(NETWORK_INPUT, own);
    }
    if (shape === undefined) unknownInput(c, l, name, `${at}/inputs/${j}`, produced, allNames);
    const from = name === NETWORK_INPUT ? 'the network input (as its first reader declares it)' : `the output of "${name}"`;
    const fix = `make it match ${from}, or read a different layer`;
    c.equal(l.inputChannels, shape.channels, `inputChannels of "${l.name}"`, `${at}/inputChannels`, `channels of ${from}`, fix);
    c.equal(l.inputHeight, shape.height, `inputHeight of "${l.name}"`, `${at}/inputHeight`, `height of ${from}`, fix);
    c.equal(l.inputWidth, shape.width, `inputWidth of "${l.name}"`, `${at}/inputWidth`, `width of ${from}`, fix);
  });
}

function unknownInput(
  c: Checker,
  l: Layer,
  name: string,
  jsonPath: string,
  produced: Map<string, Shape>,
  allNames: Set<string>,
): never {
  const expected = 'the name of an earlier layer, or "input"';
  if (name === l.name) {
    c.fail(`layer "${l.name}" reads its own output`, { jsonPath, expected, suggestion: 'name the layer that produces its input' });
  }
  if (allNames.has(name)) {
    c.fail(`layer "${l.name}" reads "${name}", which runs later`, {
      jsonPath,
      expected,
      suggestion: `move layer "${name}" before "${l.name}": layers are listed in execution order`,
    });
  }
  const near = nearest(name, [...produced.keys(), NETWORK_INPUT]);
  c.fail(`layer "${l.name}" reads unknown layer "${name}"`, {
    jsonPath,
    expected,
    suggestion: near !== undefined ? `did you mean "${near}"?` : 'name an earlier layer',
  });
}

function checkChannels(c: Checker, l: Layer, at: string): void {
  if (l.op === 'conv') {
    if (l.inputChannels % l.groups !== 0 || l.outputChannels % l.groups !== 0) {
      c.fail(`groups ${l.groups} of "${l.name}" does not divide its channels (${l.inputChannels} in, ${l.outputChannels} out)`, {
        jsonPath: `${at}/groups`,
        expected: 'a divisor of both inputChannels and outputChannels',
        suggestion: 'use 1 for a dense convolution',
      });
    }
    return;
  }
  c.equal(l.groups, 1, `groups of "${l.name}"`, `${at}/groups`, `op ${l.op} has no grouped weights`);
  if (l.op === 'pool' || l.op === 'eltwise') {
    const why = `op ${l.op} keeps the channel count`;
    c.equal(l.outputChannels, l.inputChannels, `outputChannels of "${l.name}"`, `${at}/outputChannels`, why);
  }
}

function checkGeometry(c: Checker, l: Layer, at: string): void {
  const expect = (key: keyof Layer & string, value: number, why: string): void =>
    c.equal(l[key] as number, value, `${key} of "${l.name}"`, `${at}/${key}`, why);
  if (l.op === 'eltwise') {
    const why = 'an element-wise add reads one element per output';
    expect('kernelHeight', 1, why);
    expect('kernelWidth', 1, why);
    expect('stride', 1, why);
    expect('padding', 0, why);
  }
  if (l.op === 'fc') {
    const why = 'a fully connected kernel covers the whole, unpadded input';
    expect('padding', 0, why);
    expect('kernelHeight', l.inputHeight, why);
    expect('kernelWidth', l.inputWidth, why);
  }
  const axes = [
    ['Height', l.inputHeight, l.kernelHeight, l.outputHeight],
    ['Width', l.inputWidth, l.kernelWidth, l.outputWidth],
  ] as const;
  for (const [axis, input, kernel, output] of axes) {
    const padded = input + 2 * l.padding;
    if (kernel > padded) {
      c.fail(`kernel${axis} ${kernel} of "${l.name}" exceeds its padded input (${input} + 2·${l.padding})`, {
        jsonPath: `${at}/kernel${axis}`,
        expected: `at most ${padded}`,
        suggestion: 'check the kernel size and padding',
      });
    }
    const expected = outputExtent(input, kernel, l.stride, l.padding);
    const why = `floor((${input} + 2·${l.padding} − ${kernel}) / ${l.stride}) + 1`;
    const fix = `set output${axis} to ${expected}, or check input${axis}, kernel${axis}, stride and padding`;
    c.equal(output, expected, `output${axis} of "${l.name}"`, `${at}/output${axis}`, why, fix);
  }
}

import type { Layer, Trace } from './layer.js';
import { nearest } from '../errors.js';
import { Checker } from './trace-checker.js';
import { checkChannels, checkGeometry, checkOpKeys } from './layer-shape-rules.js';

/**
 * Cross-field and cross-layer rules of a trace that JSON Schema cannot say: unique names, inputs naming
 * earlier layers, shapes matching the producers (concat: channels summed; matmul: the second operand's size),
 * and each layer's own shape rules (layer-shape-rules.ts). Throws the first violation, in trace order, as a
 * UserError with the file and JSON path.
 */

/** The network input's name in `inputs`. */
export const NETWORK_INPUT = 'input';

interface Shape {
  height: number;
  width: number;
  channels: number;
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
    checkInputCount(c, l, at);
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

function checkInputCount(c: Checker, l: Layer, at: string): void {
  const n = l.inputs.length;
  // A per-channel scale (eltwise "scale") takes its scale and bias from the layer, not from a second tensor.
  const many = (l.op === 'eltwise' && l.eltwise !== 'scale') || l.op === 'concat';
  const ok = many ? n >= 2 : l.op === 'matmul' ? n === 2 : n === 1;
  if (ok) return;
  const expected = many ? `at least 2 inputs for op ${l.op}` : l.op === 'matmul' ? 'exactly 2 inputs for op matmul: [A, B]' : `exactly 1 input for ${l.op === 'eltwise' ? 'eltwise "scale"' : `op ${l.op}`}`;
  const suggestion =
    l.op === 'eltwise' ? 'list both branches of the add'
    : l.op === 'concat' ? 'list every tensor the concatenation joins, in channel order'
    : l.op === 'matmul' ? 'list the producers of both operands, A first'
    : 'a layer with several inputs must be an eltwise, concat or matmul; add one before this layer';
  c.fail(`layer "${l.name}" (op ${l.op}) has ${n} inputs`, { jsonPath: `${at}/inputs`, expected, suggestion });
}

function checkInputs(c: Checker, l: Layer, at: string, produced: Map<string, Shape>, allNames: Set<string>): void {
  const own: Shape = { height: l.inputHeight, width: l.inputWidth, channels: l.inputChannels };
  let channelSum = 0;
  (l.slices ?? []).forEach((s, k) => {
    if (s.input >= l.inputs.length) {
      c.fail(`slice ${k} of layer "${l.name}" names input ${s.input}, of ${l.inputs.length}`, { jsonPath: `${at}/slices/${k}/input`, expected: `an index below ${l.inputs.length}`, suggestion: 'name an input the layer has' });
    }
  });

  l.inputs.forEach((name, j) => {
    // Whole-tensor readers see the producer's shape as their own input shape; concat parts and matmul's B do not.
    const part = l.op === 'concat' || (l.op === 'matmul' && j === 1);
    let shape = produced.get(name);
    if (shape === undefined && name === NETWORK_INPUT) {
      if (part) undeclaredNetworkInput(c, l, `${at}/inputs/${j}`);
      // The first reader of the network input declares its shape; later readers must agree.
      shape = own;
      produced.set(NETWORK_INPUT, own);
    }
    if (shape === undefined) unknownInput(c, l, name, `${at}/inputs/${j}`, produced, allNames);
    shape = sliced(c, l, at, j, name, shape);
    const from = name === NETWORK_INPUT ? 'the network input (as its first reader declares it)' : `the output of "${name}"`;
    const fix = `make it match ${from}, or read a different layer`;
    if (l.op === 'matmul' && j === 1) return checkMatmulB(c, l, at, shape, from);
    if (perChannelOperand(l, j, shape)) return;
    if (!part) c.equal(l.inputChannels, shape.channels, `inputChannels of "${l.name}"`, `${at}/inputChannels`, `channels of ${from}`, fix);
    channelSum += shape.channels;
    c.equal(l.inputHeight, shape.height, `inputHeight of "${l.name}"`, `${at}/inputHeight`, `height of ${from}`, fix);
    c.equal(l.inputWidth, shape.width, `inputWidth of "${l.name}"`, `${at}/inputWidth`, `width of ${from}`, fix);
  });
  if (l.op === 'concat') {
    const why = `the sum of its inputs' channels, ${l.inputs.join(' + ')}`;
    c.equal(l.inputChannels, channelSum, `inputChannels of concat "${l.name}"`, `${at}/inputChannels`, why);
  }
}

/** The producer's shape as input j reads it: its channel range when the layer slices that input. */
function sliced(c: Checker, l: Layer, at: string, j: number, name: string, shape: Shape): Shape {
  const k = (l.slices ?? []).findIndex((s) => s.input === j);
  const s = l.slices?.[k];
  if (s === undefined) return shape;
  if (s.channelOffset + s.channels > shape.channels) {
    c.fail(`layer "${l.name}" reads channels ${s.channelOffset}–${s.channelOffset + s.channels - 1} of "${name}", which has ${shape.channels}`, {
      jsonPath: `${at}/slices/${k}`,
      expected: `a channel range within the ${shape.channels} channels of "${name}"`,
      suggestion: 'check channelOffset and channels of the slice',
    });
  }
  return { ...shape, channels: s.channels };
}

/** An add or mul operand after the first may hold one value per channel (1×1×C), broadcast over H×W (squeeze-excite). */
function perChannelOperand(l: Layer, j: number, shape: Shape): boolean {
  return l.op === 'eltwise' && j > 0 && l.eltwise !== 'scale' && shape.height === 1 && shape.width === 1 && shape.channels === l.inputChannels;
}

/**
 * The B operand of heads × (M×K)·(K×N) holds heads·K·N elements, whatever its layout (attention's Q·Kᵀ reads
 * K as stored, rows × channels; A·V reads V): only its element count is fixed by the product's shape.
 */
function checkMatmulB(c: Checker, l: Layer, at: string, b: Shape, from: string): void {
  const heads = l.groups;
  // Heads that do not divide the channels are checkChannels' error, with its own message.
  if (l.inputChannels % heads !== 0 || l.outputChannels % heads !== 0) return;
  const k = l.inputChannels / heads;
  const n = l.outputChannels / heads;
  const elements = b.height * b.width * b.channels;
  const windows = l.windows ?? 1;
  if (elements === windows * heads * k * n) return;
  const each = windows === 1 ? '' : `windows·`;
  c.fail(`operand B of matmul "${l.name}" has ${elements} elements (${b.height}×${b.width}×${b.channels}), expected ${windows * heads * k * n}`, {
    jsonPath: `${at}/inputs/1`,
    expected: `${each}heads·K·N = ${windows === 1 ? '' : `${windows}·`}${heads}·${k}·${n} elements (K = inputChannels/groups, N = outputChannels/groups), from ${from}`,
    suggestion: 'check groups (heads), inputChannels (heads·K) and outputChannels (heads·N) of the product, or its second input',
  });
}

function undeclaredNetworkInput(c: Checker, l: Layer, jsonPath: string): never {
  c.fail(`layer "${l.name}" (op ${l.op}) is the first to read the network input, as a part of its input`, {
    jsonPath,
    expected: 'a layer that reads the whole network input first, declaring its shape',
    suggestion: 'read the network input first with a layer whose input shape is the network input\'s',
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

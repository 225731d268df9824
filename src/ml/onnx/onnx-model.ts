/**
 * An ONNX model as the fault study sees it: the graph (decoded with `onnx-proto`), its image input and
 * class-score output, and the weight initializers, i.e. the float32 tensors of rank 2 to 4 that a Conv,
 * Gemm or MatMul node takes as its weight. Those are what the accelerator keeps in weight memory;
 * biases, batch-norm parameters and shape constants stay as they are (assumption: they are few and
 * held in registers or SRAM).
 *
 * `encodeWithWeights` writes replacement values into those initializers (as raw little-endian float32)
 * and encodes the model again, so faulty weights run through the real graph.
 */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { UserError } from '../../errors.js';

// onnx-proto is CommonJS without named exports Node can see; its types describe the namespace.
type OnnxProto = typeof import('onnx-proto');
export const { onnx } = createRequire(import.meta.url)('onnx-proto') as OnnxProto;
type Onnx = OnnxProto['onnx'];
export type ModelProto = InstanceType<Onnx['ModelProto']>;
export type TensorProto = InstanceType<Onnx['TensorProto']>;
/** A tensor as decoded or as built (the plain-object interface). */
export type TensorLike = import('onnx-proto').onnx.ITensorProto;

const FLOAT = 1; // TensorProto.DataType.FLOAT

export interface WeightInitializer {
  readonly name: string;
  /**
   * The layer it is the weight of, named as `maxnvm import onnx` names trace layers (the node's name, else op type
   * and node index), so storage choices found on the model apply to its imported trace.
   */
  readonly layer: string;
  /** Index in graph.initializer. */
  readonly index: number;
  readonly dims: readonly number[];
  /** The op that uses it as its weight. */
  readonly op: 'Conv' | 'Gemm' | 'MatMul';
  /** Axis of the output channels: 0 for Conv and Gemm with transB = 1, 1 for MatMul and Gemm with transB = 0. */
  readonly outputAxis: 0 | 1;
  /** The values as stored, in the initializer's own (C) order. */
  readonly values: Float32Array;
}

export interface OnnxModel {
  readonly file: string;
  readonly proto: ModelProto;
  readonly input: { readonly name: string; readonly dims: readonly (number | undefined)[] };
  readonly output: string;
  readonly weights: readonly WeightInitializer[];
}

function bad(file: string, message: string, suggestion = 'export the model with torch.onnx.export or keep it as `maxnvm` wrote it'): UserError {
  return new UserError(message, { file, expected: 'an ONNX model (ModelProto) with float32 Conv/Gemm/MatMul weight initializers', suggestion });
}

const num = (v: number | { toNumber(): number } | null | undefined): number => (v === null || v === undefined ? 0 : typeof v === 'number' ? v : v.toNumber());

export function tensorValues(t: TensorLike, file: string): Float32Array {
  const count = (t.dims ?? []).reduce<number>((a, d) => a * num(d), 1);
  let values: Float32Array;
  if (t.rawData !== null && t.rawData !== undefined && t.rawData.length > 0) {
    const raw = t.rawData;
    if (raw.length !== count * 4) throw bad(file, `initializer ${t.name} holds ${raw.length} bytes, not ${count} float32 values`);
    values = new Float32Array(count);
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) values[i] = view.getFloat32(4 * i, true);
  } else {
    values = Float32Array.from(t.floatData ?? []);
    if (values.length !== count) throw bad(file, `initializer ${t.name} holds ${values.length} values, not ${count}`);
  }
  return values;
}

export function parseOnnxModel(bytes: Uint8Array, file: string): OnnxModel {
  let proto: ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (e) {
    throw bad(file, `${file} is not an ONNX model: ${(e as Error).message}`);
  }
  const graph = proto.graph;
  if (graph === null || graph === undefined || (graph.node ?? []).length === 0) throw bad(file, `${file} holds no graph`);
  const inits = graph.initializer ?? [];
  const initIndex = new Map(inits.map((t, i) => [t.name ?? '', i]));
  const inputs = (graph.input ?? []).filter((v) => !initIndex.has(v.name ?? ''));
  const input = inputs[0];
  if (input === undefined || inputs.length !== 1) throw bad(file, `the graph has ${inputs.length} data inputs; the fault study feeds exactly one (the image)`);
  const output = graph.output?.[0]?.name;
  if (output === undefined || output === null) throw bad(file, 'the graph has no output');
  const dims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== null && d.dimValue !== undefined && num(d.dimValue) > 0 ? num(d.dimValue) : undefined));
  const weights: WeightInitializer[] = [];
  const seen = new Set<string>();
  for (const [nodeIndex, node] of (graph.node ?? []).entries()) {
    const op = node.opType;
    if (op !== 'Conv' && op !== 'Gemm' && op !== 'MatMul') continue;
    const name = node.input?.[1] ?? '';
    const index = initIndex.get(name);
    if (index === undefined || seen.has(name)) continue;
    const t = inits[index] as TensorProto;
    const tDims = (t.dims ?? []).map(num);
    if (t.dataType !== FLOAT || tDims.length < 2 || tDims.length > 4) continue;
    const transB = node.attribute?.find((a) => a.name === 'transB');
    const outputAxis = op === 'Conv' || (op === 'Gemm' && transB !== undefined && num(transB.i) === 1) ? 0 : 1;
    if (outputAxis === 1 && tDims.length !== 2) continue;
    seen.add(name);
    const layer = node.name || `${op}_${nodeIndex}`;
    weights.push({ name, layer, index, dims: tDims, op, outputAxis, values: tensorValues(t, file) });
  }
  if (weights.length === 0) throw bad(file, `${file} has no float32 Conv, Gemm or MatMul weight initializer`);
  return { file, proto, input: { name: input.name ?? '', dims }, output, weights };
}

export function loadOnnxModel(path: string): OnnxModel {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UserError(`cannot read the ONNX model ${path}`, { file: path, jsonPath: '--model', suggestion: 'give the path of a .onnx file, or --model cnn / --model mlp' });
  }
  return parseOnnxModel(bytes, path);
}

function rawFloat32(values: Float32Array): Uint8Array {
  const out = new Uint8Array(values.length * 4);
  const view = new DataView(out.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return out;
}

/** The model's bytes with each weight initializer holding `replacement(name)` (its original values when undefined). */
export function encodeWithWeights(model: OnnxModel, replacement: (name: string) => Float32Array | undefined): Uint8Array {
  const inits = model.proto.graph?.initializer ?? [];
  for (const w of model.weights) {
    const t = inits[w.index] as TensorProto;
    const values = replacement(w.name) ?? w.values;
    if (values.length !== w.values.length) throw new Error(`initializer ${w.name}: ${values.length} values for ${w.values.length}`);
    t.floatData = [];
    t.rawData = rawFloat32(values);
  }
  return onnx.ModelProto.encode(model.proto).finish();
}

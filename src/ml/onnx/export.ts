/**
 * Write a sequential network as an ONNX model (opset 13, IR version 8): Conv, Relu, MaxPool, Flatten and
 * Gemm (transB = 1, weights [K][C] as the project stores them), float32 weights as raw little-endian
 * initializers. The input is [N, …inputShape] with a free batch axis N; the output is the last layer's
 * scores [N, classes].
 */

import { onnx, type ModelProto } from './onnx-model.js';

export type SequentialOp =
  | { op: 'conv'; name: string; weights: Float32Array; dims: readonly [number, number, number, number]; bias: Float32Array; pads?: number }
  | { op: 'relu' }
  | { op: 'maxpool'; size: number }
  | { op: 'flatten' }
  | { op: 'gemm'; name: string; weights: Float32Array; dims: readonly [number, number]; bias: Float32Array };

const FLOAT = 1;
const OPSET = 13;
const IR_VERSION = 8;

function tensor(name: string, dims: readonly number[], values: Float32Array): InstanceType<typeof onnx.TensorProto> {
  const raw = new Uint8Array(values.length * 4);
  const view = new DataView(raw.buffer);
  values.forEach((v, i) => view.setFloat32(4 * i, v, true));
  return onnx.TensorProto.create({ name, dims: [...dims], dataType: FLOAT, rawData: raw });
}

const ints = (name: string, values: number[]): InstanceType<typeof onnx.AttributeProto> =>
  onnx.AttributeProto.create({ name, ints: values, type: onnx.AttributeProto.AttributeType.INTS });
const int = (name: string, value: number): InstanceType<typeof onnx.AttributeProto> =>
  onnx.AttributeProto.create({ name, i: value, type: onnx.AttributeProto.AttributeType.INT });

function valueInfo(name: string, dims: readonly (number | string)[]): InstanceType<typeof onnx.ValueInfoProto> {
  const dim = dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d }));
  return onnx.ValueInfoProto.create({ name, type: { tensorType: { elemType: FLOAT, shape: { dim } } } });
}

export function sequentialModel(name: string, inputShape: readonly number[], ops: readonly SequentialOp[], classes: number): ModelProto {
  const nodes: InstanceType<typeof onnx.NodeProto>[] = [];
  const inits: InstanceType<typeof onnx.TensorProto>[] = [];
  let current = 'input';
  ops.forEach((o, i) => {
    const out = i === ops.length - 1 ? 'scores' : `t${i}`;
    if (o.op === 'conv') {
      inits.push(tensor(`${o.name}.weight`, o.dims, o.weights), tensor(`${o.name}.bias`, [o.dims[0]], o.bias));
      const p = o.pads ?? 0;
      nodes.push(onnx.NodeProto.create({ name: o.name, opType: 'Conv', input: [current, `${o.name}.weight`, `${o.name}.bias`], output: [out], attribute: [ints('kernel_shape', [o.dims[2], o.dims[3]]), ints('pads', [p, p, p, p])] }));
    } else if (o.op === 'gemm') {
      inits.push(tensor(`${o.name}.weight`, o.dims, o.weights), tensor(`${o.name}.bias`, [o.dims[0]], o.bias));
      nodes.push(onnx.NodeProto.create({ name: o.name, opType: 'Gemm', input: [current, `${o.name}.weight`, `${o.name}.bias`], output: [out], attribute: [int('transB', 1)] }));
    } else if (o.op === 'relu') {
      nodes.push(onnx.NodeProto.create({ name: `relu${i}`, opType: 'Relu', input: [current], output: [out] }));
    } else if (o.op === 'maxpool') {
      nodes.push(onnx.NodeProto.create({ name: `pool${i}`, opType: 'MaxPool', input: [current], output: [out], attribute: [ints('kernel_shape', [o.size, o.size]), ints('strides', [o.size, o.size])] }));
    } else {
      nodes.push(onnx.NodeProto.create({ name: `flatten${i}`, opType: 'Flatten', input: [current], output: [out], attribute: [int('axis', 1)] }));
    }
    current = out;
  });
  const graph = onnx.GraphProto.create({
    name,
    node: nodes,
    initializer: inits,
    input: [valueInfo('input', ['N', ...inputShape])],
    output: [valueInfo('scores', ['N', classes])],
  });
  return onnx.ModelProto.create({ irVersion: IR_VERSION, producerName: 'maxnvm', opsetImport: [{ domain: '', version: OPSET }], graph });
}

export function modelBytes(model: ModelProto): Uint8Array {
  return onnx.ModelProto.encode(model).finish();
}

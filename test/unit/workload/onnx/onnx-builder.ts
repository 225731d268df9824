import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { onnx, type AttributeProto, type NodeProto, type TensorProto } from '../../../../src/workload/onnx/proto.js';

/**
 * ONNX files for the tests, built through the same protobuf package the importer reads with (onnx-proto).
 * Attributes: an integer is INT, another number FLOAT, a number array INTS, a string STRING, { f } a FLOAT
 * that happens to be whole, { t } a TENSOR.
 */
export type AttrValue = number | number[] | string | { f: number } | { t: TensorProto };

export class OnnxBuilder {
  private readonly nodes: NodeProto[] = [];
  private readonly inits: TensorProto[] = [];
  private readonly inputs: { name: string; dims: (number | string)[] }[] = [];
  private readonly outputs: string[] = [];

  constructor(readonly opset = 17, readonly graphName = 'test-net') {}

  input(name: string, dims: (number | string)[]): this {
    this.inputs.push({ name, dims });
    return this;
  }

  /** A float32 initializer stored as raw_data; values default to 1 (or a function of the index). */
  weight(name: string, dims: number[], values: number | ((i: number) => number) = 1): this {
    const n = dims.reduce((a, b) => a * b, 1);
    const data = new Float32Array(n);
    for (let i = 0; i < n; i++) data[i] = typeof values === 'number' ? values : values(i);
    this.inits.push({ name, dims, dataType: 1, rawData: new Uint8Array(data.buffer) });
    return this;
  }

  /** An initializer given as a whole TensorProto (other data types, float_data, ...). */
  tensor(t: TensorProto): this {
    this.inits.push(t);
    return this;
  }

  /** An int64 initializer (shapes, pads). */
  ints(name: string, values: number[]): this {
    this.inits.push({ name, dims: [values.length], dataType: 7, int64Data: values });
    return this;
  }

  node(opType: string, inputs: string[], outputs: string[], attrs: Record<string, AttrValue> = {}, name?: string): this {
    const attribute = Object.entries(attrs).map(([key, v]) => attr(key, v));
    this.nodes.push({ opType, input: inputs, output: outputs, attribute, name: name ?? outputs[0] });
    return this;
  }

  output(name: string): this {
    this.outputs.push(name);
    return this;
  }

  bytes(): Uint8Array {
    const dimsOf = (dims: (number | string)[]) => ({ dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) });
    return onnx.ModelProto.encode({
      irVersion: 8,
      producerName: 'maxnvm-tests',
      opsetImport: [{ domain: '', version: this.opset }],
      graph: {
        name: this.graphName,
        node: this.nodes,
        initializer: this.inits,
        input: this.inputs.map((i) => ({ name: i.name, type: { tensorType: { elemType: 1, shape: dimsOf(i.dims) } } })),
        output: this.outputs.map((name) => ({ name, type: { tensorType: { elemType: 1 } } })),
      },
    }).finish();
  }

  /** Write the model into a fresh temporary folder; returns its path. */
  write(fileName = 'model.onnx'): string {
    return writeModel(this.bytes(), fileName);
  }
}

export function writeModel(bytes: Uint8Array, fileName = 'model.onnx'): string {
  const file = join(mkdtempSync(join(tmpdir(), 'maxnvm-onnx-')), fileName);
  writeFileSync(file, bytes);
  return file;
}

function attr(name: string, v: AttrValue): AttributeProto {
  if (typeof v === 'string') return { name, type: 3, s: new TextEncoder().encode(v) };
  if (Array.isArray(v)) return { name, type: 7, ints: v };
  if (typeof v === 'number') return Number.isInteger(v) ? { name, type: 2, i: v } : { name, type: 1, f: v };
  return 't' in v ? { name, type: 4, t: v.t } : { name, type: 1, f: v.f };
}

import onnxProto from 'onnx-proto';

/**
 * The ONNX protobuf messages, decoded by the onnx-proto package (protobufjs code generated from onnx.proto).
 * protobufjs decodes int64 fields as Long objects and bytes fields as views of the file's buffer (no copy).
 */
export const onnx = onnxProto.onnx;
export type ModelProto = onnxProto.onnx.ModelProto;
export type GraphProto = onnxProto.onnx.IGraphProto;
export type NodeProto = onnxProto.onnx.INodeProto;
export type TensorProto = onnxProto.onnx.ITensorProto;
export type AttributeProto = onnxProto.onnx.IAttributeProto;
export type ValueInfoProto = onnxProto.onnx.IValueInfoProto;

/** An int64 field as a number (protobufjs gives a Long, or a number for small values). */
export function int(x: number | { toNumber(): number } | null | undefined): number {
  if (x === null || x === undefined) return 0;
  return typeof x === 'number' ? x : x.toNumber();
}

/** Data types of onnx.proto TensorProto.DataType that initializers may use here, with their element size. */
export const DATA_TYPES: Record<number, { name: string; bytes: number }> = {
  1: { name: 'FLOAT', bytes: 4 },
  2: { name: 'UINT8', bytes: 1 },
  3: { name: 'INT8', bytes: 1 },
  6: { name: 'INT32', bytes: 4 },
  7: { name: 'INT64', bytes: 8 },
  10: { name: 'FLOAT16', bytes: 2 },
  11: { name: 'DOUBLE', bytes: 8 },
  16: { name: 'BFLOAT16', bytes: 2 },
};

import { UserError } from '../../errors.js';
import { DATA_TYPES, int, type TensorProto } from './proto.js';

/**
 * The elements of an initializer (or Constant) without copying them: raw_data is a view into the file's buffer,
 * read through a typed array when aligned, else through a DataView (both little-endian, as ONNX stores it).
 */

export interface TensorData {
  name: string;
  dims: number[];
  count: number;
  /** Element i as a number (float16/bfloat16 widened); -0 reads as 0 for the callers' zero tests. */
  at: (i: number) => number;
}

export function tensorDims(t: TensorProto): number[] {
  return (t.dims ?? []).map(int);
}

export function tensorData(t: TensorProto, file: string): TensorData {
  const name = t.name ?? '';
  const dims = tensorDims(t);
  const count = dims.reduce((a, b) => a * b, 1);
  const type = t.dataType ?? 0;
  const info = DATA_TYPES[type];
  const fail = (message: string, expected: string, suggestion: string): never => {
    throw new UserError(`initializer "${name}" ${message}`, { file, jsonPath: `graph.initializer["${name}"]`, expected, suggestion });
  };
  if (t.dataLocation === 1) {
    fail('keeps its data in an external file', 'weights stored inside the .onnx file', 'save with onnx.save_model(model, path, save_as_external_data=False) (models under 2 GB)');
  }
  if (info === undefined) {
    fail(`has data type ${type}`, `one of ${Object.values(DATA_TYPES).map((d) => d.name).join(', ')}`, 'export the weights as float32');
  }
  const { bytes } = info as { bytes: number };
  const raw = t.rawData;
  if (raw !== undefined && raw !== null && raw.length > 0) {
    if (raw.length !== count * bytes) {
      fail(`holds ${raw.length} bytes of raw data`, `${count} elements × ${bytes} bytes = ${count * bytes} bytes for dims [${dims.join(', ')}]`, 'the file is damaged; export it again');
    }
    return { name, dims, count, at: rawReader(raw, type) };
  }
  const listed = listedValues(t, type);
  if (listed.length !== count) {
    fail(`lists ${listed.length} values`, `${count} values for dims [${dims.join(', ')}]`, 'the file is damaged; export it again');
  }
  const at = type === 10 ? (i: number) => half(listed[i] ?? 0) : type === 16 ? (i: number) => bfloat(listed[i] ?? 0) : (i: number) => listed[i] ?? 0;
  return { name, dims, count, at };
}

/** The typed fields onnx.proto lists values in when raw_data is empty (float16 and int8 go in int32_data as bits). */
function listedValues(t: TensorProto, type: number): readonly number[] {
  if (type === 1) return t.floatData ?? [];
  if (type === 11) return t.doubleData ?? [];
  if (type === 7) return (t.int64Data ?? []).map(int);
  return t.int32Data ?? [];
}

function rawReader(raw: Uint8Array, type: number): (i: number) => number {
  const aligned = (width: number): boolean => raw.byteOffset % width === 0;
  const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
  switch (type) {
    case 1: {
      if (aligned(4)) {
        const f = new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4);
        return (i) => f[i] ?? 0;
      }
      return (i) => view.getFloat32(4 * i, true);
    }
    case 11:
      return (i) => view.getFloat64(8 * i, true);
    case 10:
      return (i) => half(view.getUint16(2 * i, true));
    case 16:
      return (i) => bfloat(view.getUint16(2 * i, true));
    case 2:
      return (i) => raw[i] ?? 0;
    case 3:
      return (i) => view.getInt8(i);
    case 6:
      return (i) => view.getInt32(4 * i, true);
    default:
      return (i) => Number(view.getBigInt64(8 * i, true));
  }
}

/** IEEE 754 half precision bits as a number. */
function half(bits: number): number {
  const sign = bits & 0x8000 ? -1 : 1;
  const exp = (bits >> 10) & 0x1f;
  const frac = bits & 0x3ff;
  if (exp === 0) return frac === 0 ? 0 : sign * frac * 2 ** -24;
  if (exp === 31) return frac === 0 ? sign * Infinity : NaN;
  return sign * (1 + frac / 1024) * 2 ** (exp - 15);
}

const bfloatView = new DataView(new ArrayBuffer(4));
/** bfloat16 bits (the upper half of a float32) as a number. */
function bfloat(bits: number): number {
  bfloatView.setUint32(0, bits << 16);
  return bfloatView.getFloat32(0) || 0;
}

/** The integers of a small constant tensor (Reshape's shape, Pad's pads, ...). */
export function tensorInts(t: TensorProto, file: string): number[] {
  const d = tensorData(t, file);
  return Array.from({ length: d.count }, (_, i) => d.at(i));
}

/**
 * NumPy `.npy` files (format versions 1.0–3.0, as numpy.lib.format describes them): the magic
 * "\x93NUMPY", a version, a little-endian header length, a Python dict literal with 'descr',
 * 'fortran_order' and 'shape', then the raw array. Only what a data set of images needs is read:
 * little-endian float32 ('<f4') and uint8 ('|u1'), C order.
 */

import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';

export interface NpyArray {
  readonly dtype: 'float32' | 'uint8';
  readonly shape: readonly number[];
  readonly data: Float32Array | Uint8Array;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const DESCR: Record<string, NpyArray['dtype']> = { '<f4': 'float32', '|u1': 'uint8', '<u1': 'uint8' };
const DESCR_OF: Record<NpyArray['dtype'], string> = { float32: '<f4', uint8: '|u1' };

function bad(file: string, message: string): UserError {
  return new UserError(`${file} is not a usable .npy file: ${message}`, {
    file,
    expected: 'a NumPy .npy array of float32 (<f4) or uint8 (|u1) in C order',
    suggestion: 'write it with numpy.save(path, array.astype(numpy.float32))',
  });
}

export function parseNpy(bytes: Uint8Array, file = '<npy>'): NpyArray {
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw bad(file, 'it does not start with \\x93NUMPY');
  const major = bytes[6] as number;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const wide = major >= 2;
  const headerLength = wide ? view.getUint32(8, true) : view.getUint16(8, true);
  const headerStart = wide ? 12 : 10;
  const dataStart = headerStart + headerLength;
  if (dataStart > bytes.length) throw bad(file, 'its header runs past the end of the file');
  const header = new TextDecoder().decode(bytes.subarray(headerStart, dataStart));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) throw bad(file, `unreadable header ${JSON.stringify(header.trim())}`);
  const dtype = DESCR[descr];
  if (dtype === undefined) throw bad(file, `element type '${descr}' is not supported`);
  if (fortran === 'True') throw bad(file, 'it is in Fortran (column-major) order');
  const shape = shapeText.split(',').map((s) => s.trim()).filter((s) => s !== '').map(Number);
  if (shape.some((d) => !Number.isInteger(d) || d < 0)) throw bad(file, `bad shape (${shapeText})`);
  const count = shape.reduce((a, d) => a * d, 1);
  const itemBytes = dtype === 'float32' ? 4 : 1;
  if (bytes.length - dataStart !== count * itemBytes) {
    throw bad(file, `shape (${shape.join(', ')}) needs ${count * itemBytes} data bytes, the file has ${bytes.length - dataStart}`);
  }
  // A copy (Buffer.slice would share the pool buffer): aligned, and independent of the file buffer.
  const raw = new Uint8Array(bytes.subarray(dataStart));
  const data = dtype === 'float32' ? new Float32Array(raw.buffer, 0, count) : raw;
  return { dtype, shape, data };
}

export function readNpy(path: string): NpyArray {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    throw new UserError(`cannot read ${path}`, { file: path, suggestion: 'check the --data folder and its labels.csv' });
  }
  return parseNpy(bytes, path);
}

/** A version 1.0 .npy file of the array (the header padded so the data start on a 64-byte boundary). */
export function formatNpy(array: NpyArray): Uint8Array {
  const shape = array.shape.length === 1 ? `(${array.shape[0]},)` : `(${array.shape.join(', ')})`;
  let header = `{'descr': '${DESCR_OF[array.dtype]}', 'fortran_order': False, 'shape': ${shape}, }`;
  const unpadded = 10 + header.length + 1;
  header += ' '.repeat((64 - (unpadded % 64)) % 64) + '\n';
  const head = new Uint8Array(10 + header.length);
  head.set(MAGIC);
  head[6] = 1;
  head[7] = 0;
  new DataView(head.buffer).setUint16(8, header.length, true);
  head.set(new TextEncoder().encode(header), 10);
  const data = new Uint8Array(array.data.buffer, array.data.byteOffset, array.data.byteLength);
  const out = new Uint8Array(head.length + data.length);
  out.set(head);
  out.set(data, head.length);
  return out;
}

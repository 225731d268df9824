import { describe, expect, it } from 'vitest';
import { formatNpy, parseNpy } from '../../../../src/ml/onnx/npy.js';
import { UserError } from '../../../../src/errors.js';

/** A version 1.0 file written by hand, as numpy.save writes one. */
function handNpy(header: string, data: Uint8Array): Uint8Array {
  const h = new TextEncoder().encode(header);
  const out = new Uint8Array(10 + h.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, h.length & 0xff, h.length >> 8]);
  out.set(h, 10);
  out.set(data, 10 + h.length);
  return out;
}

describe('.npy files', () => {
  it('reads a hand-written float32 file in C order', () => {
    const data = new Uint8Array(Float32Array.from([1.5, -2, 0, 3]).buffer);
    const a = parseNpy(handNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), }\n", data));
    expect(a.dtype).toBe('float32');
    expect(a.shape).toEqual([2, 2]);
    expect(Array.from(a.data)).toEqual([1.5, -2, 0, 3]);
  });

  it('writes what it reads (uint8, one axis), with the data aligned to 64 bytes', () => {
    const bytes = formatNpy({ dtype: 'uint8', shape: [3], data: Uint8Array.from([0, 7, 255]) });
    expect((bytes.length - 3) % 64).toBe(0);
    const a = parseNpy(bytes);
    expect(a).toEqual({ dtype: 'uint8', shape: [3], data: Uint8Array.from([0, 7, 255]) });
  });

  it('refuses other element types, Fortran order and a wrong length', () => {
    const four = new Uint8Array(8);
    expect(() => parseNpy(handNpy("{'descr': '<f8', 'fortran_order': False, 'shape': (1,), }\n", four))).toThrow(/'<f8' is not supported/);
    expect(() => parseNpy(handNpy("{'descr': '<f4', 'fortran_order': True, 'shape': (2,), }\n", four))).toThrow(/Fortran/);
    expect(() => parseNpy(handNpy("{'descr': '<f4', 'fortran_order': False, 'shape': (3,), }\n", four))).toThrow(UserError);
    expect(() => parseNpy(new Uint8Array([1, 2, 3]))).toThrow(/does not start with/);
  });
});

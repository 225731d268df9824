import type { Trace } from './layer.js';
import { resolveTrace } from './trace-resolve.js';
import { importOnnx } from './onnx/import-onnx.js';
import { readJsonFile } from '../util/json-validate.js';

export { resolveTrace };

/**
 * Read a trace file, validate it against the trace schema, then check its cross-layer consistency.
 * Every problem is a UserError naming the file and the JSON path. An ONNX model (`.onnx`) is imported
 * (onnx/import-onnx.ts) wherever a trace is accepted.
 */
export function loadTrace(file: string): Trace {
  if (file.toLowerCase().endsWith('.onnx')) return importOnnx(file).trace;
  return resolveTrace(readJsonFile(file, 'trace'), file);
}

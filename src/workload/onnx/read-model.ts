import { readFileSync } from 'node:fs';
import { UserError } from '../../errors.js';
import { int, onnx, type ModelProto } from './proto.js';

/**
 * Reading an ONNX file into its ModelProto: the file, the protobuf decoding (onnx-proto), and the operator set.
 * ONNX files carry no magic number; other formats users mistake for one are recognised by their first bytes.
 */

/** The default-domain opsets the importer's shape rules follow (onnx/docs/Changelog.md, opsets 9 to 21). */
export const OPSET_MIN = 9;
export const OPSET_MAX = 21;

export interface OnnxModel {
  model: ModelProto;
  /** Version of the default operator set ("" or "ai.onnx"). */
  opset: number;
}

const EXPORT_HINT = 'export the network with torch.onnx.export(model, example_input, "model.onnx") (or tf2onnx) and import that file';

/** Formats that are not ONNX, by their first bytes. */
const NOT_ONNX: { test: (b: Buffer) => boolean; what: string }[] = [
  { test: (b) => b[0] === 0x50 && b[1] === 0x4b, what: 'a zip archive (a PyTorch .pt/.pth checkpoint or a Keras .keras file?)' },
  { test: (b) => b[0] === 0x89 && b.subarray(1, 4).toString('latin1') === 'HDF', what: 'an HDF5 file (a Keras .h5 model?)' },
  { test: (b) => b[0] === 0x80 && (b[1] ?? 0) <= 5, what: 'a Python pickle (a PyTorch checkpoint?)' },
  { test: (b) => /^\s*[[{]/.test(b.subarray(0, 16).toString('latin1')), what: 'a JSON file (a maxnvm trace is passed as is, not imported)' },
];

export function readOnnxModel(file: string): OnnxModel {
  const bytes = readBytes(file);
  const other = NOT_ONNX.find((f) => f.test(bytes));
  if (other !== undefined) {
    throw new UserError(`${file} is not an ONNX model: its first bytes are those of ${other.what}`, {
      file,
      expected: 'an ONNX ModelProto (protobuf)',
      suggestion: EXPORT_HINT,
    });
  }
  let model: ModelProto;
  try {
    model = onnx.ModelProto.decode(bytes);
  } catch (e) {
    const why = (e as Error).message;
    const truncated = /index out of range/.test(why);
    throw new UserError(`${file} is not ${truncated ? 'a complete' : 'an'} ONNX model: protobuf decoding failed (${why}) in a file of ${bytes.length.toLocaleString('en-US')} bytes`, {
      file,
      expected: 'an ONNX ModelProto (protobuf), whole',
      suggestion: truncated ? 'the file ends inside a field: it is truncated (an interrupted download or copy?); export or download it again' : EXPORT_HINT,
    });
  }
  const graph = model.graph;
  if (graph === null || graph === undefined || (graph.node ?? []).length === 0 || int(model.irVersion) <= 0) {
    throw new UserError(`${file} is not an ONNX model: it decodes as protobuf but has ${graph ? 'no nodes' : 'no graph'}${int(model.irVersion) <= 0 ? ' and no IR version' : ''}`, {
      file,
      expected: 'an ONNX ModelProto with an ir_version and a graph of nodes',
      suggestion: EXPORT_HINT,
    });
  }
  return { model, opset: defaultOpset(model, file) };
}

function readBytes(file: string): Buffer {
  try {
    return readFileSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why: Record<string, string> = { ENOENT: 'no such file', EISDIR: 'it is a folder, not a file', EACCES: 'permission denied' };
    throw new UserError(`cannot read ONNX file ${JSON.stringify(file)}: ${why[code ?? ''] ?? code ?? 'unknown error'}`, {
      file,
      expected: 'a readable .onnx file',
      suggestion: code === 'ENOENT' ? 'check the path' : undefined,
    });
  }
}

function defaultOpset(model: ModelProto, file: string): number {
  const entry = (model.opsetImport ?? []).find((o) => (o.domain ?? '') === '' || o.domain === 'ai.onnx');
  const version = int(entry?.version);
  if (entry === undefined || version < OPSET_MIN || version > OPSET_MAX) {
    throw new UserError(entry === undefined ? `${file} imports no default ONNX operator set` : `${file} uses ONNX opset ${version}`, {
      file,
      jsonPath: 'opset_import',
      expected: `default-domain opset ${OPSET_MIN} to ${OPSET_MAX}`,
      suggestion: `export with torch.onnx.export(..., opset_version=17), or convert with onnx.version_converter.convert_version(model, 17)`,
    });
  }
  return version;
}

import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';
import { importOnnx } from '../../workload/onnx/import-onnx.js';
import { traceOutOption, writeTrace } from './import-output.js';
import type { CliIo } from '../io.js';

interface Args {
  file: string;
  out?: string;
  'input-shape'?: string;
  name?: string;
}

/** --input-shape 1,3,224,224: whole positive dims. */
function parseInputShape(raw: string | undefined): number[] | undefined {
  if (raw === undefined) return undefined;
  const dims = String(raw).split(',').map((s) => Number(s.trim()));
  if (dims.length === 0 || dims.some((d) => !Number.isInteger(d) || d < 1)) {
    throw new UserError(`--input-shape: "${String(raw)}" is not a list of whole dims`, {
      jsonPath: '--input-shape',
      expected: 'comma-separated positive integers, batch first',
      suggestion: 'e.g. --input-shape 1,3,224,224',
    });
  }
  return dims;
}

/** `maxnvm import onnx MODEL.onnx`: an ONNX model → a trace. */
export const importOnnxCommand = (io: CliIo): CommandModule<object, Args> => ({
  command: 'onnx <file>',
  describe: 'ONNX model (torch.onnx.export, tf2onnx) → trace: layer shapes, weight density and clusters',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'the .onnx file' })
      .option('out', traceOutOption)
      .option('input-shape', { type: 'string', describe: 'dims of the network input, e.g. 1,3,224,224 (for dynamic axes)' })
      .option('name', { type: 'string', describe: 'trace name (default: the graph name)' }) as never,
  handler: (args) => {
    const r = importOnnx(args.file, { inputShape: parseInputShape(args['input-shape']), name: args.name });
    const absorbed = [...r.absorbed].map(([op, n]) => `${n} ${op}`).join(', ');
    writeTrace(io, r.trace, args.out, [
      `${r.nodes} ONNX nodes at opset ${r.opset}`,
      ...(absorbed !== '' ? [`absorbed into the layer before them (activations and SDP lookup-table functions, folded BN, bias/scale, shape-only ops, channel views): ${absorbed}`] : []),
    ]);
  },
});

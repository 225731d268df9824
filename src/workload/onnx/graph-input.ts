import { UserError } from '../../errors.js';
import { int, type GraphProto } from './proto.js';
import { traceShape } from './tensor-shape.js';

/**
 * The network input: the one graph input that is not an initializer (before IR version 4, initializers are
 * listed as inputs too), with its dims from the file or from --input-shape where the file leaves them symbolic.
 */
export function networkInput(graph: GraphProto, inputShape: readonly number[] | undefined, file: string): { name: string; dims: number[] } {
  const init = new Set((graph.initializer ?? []).map((t) => t.name ?? ''));
  const inputs = (graph.input ?? []).filter((v) => !init.has(v.name ?? ''));
  const input = inputs[0];
  if (input === undefined || inputs.length > 1) {
    throw new UserError(`the graph has ${inputs.length} inputs${inputs.length > 1 ? `: ${inputs.map((v) => `"${v.name ?? ''}"`).join(', ')}` : ''}`, {
      file,
      jsonPath: 'graph.input',
      expected: 'one input tensor (a trace has one network input)',
      suggestion: 'export a single-input model (e.g. the image input of a classifier)',
    });
  }
  const name = input.name ?? '';
  const fileDims = (input.type?.tensorType?.shape?.dim ?? []).map((d) => (d.dimValue !== null && d.dimValue !== undefined && int(d.dimValue) > 0 ? int(d.dimValue) : (d.dimParam || '?')));
  const dims = inputShape !== undefined ? [...inputShape] : fileDims;
  if (inputShape !== undefined && fileDims.length > 0 && inputShape.length !== fileDims.length) {
    throw new UserError(`--input-shape has ${inputShape.length} dims, input "${name}" has ${fileDims.length} ([${fileDims.join(', ')}])`, {
      file,
      jsonPath: '--input-shape',
      expected: `${fileDims.length} comma-separated dims`,
      suggestion: `e.g. --input-shape ${fileDims.map((d) => (typeof d === 'number' ? d : 1)).join(',')}`,
    });
  }
  const dynamic = dims.findIndex((d) => typeof d !== 'number');
  if (dynamic >= 0 || dims.length === 0) {
    throw new UserError(`input "${name}" has dynamic shape [${fileDims.join(', ')}]${dynamic >= 0 ? `: dim ${dynamic} is "${String(dims[dynamic])}"` : ''}`, {
      file,
      jsonPath: `graph.input["${name}"]`,
      expected: 'a fixed shape, from the file or from --input-shape',
      suggestion: `import with --input-shape, e.g. maxnvm import onnx ${file} --input-shape 1,3,224,224 --out model.json`,
    });
  }
  const fixed = dims as number[];
  if (traceShape(fixed) === undefined) {
    throw new UserError(`input "${name}" has shape [${fixed.join(', ')}]`, {
      file,
      jsonPath: `graph.input["${name}"]`,
      expected: 'N×C×H×W, N×M×K or M×K with batch N = 1 (a trace is one inference)',
      suggestion: 'export with batch size 1, or give --input-shape 1,C,H,W',
    });
  }
  return { name, dims: fixed };
}

import { basename } from 'node:path';
import { UserError } from '../../errors.js';
import type { Trace } from '../layer.js';
import { resolveTrace } from '../trace-resolve.js';
import { foldConstant } from './constant-fold.js';
import { networkInput } from './graph-input.js';
import { nodeLabel, topologicalOrder } from './graph-order.js';
import { GraphState, NodeContext } from './node-context.js';
import { int, type GraphProto } from './proto.js';
import { OPSET_MAX, OPSET_MIN, readOnnxModel } from './read-model.js';
import { OPERATORS, SUPPORTED_OPERATORS } from './supported-ops.js';
import { traceShape } from './tensor-shape.js';
import { layerWeights, weightStats } from './weight-stats.js';

/**
 * An ONNX model as a maxnvm trace: read (read-model.ts), nodes in dependency order (graph-order.ts), each node
 * through its operator's rule (supported-ops.ts) into trace layers or into the layer before it, weight statistics
 * from the initializers (weight-stats.ts), then the trace checked as any trace file is (trace-resolve.ts).
 */

const GENERIC_GRAPH_NAMES = new Set(['torch_jit', 'torch-jit-export', 'main_graph']);

export interface OnnxImportOptions {
  /** Dims of the network input, for models exported with dynamic axes. */
  inputShape?: readonly number[];
  /** Trace name (default: the graph's name, else the file's). */
  name?: string;
}

export interface OnnxImport {
  trace: Trace;
  opset: number;
  nodes: number;
  /** Nodes that became part of another layer (fused activations, folded BN, shape-only ops), by op type. */
  absorbed: ReadonlyMap<string, number>;
}

export function importOnnx(file: string, options: OnnxImportOptions = {}): OnnxImport {
  const { model, opset } = readOnnxModel(file);
  const graph = model.graph as GraphProto;
  const nodes = graph.node ?? [];
  const input = networkInput(graph, options.inputShape, file);
  const initializers = graph.initializer ?? [];
  const order = topologicalOrder(nodes, new Set([input.name, ...initializers.map((t) => t.name ?? '')]), file);

  const readers = new Map<string, number>();
  for (const name of [...nodes.flatMap((n) => n.input ?? []), ...(graph.output ?? []).map((o) => o.name ?? '')]) {
    readers.set(name, (readers.get(name) ?? 0) + 1);
  }
  const g = new GraphState(file, opset, readers);
  for (const t of initializers) g.values.set(t.name ?? '', { dims: (t.dims ?? []).map(int), constant: t });
  g.values.set(input.name, { dims: input.dims, producer: 'input', shape: traceShape(input.dims), direct: false });

  for (const i of order) {
    const node = nodes[i] ?? {};
    const domain = node.domain ?? '';
    const ctx = new NodeContext(g, node, i);
    if ((domain === '' || domain === 'ai.onnx') && foldConstant(ctx)) continue;
    const rule = domain === '' || domain === 'ai.onnx' ? OPERATORS[node.opType ?? ''] : undefined;
    if (rule === undefined) {
      throw new UserError(`node ${nodeLabel(node, i)} is not supported: operator ${domain === '' ? '' : `${domain}.`}${node.opType ?? '?'} at opset ${opset}`, {
        file,
        jsonPath: `graph.node[${i}]`,
        expected: `one of the supported operators (default domain, opsets ${OPSET_MIN}–${OPSET_MAX}): ${SUPPORTED_OPERATORS.join(', ')}`,
        suggestion: 'export without it (e.g. torch.onnx.export with do_constant_folding=True folds shape computations), or replace it in the model',
      });
    }
    rule(ctx);
  }
  if (g.layers.length === 0) {
    throw new UserError('the model has no layer NVDLA runs', { file, expected: 'at least one Conv, Gemm, MatMul, pooling, Add, Concat, LRN or Softmax', suggestion: 'check that the file is the network, not a preprocessing graph' });
  }
  for (const layer of g.layers) {
    const source = g.weights.get(layer.name);
    if (source === undefined) continue;
    const w = layerWeights(weightStats(source.data, source.fold));
    if (w === undefined) {
      throw new UserError(`layer "${layer.name}" has only zero weights (initializer "${source.data.name}")`, {
        file,
        expected: 'at least one non-zero weight per layer (a trace\'s density is > 0)',
        suggestion: 'remove the layer from the model, or export its trained weights',
      });
    }
    layer.weights = w;
  }
  // torch.onnx.export names every graph alike ("torch_jit", "main_graph"): the file's name says more.
  const graphName = GENERIC_GRAPH_NAMES.has(graph.name ?? '') ? '' : (graph.name ?? '');
  const name = options.name ?? (graphName || basename(file).replace(/\.onnx$/i, ''));
  const producer = [model.producerName, model.producerVersion].filter((s) => s).join(' ');
  const trace: Trace = {
    name,
    description: `${name}, imported from the ONNX model ${basename(file)} (opset ${opset}${producer ? `, written by ${producer}` : ''}), input [${input.dims.join(', ')}]`,
    source: `ONNX model ${basename(file)}: layer shapes by maxnvm's shape inference, weight density and clusters from its initializers`,
    activationBits: 8,
    layers: g.layers,
  };
  return { trace: resolveTrace(trace, file), opset, nodes: nodes.length, absorbed: g.absorbed };
}

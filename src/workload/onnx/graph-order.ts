import { UserError } from '../../errors.js';
import type { NodeProto } from './proto.js';

/**
 * The nodes of a graph in an order where every node follows the producers of its inputs (ONNX requires
 * graphs to be sorted; exporters do it, but a hand-edited file may not be). Depth-first, visiting nodes in file
 * order, so a sorted graph keeps its order. A cycle or a value nobody produces is an error naming the nodes.
 */

export const nodeLabel = (n: NodeProto, i: number): string => `"${n.name || `#${i}`}" (${n.opType ?? '?'})`;

export function topologicalOrder(nodes: readonly NodeProto[], available: ReadonlySet<string>, file: string): number[] {
  const producer = new Map<string, number>();
  nodes.forEach((n, i) => {
    for (const out of n.output ?? []) {
      if (out === '') continue;
      const other = producer.get(out);
      if (other !== undefined || available.has(out)) {
        throw new UserError(`value "${out}" is produced twice: by node ${nodeLabel(n, i)} and ${other !== undefined ? `node ${nodeLabel(nodes[other] ?? {}, other)}` : 'a graph input or initializer'}`, {
          file,
          jsonPath: `graph.node[${i}].output`,
          expected: 'every value produced once (ONNX graphs are in single static assignment form)',
          suggestion: 'the file is not a valid ONNX graph; check it with onnx.checker.check_model',
        });
      }
      producer.set(out, i);
    }
  });
  const state = new Uint8Array(nodes.length); // 0 new, 1 on the path, 2 done
  const order: number[] = [];
  const deps = (i: number): number[] =>
    (nodes[i]?.input ?? []).flatMap((name) => {
      if (name === '' || available.has(name)) return [];
      const p = producer.get(name);
      if (p === undefined) undefinedValue(nodes, i, name, file);
      return [p];
    });
  for (let root = 0; root < nodes.length; root++) {
    if (state[root] !== 0) continue;
    const stack: { node: number; next: number[] }[] = [{ node: root, next: deps(root) }];
    state[root] = 1;
    while (stack.length > 0) {
      const top = stack[stack.length - 1] as { node: number; next: number[] };
      const d = top.next.shift();
      if (d === undefined) {
        state[top.node] = 2;
        order.push(top.node);
        stack.pop();
      } else if (state[d] === 1) {
        cycle(nodes, stack.map((s) => s.node), d, file);
      } else if (state[d] === 0) {
        state[d] = 1;
        stack.push({ node: d, next: deps(d) });
      }
    }
  }
  return order;
}

function undefinedValue(nodes: readonly NodeProto[], i: number, name: string, file: string): never {
  throw new UserError(`node ${nodeLabel(nodes[i] ?? {}, i)} reads "${name}", which no node, initializer or graph input produces`, {
    file,
    jsonPath: `graph.node[${i}].input`,
    expected: 'inputs that are graph inputs, initializers or outputs of other nodes',
    suggestion: 'the file is not a valid ONNX graph; check it with onnx.checker.check_model',
  });
}

function cycle(nodes: readonly NodeProto[], path: number[], back: number, file: string): never {
  const loop = path.slice(path.indexOf(back));
  // The path runs from consumers to producers; a cycle reads best in data-flow order.
  const names = [...loop, back].reverse().map((i) => nodeLabel(nodes[i] ?? {}, i));
  throw new UserError(`the graph has a cycle: ${names.join(' → ')}`, {
    file,
    jsonPath: `graph.node[${back}]`,
    expected: 'an acyclic graph (ONNX has no loops outside Loop/Scan operators)',
    suggestion: 'the file is not a valid ONNX graph; check it with onnx.checker.check_model',
  });
}

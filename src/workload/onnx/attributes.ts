import { int, type NodeProto } from './proto.js';

/** Attribute getters of a node, with onnx.proto defaults when absent. */

function attr(node: NodeProto, name: string) {
  return (node.attribute ?? []).find((a) => a.name === name);
}

export function hasAttr(node: NodeProto, name: string): boolean {
  return attr(node, name) !== undefined;
}

export function attrInt(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a === undefined ? fallback : int(a.i);
}

export function attrFloat(node: NodeProto, name: string, fallback: number): number {
  const a = attr(node, name);
  return a === undefined ? fallback : (a.f ?? fallback);
}

export function attrInts(node: NodeProto, name: string): number[] | undefined {
  const a = attr(node, name);
  return a === undefined ? undefined : (a.ints ?? []).map(int);
}

export function attrString(node: NodeProto, name: string, fallback: string): string {
  const a = attr(node, name);
  return a?.s === undefined || a.s === null || a.s.length === 0 ? fallback : Buffer.from(a.s).toString('utf8');
}

export function attrTensor(node: NodeProto, name: string) {
  return attr(node, name)?.t ?? undefined;
}

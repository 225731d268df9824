import { UserError } from '../../errors.js';
import type { ChannelSlice, Layer, Pads } from '../layer.js';
import { nodeLabel } from './graph-order.js';
import type { NodeProto, TensorProto } from './proto.js';
import { tensorData, type TensorData } from './tensor-data.js';
import { sameShape, shapeText, traceShape, type Shape } from './tensor-shape.js';
import type { ChannelScale } from './weight-stats.js';

/**
 * What the operator rules (ops-*.ts) see while the graph becomes trace layers: the values flowing between
 * nodes, the layers emitted so far, and one node's inputs, outputs and errors.
 */

/** A value of the graph: an activation (the output of a trace layer, maybe reshaped) or a constant. */
export interface Value {
  dims: number[];
  /** Trace layer whose output this is ("input": the network input); absent for constants. */
  producer?: string;
  /** That layer's output shape, as the trace records it. */
  shape?: Shape;
  /** The producer's own output, no shape-only operator in between (what BN folding needs). */
  direct?: boolean;
  /** A Transpose reordered its elements: only products (Gemm, MatMul) and element-wise operations may read it. */
  moved?: boolean;
  /**
   * N×H×W×C dims of a producer's N×C×H×W output after Transpose [0, 2, 3, 1] (ConvNeXt's permute): the same
   * surface (NVDLA keeps channels innermost), read per pixel by LayerNormalization and MatMul until permuted back.
   */
  channelsLast?: boolean;
  /**
   * Axes of `dims` that factor the channels, outermost first: a Reshape split them (attention's packed projection
   * as [..., tokens, 3, heads, head size], timm's and Swin's layout), Transposes carried them; a Gather or Split along
   * the outermost one is a channel view (q, k, v). Absent otherwise.
   */
  channelAxes?: number[];
  /** Channels [offset, offset + count) of the producer's `of` channels (Split, Slice, Gather): a view, no copy. */
  view?: ChannelView;
  /**
   * A per-row statistic over channels (mean or variance) of a layer normalization exported before opset 17 as
   * ReduceMean, Sub, Pow, Sqrt, Div (layer-norm-decomposed.ts): the producer it was taken from.
   */
  statisticOf?: string;
  /** The output, or a step towards it, of such a decomposed layer normalization (its host layer is the producer). */
  inNorm?: boolean;
  /** Rows or columns picked from a channels-last image (ops-channels.ts spatialSlice): only a Concat may read it. */
  spatial?: { source: Value; picks: { axis: number; from: number; to: number; step: number }[] };
  /** Padding a Pad node added, for the next Conv or pooling to apply. */
  pads?: Pads;
  constant?: TensorProto;
}

export interface ChannelView {
  offset: number;
  count: number;
  of: number;
}

/** The initializer a conv or fc layer's weights come from, and a folded BN's per-channel scale. */
export interface WeightSource {
  data: TensorData;
  /** Output channels, and where element i's channel is (weight-stats.ts ChannelScale). */
  channels: number;
  stride: number;
  fold?: ChannelScale;
}

/** The graph-wide state: values by name, layers in order, weight sources by layer, absorbed nodes by op type. */
export class GraphState {
  readonly values = new Map<string, Value>();
  readonly layers: Layer[] = [];
  readonly weights = new Map<string, WeightSource>();
  readonly absorbed = new Map<string, number>();
  readonly names = new Set<string>(['input']);

  constructor(
    readonly file: string,
    readonly opset: number,
    /** How many node inputs read each value. */
    readonly readers: ReadonlyMap<string, number>,
  ) {}

  /** A unique layer name for a node: its own name, else op type and position. */
  layerName(node: NodeProto, index: number): string {
    const base = node.name || `${node.opType ?? 'node'}_${index}`;
    let name = base;
    for (let k = 2; this.names.has(name); k++) name = `${base}_${k}`;
    this.names.add(name);
    return name;
  }
}

export class NodeContext {
  /** The activations this node read, in order: emit() finds the channel views among them. */
  private readonly read: Value[] = [];

  constructor(
    readonly g: GraphState,
    readonly node: NodeProto,
    readonly index: number,
  ) {}

  get opset(): number {
    return this.g.opset;
  }

  get label(): string {
    return nodeLabel(this.node, this.index);
  }

  fail(message: string, expected: string, suggestion: string): never {
    throw new UserError(`node ${this.label}: ${message}`, { file: this.g.file, jsonPath: `graph.node[${this.index}]`, expected, suggestion });
  }

  inputName(i: number): string {
    return this.node.input?.[i] ?? '';
  }

  /** Input i, if the node has it (optional inputs may be absent or named ""). */
  optional(i: number): Value | undefined {
    const name = this.inputName(i);
    return name === '' ? undefined : this.g.values.get(name);
  }

  /** Input i as an activation; pending Pad padding only where `padded` (Conv, pooling) accepts it. */
  activation(i: number, padded = false): Value {
    const v = this.optional(i);
    if (v === undefined || v.producer === undefined) {
      const what = v === undefined ? 'is missing' : 'is a constant';
      this.fail(`input ${i} ("${this.inputName(i)}") ${what}`, 'an activation (the output of a node or the graph input)', 'export the model with its weights as initializers and activations as inputs');
    }
    if (v.spatial !== undefined && this.node.opType !== 'Concat' && this.node.opType !== 'Slice') {
      this.fail(`reads rows or columns sliced from layer "${v.producer ?? '?'}"'s image`, 'such slices only joined again by a Concat (a cyclic shift, or patch merging)', 'a selection of rows or columns is a copy NVDLA cannot express in a trace');
    }
    if (v.pads !== undefined && !padded) {
      this.fail(`reads the output of a Pad node`, 'a Pad only before a Conv, MaxPool or AveragePool, whose padding it becomes', 'export the padding as the Conv or pooling pads attribute');
    }
    this.read.push(v);
    return v;
  }

  /** Input i as a constant (initializer or Constant node), or undefined when absent. */
  constant(i: number, what: string): TensorProto | undefined {
    const v = this.optional(i);
    if (v === undefined) return undefined;
    if (v.constant === undefined) {
      this.fail(`its ${what} (input ${i}, "${this.inputName(i)}") is computed at run time`, `${what} as an initializer or Constant`, 'export with torch.onnx.export(..., do_constant_folding=True)');
    }
    return v.constant;
  }

  /** Input i's tensor data (a weight initializer), required. */
  weights(i: number, what: string): TensorData {
    const t = this.constant(i, what);
    if (t === undefined) this.fail(`has no ${what} (input ${i})`, `${what} as input ${i}`, 'check the export');
    return tensorData(t, this.g.file);
  }

  /** The shape an activation's producer recorded (its channel range for a view): what element-wise and host operations read, whatever the dims. */
  recorded(v: Value): Shape {
    const s = v.shape as Shape;
    return v.view === undefined ? s : { ...s, channels: v.view.count };
  }

  /** The trace shape of an activation read whole: it must be its producer's output as recorded. */
  shapeOf(v: Value, i: number): Shape {
    const want = traceShape(v.dims);
    if (want === undefined) {
      this.fail(`input ${i} has dims [${v.dims.join(', ')}]`, 'a tensor N×C×H×W, N×M×K or M×K with batch N = 1', 'export with batch size 1');
    }
    if (v.moved === true || (v.shape !== undefined && !sameShape(want, this.recorded(v)))) this.layoutChange(v, i, want);
    return want;
  }

  layoutChange(v: Value, i: number, want: Shape): never {
    return this.fail(
      `input ${i} is layer "${v.producer ?? '?'}"'s ${shapeText(v.shape ?? want)} output read as ${shapeText(want)} (dims [${v.dims.join(', ')}]) after a Reshape or Transpose`,
      'Reshape, Flatten and Transpose only where they do not move data: before a Gemm/MatMul or between products of two activations',
      'a layout change is a copy NVDLA cannot express in a trace; restructure the model around it',
    );
  }

  /** Emit a trace layer for this node and set output 0 to its output, of ONNX dims `dims`. */
  emit(layer: Omit<Layer, 'name'>, dims: number[], weights?: Omit<WeightSource, 'fold'>): Value {
    const name = this.g.layerName(this.node, this.index);
    const slices = this.slicesOf(layer.inputs);
    this.g.layers.push({ name, ...layer, ...(slices.length > 0 ? { slices } : {}) } as Layer);
    if (weights !== undefined) this.g.weights.set(name, weights);
    // A per-pixel layer on a channels-last tensor (LayerNorm, Linear) writes channels-last dims too.
    const last = this.read[0]?.channelsLast === true && dims.length === 4;
    const v: Value = { dims, producer: name, shape: { height: layer.outputHeight, width: layer.outputWidth, channels: layer.outputChannels }, direct: true, ...(last ? { channelsLast: true } : {}) };
    this.output(v);
    return v;
  }

  /** The channel ranges of the layer's inputs that are views: each input matched to the first unmatched value read from its producer. */
  private slicesOf(inputs: readonly string[]): ChannelSlice[] {
    const unmatched = [...this.read];
    return inputs.flatMap((producer, j) => {
      const k = unmatched.findIndex((v) => (v.producer ?? 'input') === producer);
      const v = k < 0 ? undefined : unmatched.splice(k, 1)[0];
      return v?.view === undefined ? [] : [{ input: j, channelOffset: v.view.offset, channels: v.view.count }];
    });
  }

  /** Set output i's value. */
  output(v: Value, i = 0): void {
    const name = this.node.output?.[i] ?? '';
    if (name !== '') this.g.values.set(name, v);
  }

  /** This node is absorbed into its producer (an activation fused into the output stage, a shape-only op, ...). */
  absorb(): void {
    const op = this.node.opType ?? '?';
    this.g.absorbed.set(op, (this.g.absorbed.get(op) ?? 0) + 1);
  }
}

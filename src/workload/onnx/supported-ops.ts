import type { NodeContext } from './node-context.js';
import { batchNormOp } from './bn-fold.js';
import { gatherOp, sliceOp, splitOp, squeezeOp } from './ops-channels.js';
import { addOp, concatOp, divOp, fusedActivationOp, layerNormOp, mulOp, softmaxOp, subOp } from './ops-elementwise.js';
import { einsumOp, gemmOp, matMulOp } from './ops-matrix.js';
import { constantOp, flattenOp, identityOp, reshapeOp, transposeOp } from './ops-shape.js';
import { averagePoolOp, convOp, globalAveragePoolOp, globalMaxPoolOp, lrnOp, maxPoolOp, padOp, reduceMeanOp } from './ops-window.js';

/** The default-domain ONNX operators the importer reads, each with its rule. Anything else is refused by name. */
export const OPERATORS: Readonly<Record<string, (ctx: NodeContext) => void>> = {
  Conv: convOp,
  Gemm: gemmOp,
  MatMul: matMulOp,
  Einsum: einsumOp,
  MaxPool: maxPoolOp,
  AveragePool: averagePoolOp,
  GlobalAveragePool: globalAveragePoolOp,
  GlobalMaxPool: globalMaxPoolOp,
  ReduceMean: reduceMeanOp,
  Add: addOp,
  Sub: subOp,
  Mul: mulOp,
  Div: divOp,
  Concat: concatOp,
  Relu: fusedActivationOp,
  Clip: fusedActivationOp,
  LeakyRelu: fusedActivationOp,
  Sigmoid: fusedActivationOp,
  HardSigmoid: fusedActivationOp,
  HardSwish: fusedActivationOp,
  Erf: fusedActivationOp,
  Tanh: fusedActivationOp,
  Sqrt: fusedActivationOp,
  Pow: fusedActivationOp,
  BatchNormalization: batchNormOp,
  Flatten: flattenOp,
  Reshape: reshapeOp,
  Transpose: transposeOp,
  Gather: gatherOp,
  Slice: sliceOp,
  Split: splitOp,
  Squeeze: squeezeOp,
  Unsqueeze: squeezeOp,
  Softmax: softmaxOp,
  LayerNormalization: layerNormOp,
  LRN: lrnOp,
  Pad: padOp,
  Dropout: identityOp,
  Identity: identityOp,
  Constant: constantOp,
};

export const SUPPORTED_OPERATORS: readonly string[] = Object.keys(OPERATORS);

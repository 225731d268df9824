import type { NodeContext } from './node-context.js';
import { batchNormOp } from './bn-fold.js';
import { addOp, concatOp, fusedActivationOp, mulOp, softmaxOp } from './ops-elementwise.js';
import { gemmOp, matMulOp } from './ops-matrix.js';
import { constantOp, flattenOp, identityOp, reshapeOp, transposeOp } from './ops-shape.js';
import { averagePoolOp, convOp, globalAveragePoolOp, lrnOp, maxPoolOp, padOp } from './ops-window.js';

/** The default-domain ONNX operators the importer reads, each with its rule. Anything else is refused by name. */
export const OPERATORS: Readonly<Record<string, (ctx: NodeContext) => void>> = {
  Conv: convOp,
  Gemm: gemmOp,
  MatMul: matMulOp,
  MaxPool: maxPoolOp,
  AveragePool: averagePoolOp,
  GlobalAveragePool: globalAveragePoolOp,
  Add: addOp,
  Mul: mulOp,
  Concat: concatOp,
  Relu: fusedActivationOp,
  Clip: fusedActivationOp,
  LeakyRelu: fusedActivationOp,
  Sigmoid: fusedActivationOp,
  BatchNormalization: batchNormOp,
  Flatten: flattenOp,
  Reshape: reshapeOp,
  Transpose: transposeOp,
  Softmax: softmaxOp,
  LRN: lrnOp,
  Pad: padOp,
  Dropout: identityOp,
  Identity: identityOp,
  Constant: constantOp,
};

export const SUPPORTED_OPERATORS: readonly string[] = Object.keys(OPERATORS);

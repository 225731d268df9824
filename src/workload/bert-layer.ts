import type { Layer, Trace } from './layer.js';
import { eltwiseAddLayer, type Tensor } from './layer-builders.js';
import { hostLayer, matmulLayer, push, rowFcLayer, int8Trace } from './kind-builders.js';

/**
 * One encoder layer of BERT-base (Devlin et al. 2019: hidden 768, 12 heads of 64, feed-forward 3,072) over a
 * sequence of 128 tokens, as a 128×1 "image" of 768 channels: the Q, K, V and output projections and the two
 * feed-forward layers are fc layers applied per token (dense int8 weights); the attention scores Q·Kᵀ and the
 * context A·V are products of two activations (matmul, 12 heads, no stored weights); softmax and both layer
 * normalizations run on the host CPU (NVDLA has neither). GELU is a lookup in SDP after the first feed-forward
 * layer and is not a layer of its own.
 */
export const BERT_BASE = { tokens: 128, hidden: 768, heads: 12, ffn: 3072 } as const;

export function buildBertBaseLayer(): Trace {
  const { tokens, hidden, heads, ffn } = BERT_BASE;
  const layers: Layer[] = [];
  const x: Tensor = { name: 'input', height: tokens, width: 1, channels: hidden };
  const q = push(layers, rowFcLayer('query', x, hidden));
  const k = push(layers, rowFcLayer('key', x, hidden));
  const v = push(layers, rowFcLayer('value', x, hidden));
  const scores = push(layers, matmulLayer('scores', q, k, heads, tokens));
  const probs = push(layers, hostLayer('softmax', scores, 'softmax'));
  const context = push(layers, matmulLayer('context', probs, v, heads, hidden / heads));
  const attn = push(layers, rowFcLayer('attention_output', context, hidden));
  const res1 = push(layers, eltwiseAddLayer('attention_add', [x, attn]));
  const ln1 = push(layers, hostLayer('attention_layernorm', res1, 'layernorm'));
  const ff1 = push(layers, rowFcLayer('intermediate', ln1, ffn));
  const ff2 = push(layers, rowFcLayer('output', ff1, hidden));
  const res2 = push(layers, eltwiseAddLayer('output_add', [ln1, ff2]));
  push(layers, hostLayer('output_layernorm', res2, 'layernorm'));
  return int8Trace(
    'bert-base-layer-s128',
    'One BERT-base encoder layer at sequence length 128: int8 dense weights and activations; attention products of two activations; softmax and layer norm on the host',
    'Devlin et al., NAACL 2019 (BERT-base: L=12, H=768, A=12, feed-forward 4H); Vaswani et al. 2017 (encoder layer)',
    layers,
  );
}

import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { resolveTrace } from '../../../src/workload/load-trace.js';
import { MAX_LAYERS, MAX_LAYER_WEIGHTS } from '../../../src/workload/trace-limits.js';

const conv = (name: string, input: string, c: number, k: number) => ({
  name, op: 'conv', inputs: [input], inputHeight: 1, inputWidth: 1, inputChannels: c, outputChannels: k,
  kernelHeight: 1, kernelWidth: 1, stride: 1, padding: 0, groups: 1, outputHeight: 1, outputWidth: 1, weights: { density: 1, valueBits: 8 },
});
const trace = (layers: unknown[]) => ({ name: 't', description: 'd', source: 's', activationBits: 8, layers });
function refusal(data: unknown): UserError {
  try {
    resolveTrace(data, 't.json');
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('accepted');
}

describe('trace limits, checked before any simulation', () => {
  test('one layer more than the bound is refused at /layers, before the schema walks them', () => {
    const chain = Array.from({ length: MAX_LAYERS + 1 }, (_, i) => conv(`l${i}`, i === 0 ? 'input' : `l${i - 1}`, 4, 4));
    const e = refusal(trace(chain));
    expect(e.message).toBe('trace has 10,001 layers, more than 10,000');
    expect(e.details.jsonPath).toBe('/layers');
  });

  test('1e9 channels: the schema bound names the key', () => {
    expect(refusal(trace([conv('a', 'input', 1e9, 1e9)])).details.jsonPath).toBe('/layers/0/inputChannels');
  });

  test('a 1x1 conv of 65,536 -> 65,536 channels (2^32 weights) is refused by the weight bound', () => {
    const e = refusal(trace([conv('a', 'input', 65536, 65536)]));
    expect(e.message).toContain(`4,294,967,296 weights`);
    expect(e.details.expected).toContain(MAX_LAYER_WEIGHTS.toLocaleString('en-US'));
  });

  test('the largest layer allowed, 8,192 -> 16,384 (2^27 weights), passes; one more output channel is refused', () => {
    expect(resolveTrace(trace([conv('a', 'input', 8192, 16384)]), 't.json').layers).toHaveLength(1);
    expect(refusal(trace([conv('a', 'input', 8192, 16385)])).details.jsonPath).toBe('/layers/0');
  });

  test('every shipped trace is far inside the bounds', () => {
    for (const f of ['traces/resnet50-v1.5.json', 'traces/resnet50-v1.json']) {
      expect(resolveTrace(JSON.parse(readFileSync(f, 'utf8')), f).layers.length).toBeLessThan(MAX_LAYERS / 10);
    }
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { buildTinyConvTrace } from '../../../src/workload/tiny-trace.js';
import { traceToJson } from '../../../src/workload/trace-json.js';
import { UserError } from '../../../src/errors.js';

const dir = mkdtempSync(join(tmpdir(), 'maxnvm-trace-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

type Json = { layers: Record<string, unknown>[] } & Record<string, unknown>;

/** The tiny trace as parsed JSON (layers: 0 conv_a 6x6x2 -> 6x6x4, 1 conv_b 1x1 4 -> 4, 2 add). */
function tinyJson(): Json {
  return JSON.parse(traceToJson(buildTinyConvTrace())) as Json;
}

function writeTrace(name: string, text: string): string {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
}

function loadError(file: string): UserError {
  try {
    loadTrace(file);
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error(`${file} loaded without error`);
}

describe('loadTrace', () => {
  it('loads a valid trace and drops the $schema hint', () => {
    const file = writeTrace('ok.json', traceToJson(buildTinyConvTrace()));
    expect(loadTrace(file)).toEqual(buildTinyConvTrace());
  });

  interface BadCase {
    label: string;
    mutate: (t: Json) => void;
    path: string;
    message: RegExp;
    suggestion: RegExp;
  }
  const layer = (t: Json, i: number): Record<string, unknown> => t.layers[i]!;

  const cases: BadCase[] = [
    {
      label: 'output height inconsistent with kernel, stride and padding',
      // conv_b: floor((6 + 2·0 − 1) / 2) + 1 = 3 once its stride is 2, but the file still says 6.
      mutate: (t) => (layer(t, 1).stride = 2),
      path: '/layers/1/outputHeight',
      message: /outputHeight of "conv_b" is 6, expected 3/,
      suggestion: /set outputHeight to 3/,
    },
    {
      label: 'input naming an unknown layer (typo)',
      mutate: (t) => (layer(t, 2).inputs = ['conv_a', 'conv_bb']),
      path: '/layers/2/inputs/1',
      message: /reads unknown layer "conv_bb"/,
      suggestion: /did you mean "conv_b"\?/,
    },
    {
      label: 'input naming a layer that runs later',
      mutate: (t) => (layer(t, 1).inputs = ['add']),
      path: '/layers/1/inputs/0',
      message: /reads "add", which runs later/,
      suggestion: /move layer "add" before "conv_b"/,
    },
    {
      label: 'channel count not matching the producer',
      mutate: (t) => (layer(t, 1).inputChannels = 2),
      path: '/layers/1/inputChannels',
      message: /inputChannels of "conv_b" is 2, expected 4/,
      suggestion: /match the output of "conv_a"/,
    },
    {
      label: 'duplicate layer name',
      mutate: (t) => (layer(t, 1).name = 'conv_a'),
      path: '/layers/1/name',
      message: /duplicate layer name "conv_a"/,
      suggestion: /rename one of the two layers/,
    },
    {
      label: 'density outside (0, 1] (schema)',
      mutate: (t) => ((layer(t, 0).weights as Record<string, unknown>).density = 0),
      path: '/layers/0/weights/density',
      message: /invalid value 0 in trace/,
      suggestion: /fix the value/,
    },
    {
      label: 'misspelt key (schema)',
      mutate: (t) => {
        layer(t, 0).strid = layer(t, 0).stride;
        delete layer(t, 0).stride;
      },
      path: '/layers/0/strid',
      message: /unknown key "strid"/,
      suggestion: /did you mean "stride"\?/,
    },
    {
      label: 'conv layer without weights (schema)',
      mutate: (t) => delete layer(t, 0).weights,
      path: '/layers/0/weights',
      message: /missing required key "weights"/,
      suggestion: /add it/,
    },
    {
      label: 'weights on an element-wise add',
      mutate: (t) => (layer(t, 2).weights = { density: 1, valueBits: 8 }),
      path: '/layers/2/weights',
      message: /"add" \(op eltwise\) has weights/,
      suggestion: /remove the "weights" key/,
    },
    {
      label: 'clustered weights with the wrong value width',
      mutate: (t) => (layer(t, 0).weights = { density: 1, valueBits: 8, clusters: 16 }),
      path: '/layers/0/weights/valueBits',
      message: /expected 4 \(ceil\(log2\(16 clusters\)\)\)/,
      suggestion: /set it to 4/,
    },
    {
      label: 'element-wise add with one input',
      mutate: (t) => (layer(t, 2).inputs = ['conv_b']),
      path: '/layers/2/inputs',
      message: /"add" \(op eltwise\) has 1 inputs/,
      suggestion: /list both branches/,
    },
    {
      label: 'kernel larger than the padded input',
      // conv_a: kernel 9 > 6 + 2·1 = 8.
      mutate: (t) => (layer(t, 0).kernelWidth = 9),
      path: '/layers/0/kernelWidth',
      message: /kernelWidth 9 of "conv_a" exceeds its padded input/,
      suggestion: /check the kernel size/,
    },
  ];

  it.each(cases)('rejects $label with file, path and suggestion', ({ label, mutate, path, message, suggestion }) => {
    const t = tinyJson();
    mutate(t);
    const file = writeTrace(`${label.replace(/\W+/g, '-')}.json`, JSON.stringify(t));
    const e = loadError(file);
    expect(e.message).toMatch(message);
    expect(e.details.file).toBe(file);
    expect(e.details.jsonPath).toBe(path);
    expect(e.details.expected).toBeTruthy();
    expect(e.details.suggestion).toMatch(suggestion);
  });

  it('rejects a file that is not JSON', () => {
    const file = writeTrace('broken.json', '{"name": "x",}');
    const e = loadError(file);
    expect(e.details.file).toBe(file);
    expect(e.details.suggestion).toMatch(/trailing comma/);
  });
});

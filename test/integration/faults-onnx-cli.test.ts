import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelBytes, sequentialModel } from '../../src/ml/onnx/export.js';
import { formatNpy } from '../../src/ml/onnx/npy.js';
import { cli } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'maxnvm-onnx-'));
const model = join(dir, 'tiny.onnx');
// A 16-input, 2-class linear model: class 1 when the sum of the first 8 pixels exceeds that of the last 8.
writeFileSync(
  model,
  modelBytes(
    sequentialModel('tiny', [1, 4, 4], [
      { op: 'flatten' },
      { op: 'gemm', name: 'f', weights: Float32Array.from({ length: 32 }, (_, i) => (i < 16 ? (i < 8 ? -1 : 1) : i < 24 ? 1 : -1)), dims: [2, 16], bias: new Float32Array(2) },
    ], 2),
  ),
);
const data = join(dir, 'data');
mkdirSync(data);
const rows = ['file,label'];
for (let i = 0; i < 6; i++) {
  const img = Float32Array.from({ length: 16 }, (_, j) => ((j < 8) === (i % 2 === 1) ? 1 : 0));
  writeFileSync(join(data, `img${i}.npy`), formatNpy({ dtype: 'float32', shape: [1, 4, 4], data: img }));
  rows.push(`img${i}.npy,${i % 2}`);
}
writeFileSync(join(data, 'labels.csv'), `${rows.join('\n')}\n`);

const bad = (name: string, content: string | Uint8Array): string => {
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
};

describe('maxnvm faults --model FILE.onnx', () => {
  it('measures accuracy through onnxruntime on an .npy folder', async () => {
    const r = await cli('faults', '--model', model, '--data', data, '--trials', '2', '--workers', '0', '--format', 'json');
    expect(r.stderr).not.toMatch(/Error/);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.stdout) as { cleanAccuracy: { correct: number; total: number }; floatAccuracy: number; network: { kind: string; testImages: number } };
    expect(j.network).toMatchObject({ kind: 'onnx', testImages: 6 });
    // Every image is classified by a margin of 8: int8 quantization cannot change it.
    expect(j.floatAccuracy).toBe(1);
    expect(j.cleanAccuracy).toMatchObject({ correct: 6, total: 6 });
  });

  const cases: { name: string; args: () => string[]; expect: RegExp[] }[] = [
    { name: 'missing model', args: () => ['--model', join(dir, 'nope.onnx')], expect: [/cannot read the ONNX model/, /at: --model/] },
    { name: 'a text file as model', args: () => ['--model', bad('text.onnx', 'hello, not protobuf')], expect: [/not an ONNX model|holds no graph/] },
    { name: 'no labels.csv', args: () => ['--model', model, '--data', dir], expect: [/cannot read .*labels\.csv/, /--data mnist/] },
    { name: 'labels.csv with a bad header', args: () => ['--model', model, '--data', (mkdirSync(join(dir, 'h'), { recursive: true }), bad('h/labels.csv', 'name,class\n'), join(dir, 'h'))], expect: [/header/, /file,label/] },
    { name: 'a broken .npy', args: () => ['--model', model, '--data', (mkdirSync(join(dir, 'n'), { recursive: true }), bad('n/labels.csv', 'file,label\nx.npy,1\n'), bad('n/x.npy', 'garbage'), join(dir, 'n'))], expect: [/x\.npy is not a usable \.npy file/] },
    { name: 'images of the wrong size', args: () => ['--model', model, '--data', 'mnist'], expect: [/does not take images of 784 values/] },
    { name: '--density without an ONNX model', args: () => ['--model', 'mlp', '--density', '0.5'], expect: [/--density applies to an ONNX model/] },
    { name: 'CTT above 1 bit per cell', args: () => ['--model', 'mlp', '--technology', 'ctt', '--bits-per-cell', '2'], expect: [/no CTT fault model above 1 bit per cell/, /at: \/defaultBitsPerCell/, /--levels FILE/] },
    { name: '--clustered without --clusters', args: () => ['--model', model, '--data', data, '--clustered'], expect: [/--clusters N with --clustered/] },
  ];
  for (const c of cases) {
    it(`${c.name}: exit 2, no stack trace`, async () => {
      const r = await cli('faults', ...c.args(), '--trials', '2', '--workers', '0');
      expect(r.code).toBe(2);
      for (const re of c.expect) expect(r.stderr).toMatch(re);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    });
  }
});

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli } from './helpers.js';
import { OnnxBuilder, writeModel } from '../unit/workload/onnx/onnx-builder.js';
import { densenetBlock, efficientnetBlock, shufflenetBlock } from '../unit/workload/onnx/torchvision-blocks.js';
import { resolveTrace } from '../../src/workload/load-trace.js';

/** `maxnvm import onnx` and `.onnx` files wherever a trace is read: what a user sees, exit codes and messages. */

const small = (opset = 17, dims: (number | string)[] = [1, 3, 16, 16]) =>
  new OnnxBuilder(opset).input('x', dims).weight('w', [8, 3, 3, 3], (i) => (i % 5) - 2).node('Conv', ['x', 'w'], ['c'], { pads: [1, 1, 1, 1] })
    .node('Relu', ['c'], ['r']).node('GlobalAveragePool', ['r'], ['g']).node('Flatten', ['g'], ['f'])
    .weight('fw', [10, 8]).node('Gemm', ['f', 'fw'], ['y'], { transB: 1 }).output('y');

describe('maxnvm import onnx', () => {
  it('writes a trace that validates against the trace schema, and says what it absorbed', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'maxnvm-onnx-')), 'net.json');
    const r = await cli('import', 'onnx', small().write(), '--out', out, '--name', 'small-net');
    expect(r.code).toBe(0);
    const trace = resolveTrace(JSON.parse(readFileSync(out, 'utf8')), out);
    expect(trace.name).toBe('small-net');
    expect(trace.layers.map((l) => l.op)).toEqual(['conv', 'pool', 'fc']);
    // 8·3·9 = 216 weights: (i mod 5) − 2 is zero for one in five, and takes 4 non-zero values.
    expect(trace.layers[0]?.weights).toEqual({ density: 173 / 216, valueBits: 2, clusters: 4 });
    expect(r.stderr).toMatch(/small-net: 3 layers \(1 conv, 1 fc, 1 pool\)/);
    expect(r.stderr).toMatch(/absorbed into the layer before them .*: 1 Relu, 1 Flatten/);
  });

  it('simulate and size take the .onnx file as a trace', async () => {
    const model = small().write();
    const sim = await cli('simulate', '--arch', 'arch-configs/nvdla-full-lpddr4.json', '--trace', model, '--format', 'json');
    expect(sim.code).toBe(0);
    expect(JSON.parse(sim.stdout).trace.macs).toBe(16 * 16 * 8 * 27 + 80);
    const size = await cli('size', '--trace', model, '--encoding', 'dense', '--bits-per-cell', '2');
    expect(size.code).toBe(0);
  });

  it('sweep and faults take the .onnx file as a trace', async () => {
    const model = small().write();
    const out = mkdtempSync(join(tmpdir(), 'maxnvm-onnx-sweep-'));
    const sweep = await cli('sweep', '--arch', 'arch-configs/nvdla-full-lpddr4.json', '--trace', model, '--fps', '1', '--workers', '0', '--out', out);
    expect(sweep.code).toBe(0);
    expect(readFileSync(join(out, 'sweep.csv'), 'utf8')).toMatch(/test-net/);
    const faults = await cli('faults', '--network', model, '--trials', '2', '--bits-per-cell', '2', '--workers', '0');
    expect(faults.code).toBe(0);
    expect(faults.stdout).toMatch(/\nc {10}216 /);
  });

  it('simulate runs the torchvision family blocks: a standalone BN scale, a per-channel SE operand, a host shuffle, a channel view', async () => {
    const run = async (b: OnnxBuilder) => JSON.parse((await cli('simulate', '--arch', 'arch-configs/nvdla-full-lpddr4.json', '--trace', b.write(), '--format', 'json')).stdout);
    const dense = await run(densenetBlock());
    expect(dense.trace.macs).toBe(675_960);
    const layer = (r: { layers: { name: string; op: string; featureRead_B: number; outputWritten_B: number }[] }, name: string) => r.layers.find((l) => l.name === name);
    // norm5 scales the 4×4×12 transition output: reads and writes 192 bytes (int8) on SDP.
    expect(layer(dense, 'norm5')).toMatchObject({ op: 'eltwise', featureRead_B: 192, outputWritten_B: 192 });
    const eff = await run(efficientnetBlock());
    expect(eff.trace.macs).toBe(73_504);
    // x · s: the 8×8×32 input whole (2,048 B) and s one byte per channel (32 B), not a second 2,048 B.
    expect(layer(eff, 'se.mul')).toMatchObject({ featureRead_B: 2_080, outputWritten_B: 2_048 });
    const shuffle = await run(shufflenetBlock(true));
    expect(layer(shuffle, 'shuffle')).toMatchObject({ op: 'host', featureRead_B: 256, outputWritten_B: 256 });
    // The stride-1 unit's branch reads its half of the shuffled 4×4×16 surface in place: 4·4·8 = 128 B.
    expect(layer(shuffle, 'u2.pw1')).toMatchObject({ op: 'conv', featureRead_B: 128 });
  });

  it('dynamic shapes: refused without --input-shape, imported with it', async () => {
    const model = small(17, ['batch', 3, 'h', 'w']).write();
    const r = await cli('import', 'onnx', model);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: input "x" has dynamic shape \[batch, 3, h, w\]: dim 0 is "batch"\n {2}file: .*model\.onnx\n {2}at: graph\.input\["x"\]\n {2}expected: a fixed shape, from the file or from --input-shape\n {2}suggestion: import with --input-shape/);
    expect((await cli('import', 'onnx', model, '--input-shape', '1,3,16,16')).code).toBe(0);
    const wrong = await cli('import', 'onnx', model, '--input-shape', '3,16,16');
    expect(wrong.stderr).toMatch(/--input-shape has 3 dims, input "x" has 4/);
    expect((await cli('import', 'onnx', model, '--input-shape', '1,3,x,16')).stderr).toMatch(/--input-shape: "1,3,x,16" is not a list of whole dims/);
  });

  it('a truncated file', async () => {
    const bytes = small().bytes();
    const r = await cli('import', 'onnx', writeModel(bytes.subarray(0, Math.floor(bytes.length * 0.6))));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: .*model\.onnx is not a complete ONNX model: protobuf decoding failed \(index out of range: .*\) in a file of \d+ bytes/);
    expect(r.stderr).toMatch(/suggestion: the file ends inside a field: it is truncated/);
    expect(r.stderr).not.toMatch(/ at .*\.ts:\d+/);
  });

  it('not ONNX: a zip (PyTorch checkpoint), a JSON file, text', async () => {
    const zip = await cli('import', 'onnx', writeModel(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0]), 'model.pt.onnx'));
    expect(zip.stderr).toMatch(/is not an ONNX model: its first bytes are those of a zip archive \(a PyTorch \.pt\/\.pth checkpoint/);
    expect(zip.stderr).toMatch(/suggestion: export the network with torch\.onnx\.export/);
    const json = await cli('simulate', '--arch', 'arch-configs/nvdla-full-lpddr4.json', '--trace', writeModel(new TextEncoder().encode('{"layers": []}')));
    expect(json.code).toBe(2);
    expect(json.stderr).toMatch(/its first bytes are those of a JSON file/);
    const text = await cli('import', 'onnx', writeModel(new TextEncoder().encode('hello, world\n')));
    expect(text.code).toBe(2);
    expect(text.stderr).toMatch(/is not an ONNX model: protobuf decoding failed \(invalid wire type 4 at offset 3\) in a file of 13 bytes/);
  });

  it('a cycle, naming its nodes in data-flow order', async () => {
    const b = new OnnxBuilder().input('x', [1, 4, 8, 8]).node('Add', ['x', 'b'], ['a'], {}, 'add').node('Relu', ['a'], ['b'], {}, 'relu').output('b');
    const r = await cli('import', 'onnx', b.write());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: the graph has a cycle: "(add|relu)" \((Add|Relu)\) → "(relu|add)" \((Relu|Add)\) → "\1" \(\2\)/);
  });

  it('an unsupported operator: node, op type, opset and the supported list', async () => {
    const b = small().node('Resize', ['y'], ['h'], {}, 'up9').output('h');
    const r = await cli('import', 'onnx', b.write());
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/error: node "up9" \(Resize\) is not supported: operator Resize at opset 17\n/);
    expect(r.stderr).toMatch(/expected: one of the supported operators \(default domain, opsets 9–21\): Conv, Gemm, MatMul, .*Dropout, Identity, Constant/);
  });

  it('an opset outside 9–21, and a value no node produces', async () => {
    const old = await cli('import', 'onnx', small(8).write());
    expect(old.stderr).toMatch(/uses ONNX opset 8\n.*\n {2}at: opset_import\n {2}expected: default-domain opset 9 to 21/);
    const dangling = new OnnxBuilder().input('x', [1, 4, 8, 8]).node('Add', ['x', 'ghost'], ['a']).output('a');
    expect((await cli('import', 'onnx', dangling.write())).stderr).toMatch(/node "a" \(Add\) reads "ghost", which no node, initializer or graph input produces/);
  });

  it('a missing file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxnvm-onnx-'));
    writeFileSync(join(dir, 'other.txt'), 'x');
    const r = await cli('import', 'onnx', join(dir, 'none.onnx'));
    expect([r.code, r.stderr.split('\n')[0]]).toEqual([2, `error: cannot read ONNX file "${join(dir, 'none.onnx')}": no such file`]);
  });
});

describe('maxnvm import scalesim', () => {
  it('writes a trace simulate accepts', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'maxnvm-scalesim-'));
    const csv = join(dir, 'mobile.csv');
    writeFileSync(csv, 'Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter, Strides,\nConv1, 34, 34, 3, 3, 3, 16, 2,\nDP2, 16, 16, 3, 3, 16, 1, 1,\nConv3, 14, 14, 1, 1, 16, 32, 1,\n');
    const out = join(dir, 'mobile.json');
    const r = await cli('import', 'scalesim', csv, '--out', out);
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/mobile: 3 layers \(3 conv\)/);
    expect((await cli('simulate', '--arch', 'arch-configs/nvdla-full-lpddr4.json', '--trace', out)).code).toBe(0);
  });
});

import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { UserError } from '../errors.js';
import type { Layer, Trace } from './layer.js';
import { DENSE_INT8 } from './layer-builders.js';
import { outputExtent } from './geometry.js';
import { resolveTrace } from './trace-resolve.js';
import { NETWORK_INPUT } from './trace-consistency.js';

/**
 * A SCALE-Sim v2 topology CSV as a trace (scalesim-project/scale-sim-v2, scalesim/topology_utils.py):
 *
 * - conv form, header `Layer name, IFMAP Height, IFMAP Width, Filter Height, Filter Width, Channels, Num Filter,
 *   Strides,` (an optional ninth column is the width stride): an unpadded convolution, output
 *   ceil((H − fh + s) / s) = floor((H − fh) / s) + 1, as SCALE-Sim computes it;
 * - GEMM form, header `Layer, M, N, K,`: SCALE-Sim maps it to an M×K input, a 1×K filter over 1 channel and N
 *   filters (M·N·K MACs); here one fc per row, M rows of K channels to N;
 * - depthwise: SCALE-Sim splits a row whose name contains "DP" into `Channels` single-channel layers of
 *   `Num Filter` filters; here one grouped convolution (groups = Channels, Channels·Num Filter outputs, the same
 *   MACs). Rows marked only by a "#dw" comment (topologies/conv_nets/mobilnet_paper.csv lists them with 1 channel
 *   and 1 filter) are read as written, as SCALE-Sim reads them.
 *
 * SCALE-Sim's layers are independent; a trace's are connected. Each row reads the latest earlier layer whose
 * output has its input's shape (else the network input, declared by the first row); a row no earlier output fits
 * is refused, naming both shapes.
 */

const CONV_COLUMNS = ['IFMAP Height', 'IFMAP Width', 'Filter Height', 'Filter Width', 'Channels', 'Num Filter', 'Strides'];
const GEMM_COLUMNS = ['M', 'N', 'K'];

interface Row {
  line: number;
  name: string;
  values: number[];
}

export function importScalesim(file: string, name?: string): Trace {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? 'unknown error';
    throw new UserError(`cannot read SCALE-Sim topology ${JSON.stringify(file)}: ${code === 'ENOENT' ? 'no such file' : code}`, { file, expected: 'a readable SCALE-Sim topology CSV' });
  }
  return scalesimTrace(text, file, name ?? basename(file).replace(/\.csv$/i, ''));
}

export function scalesimTrace(text: string, file: string, name: string): Trace {
  const lines = text.split(/\r?\n/);
  const headerAt = lines.findIndex((l) => l.trim() !== '');
  const header = (lines[headerAt] ?? '').split(',').map((s) => s.trim().toLowerCase());
  const gemm = header[1] === 'm' && header[2] === 'n' && header[3] === 'k';
  const columns = gemm ? GEMM_COLUMNS : CONV_COLUMNS;
  const rows: Row[] = [];
  lines.forEach((raw, i) => {
    if (i <= headerAt) return;
    const fields = raw.split(',').map((s) => s.trim());
    if (fields.every((f) => f === '')) return;
    const at = `line ${i + 1}`;
    const rowName = fields[0] ?? '';
    if (rowName === '') throw new UserError(`${at} has no layer name`, { file, jsonPath: at, expected: 'a layer name in the first column', suggestion: 'name the layer, or delete the row' });
    const values = columns.map((col, j) => positive(fields[j + 1], col, at, file));
    // The ninth column of the conv form is the width stride; SCALE-Sim repeats the height stride when absent.
    const strideW = gemm ? undefined : fields[8];
    if (strideW !== undefined && /^\d+$/.test(strideW) && Number(strideW) !== values[6]) {
      throw new UserError(`${at}: strides ${values[6]} (height) and ${strideW} (width) differ`, { file, jsonPath: `${at}, column 9`, expected: 'equal strides (a trace has one stride)', suggestion: 'use one stride for both directions' });
    }
    rows.push({ line: i + 1, name: rowName, values });
  });
  if (rows.length === 0) {
    throw new UserError('the topology has no layers', { file, expected: `a header, then one row per layer: Layer name, ${columns.join(', ')}`, suggestion: 'see scale-sim-v2/topologies/ for examples' });
  }
  const layers: Layer[] = [];
  for (const row of rows) layers.push(connect(gemm ? gemmLayer(row) : convLayer(row, file), layers, row, file));
  const form = gemm ? 'GEMM (M, N, K)' : 'convolution';
  const trace: Trace = {
    name,
    description: `${name}, imported from the SCALE-Sim topology ${basename(file)} (${form} form), dense int8`,
    source: `SCALE-Sim v2 topology ${basename(file)}: unpadded convolutions and GEMMs as SCALE-Sim computes them`,
    activationBits: 8,
    layers,
  };
  return resolveTrace(trace, file);
}

function positive(field: string | undefined, column: string, at: string, file: string): number {
  const v = Number(field);
  if (field === undefined || field === '' || !Number.isInteger(v) || v < 1) {
    throw new UserError(`${at}: ${column} is ${field === undefined || field === '' ? 'missing' : `"${field}"`}`, { file, jsonPath: `${at}, column "${column}"`, expected: 'a positive integer', suggestion: 'check the row against the header' });
  }
  return v;
}

function convLayer(row: Row, file: string): Layer {
  const [h = 1, w = 1, fh = 1, fw = 1, c = 1, filters = 1, stride = 1] = row.values;
  if (fh > h || fw > w) {
    throw new UserError(`line ${row.line}: filter ${fh}×${fw} of "${row.name}" exceeds its ${h}×${w} IFMAP`, { file, jsonPath: `line ${row.line}`, expected: 'a filter no larger than the IFMAP (SCALE-Sim asserts it too)', suggestion: 'check the row' });
  }
  const depthwise = row.name.includes('DP');
  return {
    name: row.name,
    op: 'conv',
    inputs: [],
    inputHeight: h,
    inputWidth: w,
    inputChannels: c,
    outputChannels: depthwise ? c * filters : filters,
    kernelHeight: fh,
    kernelWidth: fw,
    stride,
    padding: 0,
    groups: depthwise ? c : 1,
    outputHeight: outputExtent(h, fh, stride, 0),
    outputWidth: outputExtent(w, fw, stride, 0),
    weights: { ...DENSE_INT8 },
  };
}

function gemmLayer(row: Row): Layer {
  const [m = 1, n = 1, k = 1] = row.values;
  return {
    name: row.name,
    op: 'fc',
    inputs: [],
    inputHeight: m,
    inputWidth: 1,
    inputChannels: k,
    outputChannels: n,
    kernelHeight: 1,
    kernelWidth: 1,
    stride: 1,
    padding: 0,
    groups: 1,
    outputHeight: m,
    outputWidth: 1,
    weights: { ...DENSE_INT8 },
  };
}

/** The layer reading the latest earlier output of its input's shape, or the network input. */
function connect(l: Layer, earlier: readonly Layer[], row: Row, file: string): Layer {
  const fits = (p: Layer): boolean => p.outputHeight === l.inputHeight && p.outputWidth === l.inputWidth && p.outputChannels === l.inputChannels;
  const producer = [...earlier].reverse().find(fits);
  const first = earlier[0];
  const inputFits = first === undefined || (first.inputs[0] === NETWORK_INPUT && first.inputHeight === l.inputHeight && first.inputWidth === l.inputWidth && first.inputChannels === l.inputChannels);
  if (producer !== undefined) return { ...l, inputs: [producer.name] };
  if (inputFits) return { ...l, inputs: [NETWORK_INPUT] };
  const prev = earlier[earlier.length - 1] as Layer;
  throw new UserError(`line ${row.line}: layer "${l.name}" reads ${l.inputHeight}×${l.inputWidth}×${l.inputChannels}, which no earlier layer outputs (the previous, "${prev.name}", outputs ${prev.outputHeight}×${prev.outputWidth}×${prev.outputChannels})`, {
    file,
    jsonPath: `line ${row.line}`,
    expected: 'an IFMAP (height × width × channels) that an earlier row outputs, or the first row\'s IFMAP (the network input); SCALE-Sim\'s convolutions are unpadded: OFMAP = floor((IFMAP − filter) / stride) + 1',
    suggestion: 'list every layer (pooling as well) with the IFMAP it really reads, padding included, or import the ONNX model instead',
  });
}

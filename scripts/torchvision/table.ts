// Imports and simulates every model scripts/torchvision/export.py wrote, and prints one markdown row per model:
// MACs and weights as maxnvm reads them, torch's own weight count, and one inference on nv_full + LPDDR4; a model
// that does not import or does not run gets its reason instead.
//   /usr/bin/python3 scripts/torchvision/export.py DIR NAME... > DIR/log.jsonl
//   node --import tsx scripts/torchvision/table.ts DIR/log.jsonl
import { readFileSync } from 'node:fs';
import { loadArchConfig } from '../../src/config/arch-config.js';
import { UserError } from '../../src/errors.js';
import { simulate } from '../../src/system/simulate.js';
import { grouped, si } from '../../src/util/format.js';
import { importOnnx } from '../../src/workload/onnx/import-onnx.js';
import { summarizeTrace } from '../../src/workload/summary.js';

interface Exported {
  name: string;
  file: string;
  convLinearWeights: number;
}

const log = process.argv[2];
if (log === undefined) throw new Error('usage: table.ts LOG.jsonl');
const config = loadArchConfig('nvdla-full-lpddr4');
console.log('| model | MACs | weights | = torch\'s count | latency | energy | host share of time |');
console.log('|---|---|---|---|---|---|---|');
for (const line of readFileSync(log, 'utf8').trim().split('\n')) {
  const e = JSON.parse(line) as Exported;
  const reason = (err: unknown): string => {
    if (!(err instanceof UserError)) throw err;
    return err.message.replace(/\|/g, '/');
  };
  let trace;
  try {
    trace = importOnnx(e.file).trace;
  } catch (err) {
    console.log(`| ${e.name} | does not import: ${reason(err)} | | | | | |`);
    continue;
  }
  const s = summarizeTrace(trace);
  try {
    const r = simulate(config, trace, { fps: [], frames: 1, seed: 1 });
    const same = s.weights === e.convLinearWeights ? 'yes' : `no (${grouped(e.convLinearWeights)})`;
    const counts = `| ${e.name} | ${grouped(s.macs)} | ${grouped(s.weights)} | ${same} `;
    if (!r.feasible) {
      console.log(`${counts}| does not run: ${r.reason} | | |`);
      continue;
    }
    const host = r.layers.filter((l) => l.op === 'host').reduce((t, l) => t + l.time_s, 0);
    console.log(`${counts}| ${si(r.inference.time_s, 's')} | ${si(r.inference.energy_J, 'J')} | ${((100 * host) / r.inference.time_s).toFixed(0)} % |`);
  } catch (err) {
    console.log(`| ${e.name} | ${grouped(s.macs)} | ${grouped(s.weights)} | ${s.weights === e.convLinearWeights ? 'yes' : 'no'} | does not run: ${reason(err)} | | |`);
  }
}

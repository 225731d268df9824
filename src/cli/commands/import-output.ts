import { dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliIo } from '../io.js';
import { checkFragment } from '../../config/import/config-imports.js';
import type { ImportedArray } from '../../config/import/envm-figures.js';
import type { Trace } from '../../workload/layer.js';
import { summarizeTrace } from '../../workload/summary.js';
import { traceToJson } from '../../workload/trace-json.js';
import { checkOutputFile, writeFileAtomic } from '../../util/atomic-write.js';

/** What every `maxnvm import` kind shares: the --out option, the checked write, the summary. */

/** What an eNVM import read, one line per array, in the units of the config. */
export function describeArrays(arrays: readonly ImportedArray[]): string {
  return `${arrays
    .map(
      (a) =>
        `${a.origin}: ${a.technology}, ${a.bitsPerCell} bit(s)/cell, ${a.capacity_cells} cells, ${a.accessWidth_cells}-cell access: ` +
        `${a.readLatency_ns} ns, ${a.readEnergy_pJ_per_access} pJ/access, ${a.leakage_mW} mW, ${a.area_mm2} mm²`,
    )
    .join('\n')}\n`;
}

/** The --out option every kind takes. */
export const outOption = { type: 'string', describe: 'write the fragment to this JSON file (default: standard output)' } as const;

/** Check the fragment against the section's schema, then write it as JSON (to `out`, or standard output). */
export function writeFragment(io: CliIo, section: 'envm' | 'dram', fragment: object, from: string, out: string | undefined): void {
  checkFragment(section, fragment, from);
  const text = `${JSON.stringify({ [section]: fragment }, null, 2)}\n`;
  if (out === undefined) io.stdout.write(text);
  else {
    checkOutputFile(out, '--out');
    writeFileAtomic(out, text);
  }
}

const TRACE_SCHEMA_FILE = fileURLToPath(new URL('../../../schemas/trace.schema.json', import.meta.url));

/** The --out option of the trace imports. */
export const traceOutOption = { type: 'string', describe: 'write the trace to this JSON file (default: standard output)' } as const;

/** Write an imported trace (to `out`, or standard output) and say on standard error what it holds. */
export function writeTrace(io: CliIo, trace: Trace, out: string | undefined, notes: readonly string[]): void {
  // The $schema hint (for editors) is the path from the written file's folder to this installation's schema.
  const hint = relative(resolve(out === undefined ? '.' : dirname(out)), TRACE_SCHEMA_FILE).split(sep).join('/');
  const text = traceToJson(trace, hint);
  if (out === undefined) io.stdout.write(text);
  else {
    checkOutputFile(out, '--out');
    writeFileAtomic(out, text);
  }
  const s = summarizeTrace(trace);
  const ops = Object.entries(s.opCounts).filter(([, n]) => n > 0).map(([op, n]) => `${n} ${op}`).join(', ');
  const lines = [
    `${trace.name}: ${s.layers} layers (${ops}), ${s.macs.toLocaleString('en-US')} MACs, ${s.weights.toLocaleString('en-US')} weights (density ${s.density.toFixed(3)})`,
    ...notes.map((n) => `  ${n}`),
  ];
  io.stderr.write(`${lines.join('\n')}\n`);
}

/**
 * Write the shipped workload traces to traces/ (npm run traces). Output is deterministic: run it again and
 * git shows no change unless a builder changed.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SHIPPED_TRACES } from '../src/workload/shipped-traces.js';
import { traceToJson } from '../src/workload/trace-json.js';
import { checkTraceConsistency } from '../src/workload/trace-consistency.js';

const tracesDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'traces');
mkdirSync(tracesDir, { recursive: true });
for (const { file, build } of SHIPPED_TRACES) {
  const trace = build();
  const path = join(tracesDir, file);
  // A builder bug should stop here, not in a user's run.
  checkTraceConsistency(trace, path);
  writeFileSync(path, traceToJson(trace));
  console.log(`wrote ${join('traces', file)} (${trace.layers.length} layers)`);
}

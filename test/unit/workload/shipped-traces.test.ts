import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { SHIPPED_TRACES } from '../../../src/workload/shipped-traces.js';
import { traceToJson } from '../../../src/workload/trace-json.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { summarizeTrace } from '../../../src/workload/summary.js';

const tracesDir = fileURLToPath(new URL('../../../traces/', import.meta.url));

describe('committed traces/*.json', () => {
  it('are exactly the shipped set', () => {
    const files = readdirSync(tracesDir).filter((f) => f.endsWith('.json')).sort();
    expect(files).toEqual(SHIPPED_TRACES.map((t) => t.file).sort());
  });

  it.each(SHIPPED_TRACES)('$file equals what the builder produces now (run `npm run traces` after a builder change)', ({ file, build }) => {
    const committed = readFileSync(`${tracesDir}${file}`, 'utf8');
    expect(committed).toBe(traceToJson(build()));
  });

  it.each(SHIPPED_TRACES)('$file loads through schema and consistency checks into the built trace', ({ file, build }) => {
    expect(loadTrace(`${tracesDir}${file}`)).toEqual(build());
  });

  it('carry the expected storage properties', () => {
    const load = (f: string) => loadTrace(`${tracesDir}${f}`);
    const conv1 = (f: string) => load(f).layers[0]?.weights;
    expect(conv1('resnet50-v1.5.json')).toEqual({ density: 1, valueBits: 8 });
    expect(conv1('resnet50-v1.5-str90.json')).toEqual({ density: 0.402, valueBits: 8 }); // 1 − 59.80 / 100
    expect(conv1('resnet50-v1.5-str81-c16.json')).toEqual({ density: 0.486, valueBits: 4, clusters: 16 });
    expect(summarizeTrace(load('resnet50-v1.json')).macs).toBe(3_857_973_248);
  });
});

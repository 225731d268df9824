import { performance } from 'node:perf_hooks';
import { loadChoicesFile } from '../src/sizing/choices-file.js';
import { sizeChoices } from '../src/sizing/size-choices.js';
import { loadTrace } from '../src/workload/load-trace.js';

/** `maxnvm size` over 100 storage choices: the study's RRAM and CTT choice files, repeated to 100. */
export function benchSizing(): { choices: number; wall_s: number } {
  const trace = loadTrace('traces/resnet50-v1.5-str81.json');
  const t0 = performance.now();
  const a = loadChoicesFile('examples/storage-choices/maxnvm-study.json');
  const b = loadChoicesFile('examples/storage-choices/maxnvm-study-ctt.json');
  const all = [...a, ...b];
  const entries = Array.from({ length: 100 }, (_, i) => {
    const e = all[i % all.length]!;
    return { ...e, choice: { ...e.choice, label: `${e.choice.label} #${i}` } };
  });
  sizeChoices(trace, entries, { seed: 1 });
  return { choices: entries.length, wall_s: (performance.now() - t0) / 1e3 };
}

// CLI start-up: wall time of whole `maxnvm` processes (Node start, module loading, the command), as a user waits
// for them. The compiled binary (bin/maxnvm.js, dist/) is what users run; the sources through tsx for comparison.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const RUNS = 7;
const CASES: string[][] = [['--help'], ['describe', 'nvdla']];

function medianWall_s(script: string, args: string[]): number {
  const walls: number[] = [];
  for (let i = 0; i <= RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(process.execPath, [script, ...args], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${String(r.status)}: ${r.stderr}`);
    if (i > 0) walls.push((performance.now() - t0) / 1e3); // the first run warms the file cache
  }
  return [...walls].sort((a, b) => a - b)[Math.floor(walls.length / 2)] ?? NaN;
}

/** One line per command: compiled and from sources, median of RUNS process starts; and Node's own start, for scale. */
export function benchCliStart(): string[] {
  if (!existsSync('dist/cli/main.js')) return ['CLI start: skipped, dist/ is not built (npm run build)'];
  const node = medianWall_s('-e', ['0']);
  const lines = CASES.map((args) => {
    const compiled = medianWall_s('bin/maxnvm.js', args);
    const sources = medianWall_s('bin/maxnvm-dev.js', args);
    return `CLI start, maxnvm ${args.join(' ')}: ${compiled.toFixed(2)} s compiled (target < 0.3 s), ${sources.toFixed(2)} s from the sources (tsx); median of ${RUNS} processes`;
  });
  return [...lines, `  node -e 0 alone: ${node.toFixed(2)} s (the floor of any CLI start on this machine now)`];
}

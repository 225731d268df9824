import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';
import { IDLE_POLICIES } from '../../hw/dram/spec.js';
import { si, textTable } from '../../util/format.js';
import { progressReporter } from '../../system/sweep/progress.js';
import { runSweepUnits } from '../../system/sweep/run-sweep.js';
import type { UnitResult } from '../../system/sweep/run-unit.js';
import { SWEEP_CSV, SWEEP_JSON } from '../../system/sweep/sweep-folder.js';
import { checkOutputFolder } from '../../util/atomic-write.js';
import { parseChoice, parseInteger } from '../../util/parse-flags.js';
import { gridOfArgs, type SweepGridArgs } from './sweep-grid.js';
import { MAX_WORKERS } from '../../faults/spec.js';
import { seedOption } from '../seed-option.js';
import type { CliIo } from '../io.js';

interface SweepArgs extends SweepGridArgs {
  workers?: string;
  out: string;
  format: string;
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const sweepCommand = (io: CliIo): CommandModule<object, SweepArgs> => ({
  builder: (y) =>
    y
      .option('arch', { type: 'string', array: true, describe: 'architecture configs: JSON files or shipped names (e.g. nvdla-full-lpddr4), one or more' })
      .option('trace', { type: 'string', array: true, describe: 'workload traces (traces/*.json), one or more' })
      // nargs 1: take the next word as the value even when it starts with "-" ("-1:5:3"), so a negative rate is
      // reported by the rate checks (what is wrong, with a suggestion) instead of as an unknown flag "-1".
      .option('fps', { type: 'string', nargs: 1, describe: 'comma-separated frame rates, e.g. 1,10,30' })
      .option('fps-range', { type: 'string', nargs: 1, describe: 'log-spaced rates min:max:count, e.g. 0.1:300:200' })
      .option('policies', { type: 'string', describe: `DRAM idle policies, comma-separated (${IDLE_POLICIES.join(', ')}); default: each config's own` })
      .option('set', { type: 'string', array: true, describe: 'sweep a config key: KEY=v1,v2,... | KEY=a:b:n (linear) | KEY=log:a:b:n; every combination of the --set keys is one design, e.g. --set nvdla.macAtomicK=8,16,32' })
      .option('grid', { type: 'string', describe: 'grid file (schemas/grid.schema.json): config keys to sweep, and optionally configs, traces, rates, policies' })
      .option('shard', { type: 'string', describe: 'run shard I/N of the grid (0 <= I < N) into --out, for `maxnvm merge`; on Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT' })
      .option('workers', { type: 'string', describe: 'worker threads (default: all cores; 0 runs in the main thread)' })
      .option('out', { type: 'string', demandOption: true, describe: 'output folder: sweep.csv, sweep.json, and the state to resume an interrupted sweep' })
      .option('seed', seedOption('every random stream (synthetic sparsity patterns)'))
      .option('exact', { type: 'boolean', default: false, describe: 'replay 3 frames per point instead of composing it from one inference' })
      .option('format', { type: 'string', default: 'table', describe: 'stdout: table (a short summary) | json | csv (the data files)' })
      .fail((msg, err) => {
        // Thrown, it ends the parse as a UserError (exit 2); otherwise the program's own handler reports the failure.
        const missing = missingRateValue(msg ?? err?.message ?? '');
        if (missing !== undefined) throw missing;
      }),
  handler: async (args) => {
    const format = parseChoice('format', args.format, ['table', 'json', 'csv'] as const);
    const grid = gridOfArgs(args);
    checkOutputFolder(args.out, '--out'); // before any config is loaded or system built
    const workers = args.workers === undefined ? undefined : parseInteger('workers', args.workers, 0, MAX_WORKERS, 'worker threads; 0 runs in the main thread');
    const outcome = await runSweepUnits(grid, {
      out: args.out,
      workers,
      progress: (points, units) => progressReporter(points, units, io.stderr),
    });
    if (outcome.resumed > 0) io.stderr.write(`sweep: resumed ${outcome.resumed} of ${outcome.units.length} units from ${args.out}\n`);
    if (outcome.shard !== undefined) {
      const s = outcome.shard;
      io.stdout.write(`shard ${s.index}/${s.count}: ${s.units.length} of ${outcome.grid.units.length} units in ${args.out}; combine the shards with maxnvm merge DIR... --out DIR\n`);
      return;
    }
    if (format === 'json') io.stdout.write(readFileSync(join(args.out, SWEEP_JSON), 'utf8'));
    else if (format === 'csv') io.stdout.write(readFileSync(join(args.out, SWEEP_CSV), 'utf8'));
    else io.stdout.write(sweepSummary(outcome.units, args.out));
  },
});

/** yargs' complaint about a rate flag given without its value (nargs 1), as a UserError; undefined for any other failure. */
function missingRateValue(message: string): UserError | undefined {
  const flag = /^Not enough arguments following: (fps|fps-range)$/.exec(message)?.[1];
  if (flag === undefined) return undefined;
  return new UserError(`--${flag} needs a value`, {
    expected: flag === 'fps' ? 'comma-separated frame rates after --fps' : 'min:max:count after --fps-range',
    suggestion: flag === 'fps' ? 'e.g. --fps 1,10,30, or log-spaced rates with --fps-range 0.1:300:200' : 'e.g. --fps-range 0.1:300:200, or a list of rates with --fps 1,10,30',
  });
}

/** One line per unit: what the system sustains and its power at the lowest and highest feasible rates. */
function sweepSummary(units: readonly UnitResult[], out: string): string {
  const rows = units.map(({ system: s, rows: r }) => {
    const feasible = r.filter((x) => x.feasible);
    const lo = feasible[0];
    const hi = feasible[feasible.length - 1];
    const at = (x: typeof lo): string => (x === undefined || x.power_W === null ? '-' : `${si(x.power_W, 'W')} @ ${x.fps} fps`);
    return [
      s.system,
      s.trace,
      s.dramPolicy,
      s.area_mm2 === null ? '-' : s.area_mm2.toFixed(2),
      s.feasible ? s.maxFps.toPrecision(4) : `infeasible: ${s.reason}`,
      `${feasible.length}/${r.length}`,
      at(lo),
      at(hi),
    ];
  });
  const table = textTable(['system', 'trace', 'DRAM policy', 'area mm²', 'max fps', 'feasible', 'power, lowest rate', 'power, highest feasible'], rows);
  return `${table}\n\n${units.reduce((n, u) => n + u.rows.length, 0)} points in ${join(out, SWEEP_CSV)} and ${join(out, SWEEP_JSON)}\n`;
}

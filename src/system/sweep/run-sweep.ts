import { availableParallelism } from 'node:os';
import { UserError } from '../../errors.js';
import { resolveGrid, type ResolvedGrid, type SweepGrid, type SweepUnit } from './grid.js';
import { silentProgress, type ProgressSink } from './progress.js';
import { runUnit, type UnitResult } from './run-unit.js';
import { finishedUnits, manifestOf, prepareFolder, rowsOf, writeOutputs, writeUnit } from './sweep-folder.js';
import { runUnitsOnWorkers } from './sweep-pool.js';
import { prepareShardFile, shardRecord, type ShardRecord } from './sweep-shard.js';
import type { SweepRow } from './sweep-row.js';

export interface SweepOptions {
  /** Output folder (manifest, units/, sweep.json, sweep.csv). Without it nothing is written and nothing resumes. */
  out?: string;
  /** Worker threads; 0 runs the units in this thread. Default: os.availableParallelism(). */
  workers?: number;
  /** Told how many points are done; default silent. Build one with `progressReporter`. */
  progress?: (totalPoints: number, totalUnits: number) => ProgressSink;
  /** Called after each unit is finished (and written, with `out`); throwing stops the sweep there. */
  onUnitDone?: (unitsDone: number, unitsTotal: number) => void;
}

export interface SweepOutcome {
  grid: ResolvedGrid;
  rows: SweepRow[];
  /** One per unit run (all of the grid's, or the shard's), in grid order. */
  units: UnitResult[];
  /** The shard run, when the grid named one. */
  shard?: ShardRecord;
  /** Units found finished in the output folder and not recomputed. */
  resumed: number;
}

/** Run a sweep (see `runSweepUnits`) and return its rows in grid order. */
export async function runSweep(grid: SweepGrid, opts: SweepOptions = {}): Promise<SweepRow[]> {
  return (await runSweepUnits(grid, opts)).rows;
}

/**
 * Run a sweep: check the whole grid first (UserError before any point runs),
 * skip the units an interrupted run of the same sweep already finished in
 * `out`, run the others on worker threads, and write sweep.json and sweep.csv
 * from every unit. With a shard, only its units run and the folder keeps them
 * for `maxnvm merge`, which writes sweep.json and sweep.csv. The rows come out in the grid's order, so the files are
 * byte-identical whatever the number of workers and however often it resumed.
 */
export async function runSweepUnits(grid: SweepGrid, opts: SweepOptions = {}): Promise<SweepOutcome> {
  const resolved = resolveGrid(grid);
  const workers = opts.workers ?? availableParallelism();
  if (!Number.isInteger(workers) || workers < 0) {
    throw new UserError(`--workers: "${workers}" is not a whole number >= 0`, { expected: 'an integer >= 0 (0 runs in this thread)', suggestion: `e.g. --workers ${availableParallelism()}` });
  }
  const manifest = manifestOf(resolved);
  const shard = grid.shard === undefined ? undefined : shardRecord(resolved, grid.shard);
  const mine = shard === undefined ? resolved.units : shard.units.map((i) => resolved.units[i] as SweepUnit);
  const done = new Map<number, UnitResult>();
  if (opts.out !== undefined) {
    prepareFolder(opts.out, manifest);
    prepareShardFile(opts.out, shard);
    for (const [i, r] of finishedUnits(opts.out, mine)) done.set(i, r);
  }
  const resumed = done.size;
  const pending = mine.filter((u) => !done.has(u.index));
  const perUnit = resolved.fps.length;
  const progress = (opts.progress ?? (() => silentProgress))(mine.length * perUnit, mine.length);
  let points = resumed * perUnit;
  progress.update(points, done.size);
  const onPoint = (): void => progress.update(++points, done.size);
  const onUnit = (result: UnitResult): void => {
    if (opts.out !== undefined) writeUnit(opts.out, result);
    done.set(result.unit.index, result);
    progress.update(points, done.size);
    opts.onUnitDone?.(done.size, mine.length);
  };
  const data = { fps: resolved.fps, seed: resolved.seed, exact: resolved.exact };
  try {
    if (workers === 0) {
      for (const unit of pending) onUnit(runUnit(unit, data.fps, { ...data, onPoint }));
    } else {
      await runUnitsOnWorkers(pending, workers, data, { onPoint, onUnit });
    }
  } finally {
    progress.finish();
  }
  const units = mine.map((u) => {
    const r = done.get(u.index);
    if (r === undefined) throw new Error(`sweep unit ${u.index} finished without a result`);
    return r;
  });
  if (opts.out !== undefined && shard === undefined) writeOutputs(opts.out, manifest, units);
  return { grid: resolved, rows: rowsOf(units), units, resumed, ...(shard === undefined ? {} : { shard }) };
}

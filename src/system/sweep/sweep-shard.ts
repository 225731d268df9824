import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { toJson, writeFileAtomic } from '../../util/atomic-write.js';
import { unitDesign, unitTrace, type ResolvedGrid, type SweepUnit } from './grid.js';
import { assignShards, type ShardSpec } from './shard.js';

/**
 * One shard of a sweep: which of the grid's units it runs, and the record
 * (shard.json) that marks its output folder as a shard for `maxnvm merge`.
 * A shard folder holds the whole grid's manifest, shard.json and its units;
 * sweep.json and sweep.csv are written by the merge.
 */

export const SHARD_FILE = 'shard.json';

export interface ShardRecord extends ShardSpec {
  /** Indices of the units this shard runs, ascending. */
  units: number[];
}

/**
 * Estimated cost of a unit, for balancing: the number of layers of its
 * trace. Assumption: a unit's time is its one inference, which is simulated
 * layer by layer; its rates are the same for every unit, so they add alike to
 * all and do not change the balance. A rejected design runs nothing (cost 0).
 */
export function unitCost(unit: SweepUnit): number {
  return unitDesign(unit).feasible ? unitTrace(unit).layers.length : 0;
}

/** The record of shard `spec` of a resolved grid. */
export function shardRecord(grid: ResolvedGrid, spec: ShardSpec): ShardRecord {
  const shardOf = assignShards(grid.units.map(unitCost), spec.count);
  return { index: spec.index, count: spec.count, units: grid.units.filter((_, i) => shardOf[i] === spec.index).map((u) => u.index) };
}

/**
 * Check that `dir` is the folder of this very shard (or, with no shard, not
 * a shard folder), writing shard.json into a new folder. Called once the
 * manifest is known to match.
 */
export function prepareShardFile(dir: string, record: ShardRecord | undefined): void {
  const file = join(dir, SHARD_FILE);
  const found = existsSync(file) ? readShardRecord(file) : undefined;
  if (record === undefined) {
    if (found !== undefined) {
      throw new UserError(`output folder holds shard ${found.index}/${found.count} of this sweep, not the whole sweep`, {
        file,
        expected: 'a folder of the whole sweep (no shard.json)',
        suggestion: 'combine the shards with `maxnvm merge SHARD_DIR... --out DIR`, or give the same --shard to resume it',
      });
    }
    return;
  }
  if (found === undefined) {
    writeFileAtomic(file, toJson(record));
    return;
  }
  if (toJson(found) !== toJson(record)) {
    throw new UserError(`output folder holds shard ${found.index}/${found.count}, not ${record.index}/${record.count}`, {
      file,
      expected: `the folder of shard ${record.index}/${record.count} of this sweep`,
      suggestion: 'give each shard its own --out, e.g. out/shard-$I',
    });
  }
}

export function readShardRecord(file: string): ShardRecord {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new UserError(`${file} is not valid JSON: ${(e as Error).message}`, { file, suggestion: 'rerun the shard into a fresh folder' });
  }
  const r = data as Partial<ShardRecord>;
  const whole = (v: unknown): boolean => Number.isInteger(v) && (v as number) >= 0;
  if (!whole(r.index) || !whole(r.count) || (r.index as number) >= (r.count as number) || !Array.isArray(r.units) || !r.units.every(whole)) {
    throw new UserError(`${file} is not a shard record`, { file, expected: '{ "index": I, "count": N, "units": [unit indices] } with 0 <= I < N', suggestion: 'rerun the shard into a fresh folder' });
  }
  return { index: r.index as number, count: r.count as number, units: r.units };
}

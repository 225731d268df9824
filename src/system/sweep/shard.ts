import { UserError } from '../../errors.js';

/**
 * Shards of a sweep (`--shard I/N`): the grid's units cut into N shares that
 * N machines run independently, each into its own folder, for `maxnvm merge`.
 *
 * Balanced by estimated cost, greedily (longest first): units in order of
 * decreasing cost (ties by unit index) each go to the shard with the least
 * cost so far (ties to the lowest shard). Every shard then ends within one
 * unit's cost of every other, and units of equal cost split evenly (counts
 * differ by at most one). The assignment depends only on the grid, so every
 * machine computes the same one without talking to the others.
 */

export interface ShardSpec {
  /** 0-based shard number. */
  index: number;
  /** Number of shards. */
  count: number;
}

/** Most shards: a sanity bound far above any job array that helps (one unit each at most anyway). */
export const MAX_SHARDS = 100_000;

/** Parse `I/N` (0 <= I < N). */
export function parseShard(text: string, flag = '--shard'): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(m?.[1]);
  const count = Number(m?.[2]);
  if (m === null || !(count >= 1) || count > MAX_SHARDS || !(index < count)) {
    throw new UserError(`${flag} "${text}": expected I/N with 0 <= I < N`, {
      jsonPath: flag,
      expected: `I/N: shard I (counted from 0) of N, N from 1 to ${MAX_SHARDS}`,
      suggestion: m !== null && index >= count && count >= 1 ? `shards of ${count} are numbered 0 to ${count - 1}: e.g. ${flag} ${count - 1}/${count}` : 'e.g. --shard 0/4 (on Slurm: $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)',
    });
  }
  return { index, count };
}

/** Which shard each item goes to (by position in `costs`), balanced by cost as described above. */
export function assignShards(costs: readonly number[], count: number): number[] {
  const order = costs.map((c, i) => ({ c, i })).sort((a, b) => b.c - a.c || a.i - b.i);
  const load = new Array<number>(count).fill(0);
  const shardOf = new Array<number>(costs.length).fill(0);
  for (const { c, i } of order) {
    let best = 0;
    for (let s = 1; s < count; s++) if ((load[s] as number) < (load[best] as number)) best = s;
    shardOf[i] = best;
    load[best] = (load[best] as number) + c;
  }
  return shardOf;
}

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { writeFileAtomic } from '../../util/atomic-write.js';
import type { UnitResult } from './run-unit.js';
import { finishedUnits, firstDifference, FORMAT, MANIFEST_FILE, prepareFolder, readManifest, writeOutputs, type SweepManifest } from './sweep-folder.js';
import { prepareShardFile, readShardRecord, SHARD_FILE, type ShardRecord } from './sweep-shard.js';

/**
 * `maxnvm merge`: combine the folders of every shard of one sweep into the
 * folder a single machine would have written: the same manifest, the same
 * unit files (copied byte for byte) and sweep.json and sweep.csv written from
 * them by the same code. Shards of different grids or of different code are
 * refused, and so is a set of shards with one missing, repeated or unfinished.
 */

/** Keys of the manifest that say which code wrote it, rather than which grid. */
const CODE_KEYS = new Set(['"tool"', '"version"', '"code_sha256"', '"format"']);

export interface MergeOutcome {
  manifest: SweepManifest;
  units: UnitResult[];
  shards: number;
}

export function mergeShards(dirs: readonly string[], out: string): MergeOutcome {
  if (dirs.length === 0) throw new UserError('merge names no shard folder', { expected: 'maxnvm merge SHARD_DIR... --out DIR', suggestion: 'e.g. maxnvm merge out/shard-* --out out/merged' });
  const shards = dirs.map((dir) => readShard(dir));
  const first = shards[0] as (typeof shards)[number];
  if (first.manifest.format !== FORMAT) {
    throw new UserError(`${first.dir} was written by maxnvm ${first.manifest.version} in sweep format ${String(first.manifest.format)}; this maxnvm writes format ${FORMAT}`, {
      file: join(first.dir, MANIFEST_FILE),
      expected: 'shards written by this version of maxnvm',
      suggestion: 'merge with the maxnvm that ran the shards, or rerun them with this one',
    });
  }
  for (const s of shards.slice(1)) {
    const diff = firstDifference(s.manifest, first.manifest);
    if (diff === undefined) continue;
    const code = CODE_KEYS.has(diff);
    throw new UserError(code ? `${s.dir} was written by other code than ${first.dir} (${diff} differs)` : `${s.dir} is a shard of a different grid than ${first.dir} (${diff} differs)`, {
      file: join(s.dir, MANIFEST_FILE),
      expected: code ? 'shards run by the same maxnvm code (same version and source hash)' : 'shards of one sweep: the same configs, keys, traces, policies, rates, seed and method',
      suggestion: code ? 'rerun every shard with the same checkout of maxnvm' : 'merge only the folders of one sweep, run with the same flags and --shard I/N',
    });
  }
  checkShardSet(shards.map((s) => ({ dir: s.dir, record: s.record })));
  const units: UnitResult[] = [];
  const copies: { from: string; to: string }[] = [];
  for (const s of shards) {
    const mine = s.record.units.map((i) => first.manifest.units[i]).filter((u) => u !== undefined);
    const done = finishedUnits(s.dir, mine);
    if (done.size < mine.length || mine.length < s.record.units.length) {
      throw new UserError(`shard ${s.record.index}/${s.record.count} in ${s.dir} is unfinished: ${done.size} of ${s.record.units.length} units`, {
        file: s.dir,
        expected: 'every unit of the shard finished',
        suggestion: 'rerun the same `maxnvm sweep ... --shard I/N --out` on that folder: finished units are kept',
      });
    }
    for (const u of mine) copies.push({ from: join(s.dir, u.file), to: join(out, u.file) });
    units.push(...done.values());
  }
  prepareFolder(out, first.manifest);
  prepareShardFile(out, undefined);
  for (const c of copies) writeFileAtomic(c.to, readFileSync(c.from, 'utf8'));
  units.sort((a, b) => a.unit.index - b.unit.index);
  writeOutputs(out, first.manifest, units);
  return { manifest: first.manifest, units, shards: shards.length };
}

function readShard(dir: string): { dir: string; manifest: SweepManifest; record: ShardRecord } {
  const manifestFile = join(dir, MANIFEST_FILE);
  const shardFile = join(dir, SHARD_FILE);
  if (!existsSync(manifestFile)) {
    throw new UserError(`${dir} is not a sweep folder (no ${MANIFEST_FILE})`, { file: dir, expected: 'the --out folder of `maxnvm sweep --shard I/N`', suggestion: 'check the folder names given to merge' });
  }
  if (!existsSync(shardFile)) {
    throw new UserError(`${dir} holds a whole sweep, not a shard (no ${SHARD_FILE})`, { file: dir, expected: 'the --out folder of `maxnvm sweep --shard I/N`', suggestion: 'a whole sweep needs no merge: `maxnvm report` reads it as it is' });
  }
  return { dir, manifest: readManifest(manifestFile) as SweepManifest, record: readShardRecord(shardFile) };
}

/** Every shard 0..N-1 of one N exactly once. */
export function checkShardSet(shards: readonly { dir: string; record: ShardRecord }[]): void {
  const count = shards[0]?.record.count ?? 0;
  const seen = new Map<number, string>();
  for (const { dir, record } of shards) {
    if (record.count !== count) {
      throw new UserError(`${dir} is shard ${record.index}/${record.count}, but ${shards[0]?.dir} is one of ${count}`, {
        file: join(dir, SHARD_FILE),
        expected: 'shards cut by the same N',
        suggestion: 'merge the shards of one run of --shard I/N',
      });
    }
    const other = seen.get(record.index);
    if (other !== undefined) {
      throw new UserError(`shard ${record.index}/${count} is given twice: ${other} and ${dir}`, { file: dir, expected: 'each shard once', suggestion: 'drop one of the two folders' });
    }
    seen.set(record.index, dir);
  }
  const missing = Array.from({ length: count }, (_, i) => i).filter((i) => !seen.has(i));
  if (missing.length > 0) {
    throw new UserError(`shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')} missing`, {
      expected: `the folders of all ${count} shards`,
      suggestion: 'run the missing shards (same flags, --shard I/N), then merge them all',
    });
  }
}

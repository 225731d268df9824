import type { CommandModule } from 'yargs';
import { mergeShards } from '../../system/sweep/merge.js';
import { SWEEP_CSV, SWEEP_JSON } from '../../system/sweep/sweep-folder.js';
import { checkOutputFolder } from '../../util/atomic-write.js';
import { join } from 'node:path';
import type { CliIo } from '../io.js';

interface MergeArgs {
  dirs: string[];
  out: string;
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const mergeCommand = (io: CliIo): CommandModule<object, MergeArgs> => ({
  builder: (y) =>
    y
      .positional('dirs', { type: 'string', array: true, demandOption: true, describe: 'shard folders (the --out of each sweep --shard I/N)' })
      .option('out', { type: 'string', demandOption: true, describe: 'folder of the merged sweep: sweep-manifest.json, units/, sweep.json, sweep.csv' }),
  handler: (args) => {
    checkOutputFolder(args.out, '--out');
    const r = mergeShards(args.dirs.map(String), args.out);
    const points = r.units.reduce((n, u) => n + u.rows.length, 0);
    io.stdout.write(`merged ${r.shards} shards: ${r.units.length} units, ${points} points in ${join(args.out, SWEEP_CSV)} and ${join(args.out, SWEEP_JSON)}\n`);
  },
});

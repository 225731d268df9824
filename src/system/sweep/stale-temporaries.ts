import { readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

/**
 * writeFileAtomic writes `.NAME.tmp-PID` and renames it into place; a process
 * killed between the two leaves the temporary behind. On resume, remove those
 * whose process is gone. A live process's temporary stays: it is about to be
 * renamed (the folder lock of a concurrent sweep is not ours to break).
 */
const TEMPORARY = /^\..+\.tmp-(\d+)$/;

/** Remove stale temporaries in `dir` and its `units/` folder; returns the names removed. */
export function removeStaleTemporaries(dir: string): string[] {
  const removed: string[] = [];
  for (const folder of [dir, join(dir, 'units')]) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue; // no units/ yet
    }
    for (const name of names) {
      const pid = Number(TEMPORARY.exec(name)?.[1]);
      if (!Number.isInteger(pid) || isAlive(pid)) continue;
      rmSync(join(folder, name), { force: true });
      removed.push(join(folder, name));
    }
  }
  return removed;
}

function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but is someone else's.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Every temporary folder a test makes (mkdtemp in tmpdir(), the CLI's own temporaries in spawned
 * processes) goes into one folder per test run, removed when the run ends: tests leave nothing
 * in the OS temp directory. os.tmpdir() reads TMPDIR, which workers and child processes inherit.
 */
export default function setup(): () => void {
  const previous = process.env.TMPDIR;
  const runDir = mkdtempSync(join(tmpdir(), 'maxnvm-test-run-'));
  process.env.TMPDIR = runDir;
  process.env.MAXNVM_TEST_RUN_TMPDIR = runDir;
  return () => {
    rmSync(runDir, { recursive: true, force: true });
    if (previous === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = previous;
  };
}

import { mkdirSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { removeStaleTemporaries } from '../../../src/system/sweep/stale-temporaries.js';

test("a dead process's .tmp-PID files go; a live process's and other files stay", () => {
  const dir = mkdtempSync(join(tmpdir(), 'maxnvm-stale-'));
  mkdirSync(join(dir, 'units'));
  // A process that has exited: its pid is free (pids are not reused this fast in practice).
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
  writeFileSync(join(dir, 'units', `.0001-a.json.tmp-${dead}`), '{');
  writeFileSync(join(dir, `.sweep.csv.tmp-${dead}`), 'x');
  writeFileSync(join(dir, 'units', `.0002-b.json.tmp-${process.pid}`), '{');
  writeFileSync(join(dir, 'units', '0000-c.json'), '{}');
  const removed = removeStaleTemporaries(dir);
  expect(removed.length).toBe(2);
  expect(readdirSync(dir).sort()).toEqual(['units']);
  expect(readdirSync(join(dir, 'units')).sort()).toEqual([`.0002-b.json.tmp-${process.pid}`, '0000-c.json']);
});

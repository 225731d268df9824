import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join, basename } from 'node:path';

/**
 * Write a file atomically: write a temporary sibling, then rename over the
 * target, so an interrupted run never leaves a half-written result.
 */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = join(dirname(file), `.${basename(file)}.tmp-${process.pid}`);
  writeFileSync(tmp, content);
  renameSync(tmp, file);
}

/** Stable JSON: 2-space indent, newline at the end; key order is the object's insertion order. */
export function toJson(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

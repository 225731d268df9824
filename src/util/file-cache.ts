import { statSync } from 'node:fs';

/**
 * Values read from files, kept per process while the file is unchanged (same
 * size and modification time): a sweep worker reads the same config and trace
 * files for thousands of units, and a file edited between two sweeps of one
 * process is read again.
 */
export function fileCache<T>(load: (file: string) => T): (file: string) => T {
  const cache = new Map<string, { stamp: string; value: T }>();
  return (file) => {
    let stamp: string;
    try {
      const s = statSync(file);
      stamp = `${s.size}:${s.mtimeMs}`;
    } catch {
      return load(file); // missing or unreadable: let the loader say so
    }
    const hit = cache.get(file);
    if (hit !== undefined && hit.stamp === stamp) return hit.value;
    const value = load(file);
    cache.set(file, { stamp, value });
    return value;
  };
}

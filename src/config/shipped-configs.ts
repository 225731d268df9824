import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError, nearest } from '../errors.js';

/**
 * Shipped architecture configs by name: `--arch nvdla-full-lpddr4` means
 * `arch-configs/nvdla-full-lpddr4.json` of this package when no file of that name
 * exists where the user is. A path (with a folder or a `.json` ending) is always a path.
 */

/** The package's arch-configs/ folder (src/config/ and dist/config/ are both two levels below the root). */
export const SHIPPED_ARCH_DIR = fileURLToPath(new URL('../../arch-configs/', import.meta.url));

/** Names of the shipped configs, sorted. */
export function shippedArchNames(): string[] {
  if (!existsSync(SHIPPED_ARCH_DIR)) return [];
  return readdirSync(SHIPPED_ARCH_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

const looksLikePath = (arg: string): boolean => arg.includes('/') || arg.includes('\\') || arg.toLowerCase().endsWith('.json');

/**
 * The file an `--arch` value names: the value itself when that file exists or it is written as a path,
 * else the shipped config of that name. An unknown bare name is a UserError listing the shipped names.
 */
export function resolveArchFile(arg: string): string {
  if (arg.trim() === '' || existsSync(arg) || looksLikePath(arg)) return arg;
  const names = shippedArchNames();
  if (names.includes(arg)) return join(SHIPPED_ARCH_DIR, `${arg}.json`);
  throw new UserError(`no architecture config file or shipped config named ${JSON.stringify(arg)}`, {
    file: arg,
    expected: `a config file path, or one of the shipped names: ${names.join(', ')}`,
    suggestion: names.length > 0 ? `did you mean ${nearest(arg, names) ?? names[0]}?` : 'give the path of a JSON config file',
  });
}

import { describe, expect, it } from 'vitest';
import yargs, { type Argv } from 'yargs';
import { commands } from '../../../src/cli/commands/index.js';

/**
 * The command table (src/cli/commands/index.ts) lists each command's flags so that `maxnvm --help` and the
 * "did you mean --x?" suggestions need no command module loaded. The lists must be what the builders declare.
 */

const silent = { stdout: { write: () => true }, stderr: { write: () => true } };

/**
 * The flags a command's builder declares (yargs' own record, untyped), without its positionals (`<dir>` in
 * its usage) and yargs' own `help` and `version`.
 */
async function declaredFlags(name: string): Promise<string[]> {
  const c = commands.find((x) => x.name === name);
  if (c === undefined) throw new Error(`no command ${name}`);
  const builder = (await c.load())(silent).builder as ((y: Argv) => Argv) | undefined;
  if (builder === undefined) return [];
  const y = yargs([]);
  builder(y);
  const positionals = [...c.usage.matchAll(/[<[]([\w-]+)/g)].map((m) => m[1]);
  const o = (y as unknown as { getOptions(): { key: Record<string, unknown> } }).getOptions();
  return Object.keys(o.key).filter((k) => k !== 'help' && k !== 'version' && !positionals.includes(k));
}

describe('the command table', () => {
  it('names each command once, with its name first in its usage', () => {
    const names = commands.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
    for (const c of commands) expect(c.usage.split(' ')[0]).toBe(c.name);
  });

  // import's flags belong to its subcommands (nvsim, nvmexplorer, memspec); its own builder declares none.
  it.each(commands.filter((c) => c.name !== 'import').map((c) => c.name))('lists exactly the flags that %s declares', async (name) => {
    const listed = commands.find((c) => c.name === name)?.flags ?? [];
    expect([...(await declaredFlags(name))].sort()).toEqual([...listed].sort());
  });

  it('loads every command as a yargs module with a handler', async () => {
    for (const c of commands) expect(typeof (await c.load())(silent).handler, c.name).toBe('function');
  });
});

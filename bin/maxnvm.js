#!/usr/bin/env node
// The maxnvm command line, compiled: runs dist/ (built by `npm run build`, which `npm ci` and `npm pack` run
// through the `prepare` script). bin/maxnvm-dev.js runs the TypeScript sources instead.
import { existsSync } from 'node:fs';
import { finish } from './finish.js';

const entry = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(entry)) {
  process.stderr.write('maxnvm: dist/ is missing; build it with `npm run build` (or run the sources: node bin/maxnvm-dev.js)\n');
  process.exit(2);
}
const { run } = await import(entry.href);
await finish(await run(process.argv.slice(2)));

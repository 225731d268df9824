#!/usr/bin/env node
// Runs the TypeScript sources directly through tsx, so no build step is needed after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { run } = await import('../src/cli/main.ts');
process.exit(await run(process.argv.slice(2)));

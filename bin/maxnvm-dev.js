#!/usr/bin/env node
// The maxnvm command line from its TypeScript sources through tsx (a devDependency): no build step, always the
// code as it is in src/. Tests that start the binary use this one; users run bin/maxnvm.js (compiled).
import { register } from 'tsx/esm/api';
import { finish } from './finish.js';

register();
const { run } = await import('../src/cli/main.ts');
await finish(await run(process.argv.slice(2)));

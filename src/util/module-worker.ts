import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Start a worker thread on a module of this project, whether it runs from its
 * TypeScript sources (tsx, vitest: `entry` ends in .ts) or compiled to
 * JavaScript. A worker has no TypeScript loader of its own, so from sources a
 * one-line bootstrap registers tsx's ESM loader first, then imports the entry.
 * `tsEntry` is the .ts module's URL; the .js sibling is used when compiled.
 */
export function startModuleWorker(tsEntry: URL, workerData: unknown): Worker {
  const fromSources = tsEntry.href.endsWith('.ts') && import.meta.url.endsWith('.ts');
  const entry = fromSources ? tsEntry : new URL(tsEntry.href.replace(/\.ts$/, '.js'));
  if (!fromSources) return new Worker(entry, { workerData });
  const bootstrap =
    `import(${JSON.stringify(tsxEsmApi())})` + `.then((tsx) => { tsx.register(); return import(${JSON.stringify(entry.href)}); })`;
  return new Worker(bootstrap, { eval: true, workerData });
}

/** URL of tsx's ESM API (`tsx/esm/api`, import condition), read from its package exports. */
function tsxEsmApi(): string {
  const pkgPath = createRequire(import.meta.url).resolve('tsx/package.json');
  const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports: Record<string, { import?: { default?: string } } | string> };
  const entry = pkg.exports['./esm/api'];
  const file = typeof entry === 'object' ? entry.import?.default : undefined;
  if (file === undefined) throw new Error(`tsx at ${pkgPath} has no ESM API to load TypeScript in workers`);
  return pathToFileURL(join(dirname(pkgPath), file)).href;
}

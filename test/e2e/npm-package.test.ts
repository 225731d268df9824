import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * The package as a user gets it: `npm pack` (which builds dist/ through `prepare`), the tarball installed into an
 * empty project from the npm cache (offline: `npm ci` has put every dependency there), then the README's library
 * example, the types, the `maxnvm` command and a report (plots) run from that project, and the figures compared
 * with the same calls on the TypeScript sources. Slow (a build and an install): minutes.
 */

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const SOURCES = pathToFileURL(join(REPO, 'src/index.ts')).href;
const tmp = mkdtempSync(join(tmpdir(), 'maxnvm-npm-package-'));
const project = join(tmp, 'project');
// The installed project holds thousands of files: removing them takes a while on a busy machine.
afterAll(() => rmSync(tmp, { recursive: true, force: true }), 120_000);

function sh(cmd: string, args: string[], cwd: string): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout: 600_000, env: { ...process.env, ONNXRUNTIME_NODE_INSTALL: 'skip' } });
}

function ok(r: SpawnSyncReturns<string>, what: string): string {
  if (r.status !== 0) throw new Error(`${what} exited with ${String(r.status)}:\n${r.stderr}\n${r.stdout}`);
  return r.stdout;
}

/** Run an ES module script in the project; with `sources`, its `from 'maxnvm'` imports src/index.ts through tsx instead. */
function runScript(name: string, code: string, sources = false): string {
  const file = join(tmp, sources ? `sources-${name}` : join('project', name));
  writeFileSync(file, sources ? code.replaceAll(`from 'maxnvm'`, `from '${SOURCES}'`) : code);
  return sources ? ok(sh(process.execPath, ['--import', 'tsx', file], REPO), `${name} on the sources`) : ok(sh(process.execPath, [file], project), name);
}

/** The README's example: the first ```js block of its "Use as a library" section. */
function readmeExample(): string {
  const readme = readFileSync(join(REPO, 'README.md'), 'utf8');
  const code = /## Use as a library\n[\s\S]*?```js\n([\s\S]*?)```/.exec(readme)?.[1];
  if (code === undefined) throw new Error('README.md has no ```js block under "## Use as a library"');
  return code;
}

beforeAll(() => {
  ok(sh('npm', ['pack', '--pack-destination', tmp], REPO), 'npm pack');
  const tarball = readdirSync(tmp).find((f) => f.endsWith('.tgz'));
  if (tarball === undefined) throw new Error(`npm pack wrote no tarball into ${tmp}`);
  mkdirSync(project);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true }));
  const install = (mode: string): SpawnSyncReturns<string> => sh('npm', ['install', mode, '--no-audit', '--no-fund', join(tmp, tarball)], project);
  // Offline from the cache that `npm ci` filled; should a dependency be missing there, fetch only what is.
  const offline = install('--offline');
  if (offline.status !== 0) ok(install('--prefer-offline'), 'npm install of the tarball');
}, 900_000);

describe('the packed npm package', () => {
  it('runs the README example and prints what the sources print', () => {
    const fromPackage = runScript('readme.mjs', readmeExample());
    expect(fromPackage).toMatch(/^latency \d+\.\d\d ms, \d+\.\d\d mJ per inference\nat 30 fps: \d+\.\d mW\n$/);
    expect(fromPackage).toBe(runScript('readme.mjs', readmeExample(), true));
  }, 120_000);

  it('simulates the tiny trace to the same figures as the sources, to the last digit', () => {
    // The package's own copy of the trace, found from the package's entry point; the sources read the repo's.
    const probe = `import { fileURLToPath } from 'node:url';
import { loadArchConfig, loadTrace, simulate } from 'maxnvm';
const trace = process.argv[2] ?? fileURLToPath(new URL('../traces/tiny-conv.json', import.meta.resolve('maxnvm')));
const r = simulate(loadArchConfig('nvdla-full-lpddr4'), loadTrace(trace), { fps: [1, 30], frames: 2, seed: 1 });
// The config's path differs between the two installs; every figure must not.
console.log(JSON.stringify({ ...r, arch: { ...r.arch, file: undefined } }));
`;
    const fromPackage = JSON.parse(runScript('probe.mjs', probe)) as { feasible: boolean; inference?: { time_s: number }; points?: { power_W: number }[] };
    expect(fromPackage.feasible).toBe(true);
    expect(fromPackage.inference?.time_s).toBeGreaterThan(0);
    expect(fromPackage.points?.[1]?.power_W).toBeGreaterThan(0);
    expect(fromPackage).toEqual(JSON.parse(runScript('probe.mjs', probe.replace(`process.argv[2]`, JSON.stringify(join(REPO, 'traces/tiny-conv.json'))), true)));
  }, 120_000);

  it('ships types: a typed use compiles and a wrong type is refused', () => {
    const tsc = join(REPO, 'node_modules/typescript/bin/tsc');
    const flags = ['--noEmit', '--strict', '--module', 'nodenext', '--moduleResolution', 'nodenext', '--target', 'es2022', '--skipLibCheck', '--types', 'node', '--typeRoots', join(REPO, 'node_modules/@types')];
    const use = `import { loadArchConfig, buildResNet50, simulate, type SimulationResult } from 'maxnvm';
const r: SimulationResult = simulate(loadArchConfig('nvdla-full-lpddr4'), buildResNet50('v1.5'), { fps: [], frames: 1, seed: 1 });
export const latency_s: number | undefined = r.feasible ? r.inference.time_s : undefined;
`;
    writeFileSync(join(project, 'typed.mts'), use);
    ok(sh(process.execPath, [tsc, ...flags, 'typed.mts'], project), 'tsc on a typed use');
    writeFileSync(join(project, 'mistyped.mts'), `${use}export const wrong: string = latency_s;\n`);
    const refused = sh(process.execPath, [tsc, ...flags, 'mistyped.mts'], project);
    expect(refused.status).not.toBe(0);
    expect(refused.stdout).toMatch(/mistyped\.mts.*error TS2322/);
  }, 120_000);

  it('loads neither vega nor ajv on import, and require() works from CommonJS', () => {
    // A resolve hook that lists every module the import reaches.
    writeFileSync(join(project, 'hooks.mjs'), `export async function resolve(s, c, next) { const r = await next(s, c); process.stderr.write(r.url + '\\n'); return r; }\n`);
    writeFileSync(join(project, 'listed.mjs'), `import { register } from 'node:module';\nregister('./hooks.mjs', import.meta.url);\nawait import('maxnvm');\n`);
    const listed = sh(process.execPath, ['listed.mjs'], project);
    ok(listed, 'import with a resolve hook');
    const urls = listed.stderr;
    expect(urls).toContain('/node_modules/maxnvm/dist/index.js');
    expect(urls).not.toMatch(/node_modules\/(vega|vega-lite|ajv)\//);
    writeFileSync(join(project, 'required.cjs'), `const m = require('maxnvm');\nconsole.log(typeof m.simulate, typeof m.writePlots);\n`);
    expect(ok(sh(process.execPath, ['required.cjs'], project), 'require(maxnvm)').trim()).toBe('function function');
  }, 120_000);

  it('installs the maxnvm command, which simulates and draws a report from the compiled code', () => {
    const bin = join(project, 'node_modules/.bin/maxnvm');
    expect(ok(sh(bin, ['--help'], project), 'maxnvm --help')).toContain('maxnvm simulate');
    const trace = join(project, 'node_modules/maxnvm/traces/tiny-conv.json');
    ok(sh(bin, ['simulate', '--arch', 'nvdla-full-lpddr4', '--trace', trace, '--fps', '1,30', '--out', 'sim'], project), 'maxnvm simulate');
    const printed = ok(sh(bin, ['report', 'sim'], project), 'maxnvm report');
    expect(printed).toContain('report.html');
    const svgs = readdirSync(join(project, 'sim/plots')).filter((f) => f.endsWith('.svg'));
    expect(svgs.length).toBeGreaterThan(0);
    expect(readFileSync(join(project, 'sim/plots', svgs[0] ?? ''), 'utf8')).toMatch(/^<svg/);
    expect(existsSync(join(project, 'sim/report.html'))).toBe(true);
  }, 300_000);
});

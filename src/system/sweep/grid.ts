import { createHash } from 'node:crypto';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { resolveArchFile } from '../../config/shipped-configs.js';
import { withDramIdlePolicy, type ArchConfig } from '../../config/arch-config.js';
import { nearest, UserError } from '../../errors.js';
import { IDLE_POLICIES, type DramIdlePolicy } from '../../hw/dram/spec.js';
import { loadTrace } from '../../workload/load-trace.js';
import type { Trace } from '../../workload/layer.js';
import { buildEverySystem } from './preflight.js';
import { logSpaced } from '../../util/spacing.js';
import { fileCache } from '../../util/file-cache.js';
import { checkAxes, type GridAxis } from './design/check-axes.js';
import { baseOf, designConfig, designSets, type DesignConfig, type DesignSet } from './design/designs.js';
import type { ShardSpec } from './shard.js';

/**
 * A sweep's grid: frame rates × architecture configs × traces × DRAM idle
 * policies. It is resolved and checked as a whole before any point runs, and
 * cut into work units (config, trace, policy) in one canonical order, which is
 * the order of the rows whatever the number of workers.
 */

export interface SweepGrid {
  /** Architecture config files; the rows and the sweep's identity hold them normalized (`normalizePath`). */
  archFiles: readonly string[];
  traceFiles: readonly string[];
  /** Frame rates, 1/s. Sorted and deduplicated when resolved. */
  fps: readonly number[];
  /** DRAM idle policies to try on systems with DRAM; absent: each config's own. */
  policies?: readonly DramIdlePolicy[];
  seed: number;
  /** Replay every point (3 frames, `replayFrames`) instead of composing it from one inference. */
  exact?: boolean;
  /** The flag the rates came from (`--fps` or `--fps-range`), for messages. */
  rateFlag?: string;
  /** Config keys and their values: every combination (a design) is applied to every arch config. */
  set?: readonly GridAxis[];
  /** Run only this share of the units (`--shard I/N`); the folder then holds units, not sweep.json. */
  shard?: ShardSpec;
}

/** "-": the system has no DRAM, so there is no DRAM policy to choose. */
type UnitPolicy = DramIdlePolicy | '-';

/** One work unit: a system, a trace and a policy; every frame rate of the grid is one point of it. */
export interface SweepUnit {
  index: number;
  archFile: string;
  traceFile: string;
  policy: UnitPolicy;
  /** The design's keys and values (grids with `set` only). */
  set?: DesignSet;
  /** Result file inside the output folder. */
  file: string;
}

export interface ResolvedGrid {
  fps: number[];
  seed: number;
  exact: boolean;
  units: SweepUnit[];
  /** What identifies this sweep (content hashes of every input), for resuming. */
  identity: GridIdentity;
}

export interface GridIdentity {
  seed: number;
  method: 'composed' | 'replay-3-frames';
  fps: number[];
  policies: readonly DramIdlePolicy[] | 'config';
  archs: { file: string; name: string; sha256: string }[];
  traces: { file: string; name: string; sha256: string }[];
  /** The grid's axes and each design's resolved config hash or reason (grids with `set` only). */
  set?: GridAxis[];
  designs?: DesignRecord[];
}

/** A design as the manifest records it: what it set, and the sha256 of its resolved config or why it has none. */
export type DesignRecord = { archFile: string; name: string; set: DesignSet } & ({ config_sha256: string } | { reason: string });

/**
 * The lowest accepted rate: replay runs up to four periods and simulated time
 * is an integer number of ps below 2^53 (about 9007 s), so 4 / 1e-3 fps = 4000 s fits.
 */
const MIN_FPS = 1e-3;
/** The highest accepted rate: its period, 1 ps, is the simulator's time resolution (as for `simulate`). */
const MAX_FPS = 1e12;

/**
 * Rates per sweep: 10,000 log-spaced rates resolve a curve far finer than a
 * plot shows, and cost about 1 ms each per unit when composed.
 */
const MAX_RATES = 10_000;
/** Points per sweep (rates × units): each is a row of sweep.csv and sweep.json (about 1 KB); 100,000 rows are about 100 MB. */
const MAX_GRID_POINTS = 100_000;

/**
 * Check every input, build every system once (preflight.ts), and cut the grid
 * into units. Throws UserError (exit code 2) on any problem.
 */
export function resolveGrid(grid: SweepGrid): ResolvedGrid {
  const fps = checkRates(grid.fps, grid.rateFlag ?? '--fps');
  const policies = grid.policies === undefined ? undefined : checkPolicies(grid.policies);
  const axes = checkAxes(grid.set ?? [], policies !== undefined);
  if (grid.archFiles.length === 0) throw new UserError('the sweep names no architecture config', { expected: '--arch FILE...', suggestion: 'e.g. --arch arch-configs/nvdla-full-lpddr4.json' });
  if (grid.traceFiles.length === 0) throw new UserError('the sweep names no trace', { expected: '--trace FILE...', suggestion: 'e.g. --trace traces/tiny-conv.json' });
  // A shipped config's name (`nvdla-full-lpddr4`) becomes its file, so units and manifests name files.
  const archFiles = unique(grid.archFiles.map((f) => normalizePath(resolveArchFile(f))));
  const traceFiles = unique(grid.traceFiles.map(normalizePath));
  const sets = designSets(axes);
  const designs = archFiles.flatMap((file) => designsOf(file, sets, axes.length > 0));
  const traces = traceFiles.map((f) => cachedTrace(f));
  const unitCount = designs.reduce((n, d) => n + unitPolicies(d.design, policies).length, 0) * traces.length;
  if (unitCount * fps.length > MAX_GRID_POINTS) {
    throw new UserError(`the sweep has ${unitCount} units × ${fps.length} rates = ${unitCount * fps.length} points, more than ${MAX_GRID_POINTS}`, {
      jsonPath: grid.rateFlag ?? '--fps',
      expected: `at most ${MAX_GRID_POINTS} points (configs × designs × traces × policies × rates): a sanity bound, about 100 MB of rows`,
      suggestion: `use at most ${Math.max(1, Math.floor(MAX_GRID_POINTS / unitCount))} rates, or fewer configs, designs, traces or policies`,
    });
  }
  // Designs of a grid are built by their units: a combination the models cannot build is that design's reason.
  if (axes.length === 0) {
    const archs = designs.map((d) => (d.design as Extract<DesignConfig, { feasible: true }>).config);
    buildEverySystem(archs, traces.map((trace, i) => ({ file: traceFiles[i] as string, trace })), grid.seed);
  }
  const units: SweepUnit[] = [];
  for (const d of designs) {
    for (const [ti, trace] of traces.entries()) {
      for (const policy of unitPolicies(d.design, policies)) {
        const index = units.length;
        const traceFile = traceFiles[ti] as string;
        const file = unitFileName(index, d.baseName, axes.length > 0 ? d.index : undefined, trace.name, policy);
        units.push({ index, archFile: d.file, traceFile, policy, ...(axes.length > 0 ? { set: d.set } : {}), file });
      }
    }
  }
  const bases = designs.filter((d) => d.index === 0);
  return {
    fps,
    seed: grid.seed,
    exact: grid.exact === true,
    units,
    identity: {
      seed: grid.seed,
      method: grid.exact === true ? 'replay-3-frames' : 'composed',
      fps,
      policies: policies ?? 'config',
      archs: bases.map((d) => ({ file: d.file, name: d.baseName, sha256: hashOf(d.baseContents) })),
      traces: traces.map((t, i) => ({ file: traceFiles[i] as string, name: t.name, sha256: hashOf(t) })),
      ...(axes.length > 0 ? { set: axes, designs: designs.map(designRecord) } : {}),
    },
  };
}

interface GridDesign {
  file: string;
  /** Index of the design among those of its base file. */
  index: number;
  set: DesignSet;
  baseName: string;
  /** The base file's resolved contents without keys set (its identity), or its raw JSON when it resolves only with them. */
  baseContents: unknown;
  design: DesignConfig;
}

/**
 * The designs of one base file. Without axes the file must resolve (any
 * problem is a UserError, as for a plain sweep); with axes a rejected
 * combination is its design's reason, but a file rejected in every
 * combination is the user's error: no point of it could run.
 */
function designsOf(file: string, sets: readonly DesignSet[], grid: boolean): GridDesign[] {
  if (!grid) {
    const only = designConfig(file, {}) as Extract<DesignConfig, { feasible: true }>;
    return [{ file, index: 0, set: {}, baseName: only.config.name, baseContents: configContents(only.config), design: only }];
  }
  const base = baseOf(file);
  const out = sets.map((set, index): GridDesign => ({ file, index, set, baseName: base.name, baseContents: base.contents, design: designConfig(file, set) }));
  const first = out[0]?.design;
  if (first !== undefined && !first.feasible && out.every((d) => !d.design.feasible)) {
    throw new UserError(`${file}: every design of the grid is rejected; the first: ${first.reason}`, {
      file,
      expected: 'a config that at least one combination of the --set values makes valid',
      suggestion: 'check that the keys set belong to sections this config uses (its placement), and that their values agree with the file',
    });
  }
  return out;
}

function designRecord(d: GridDesign): DesignRecord {
  if (!d.design.feasible) return { archFile: d.file, name: d.design.name, set: d.set, reason: d.design.reason };
  return { archFile: d.file, name: d.design.config.name, set: d.set, config_sha256: hashOf(configContents(d.design.config)) };
}

/**
 * One spelling per file, so that `./arch-configs/x.json` and
 * `arch-configs/x.json` are the same sweep: relative to the working directory
 * with forward slashes; absolute for files outside it (a path climbing out
 * with ../ would be as long and say less).
 */
export function normalizePath(file: string): string {
  const abs = resolve(file);
  const rel = relative(process.cwd(), abs);
  const outside = rel === '' || isAbsolute(rel) || rel.split(sep)[0] === '..';
  return (outside ? abs : rel).split(sep).join('/');
}

/** The design a unit runs: its file with the unit's keys set, with the unit's DRAM policy in place of the config's own. */
export function unitDesign(unit: SweepUnit): DesignConfig {
  const d = designConfig(unit.archFile, unit.set ?? {});
  if (!d.feasible || unit.policy === '-') return d;
  return { feasible: true, config: withDramIdlePolicy(d.config, unit.policy, '--policies') };
}

/** The config a unit runs (a UserError when its design is rejected). */
export function unitConfig(unit: SweepUnit): ArchConfig {
  const d = unitDesign(unit);
  if (!d.feasible) throw new UserError(`${unit.archFile}: ${d.reason}`, { file: unit.archFile });
  return d.config;
}

/** Traces read once per process while unchanged: every unit of a grid reads one of a few files. */
const cachedTrace = fileCache(loadTrace);

export function unitTrace(unit: SweepUnit): Trace {
  return cachedTrace(unit.traceFile);
}

/** `count` rates from `min` to `max`, evenly spaced in log scale, each rounded to 6 significant digits. */
export const logSpacedRates = logSpaced;

/** Parse `--fps-range min:max:count`. */
export function parseFpsRange(text: string): number[] {
  const parts = text.split(':').map((s) => Number(s.trim()));
  const [min, max, count] = parts;
  const bad = (why: string): UserError =>
    new UserError(`--fps-range "${text}": ${why}`, {
      jsonPath: '--fps-range',
      expected: 'min:max:count with 0 < min <= max and a whole count >= 1, e.g. 0.1:300:200',
      suggestion: 'or give the rates as a list: --fps 1,10,30',
    });
  if (parts.length !== 3 || min === undefined || max === undefined || count === undefined || parts.some((v) => !Number.isFinite(v))) {
    throw bad('not three numbers separated by ":"');
  }
  if (min <= 0 || max <= 0) throw bad('rates must be positive');
  if (max < min) throw bad('max is below min');
  if (!Number.isInteger(count) || count < 1) throw bad('count must be a whole number >= 1');
  if (min === max && count > 1) throw bad('min = max gives one rate; use count 1');
  if (count > MAX_RATES) throw bad(`count ${parts[2]} is more than ${MAX_RATES} rates (a sanity bound: finer than any plot shows); use e.g. ${min}:${max}:200`);
  return logSpacedRates(min, max, count);
}

function checkRates(rates: readonly number[], flag: string): number[] {
  if (rates.length > MAX_RATES) {
    throw new UserError(`${flag}: ${rates.length} rates, more than ${MAX_RATES}`, { jsonPath: flag, expected: `at most ${MAX_RATES} rates (a sanity bound: finer than any plot shows)`, suggestion: 'e.g. --fps-range 0.1:300:200' });
  }
  if (rates.length === 0) {
    throw new UserError('the sweep has no frame rates', { jsonPath: flag, expected: '--fps 1,10,30 or --fps-range 0.1:300:200', suggestion: 'give at least one positive rate' });
  }
  for (const f of rates) {
    if (!Number.isFinite(f) || f <= 0) {
      throw new UserError(`${flag}: frame rate ${f} is not a positive number`, { jsonPath: flag, expected: 'rates > 0 in frames per second', suggestion: 'e.g. --fps 1,10,30' });
    }
    if (f > MAX_FPS) {
      throw new UserError(`${flag}: frame rate ${f} fps has a period shorter than 1 ps, the simulator's time resolution`, {
        jsonPath: flag,
        expected: `rates up to ${MAX_FPS.toExponential()} fps; any rate above about 1e9 fps is infeasible on every system anyway`,
        suggestion: 'use rates near the highest sustainable one, which the sweep summary prints as "max fps"',
      });
    }
    if (f < MIN_FPS) {
      throw new UserError(`${flag}: frame rate ${f} fps is below ${MIN_FPS} fps`, {
        jsonPath: flag,
        expected: `rates >= ${MIN_FPS} fps (simulated time is an integer number of ps below 2^53, about 9007 s)`,
        suggestion: flag === '--fps-range' ? `start the range at ${MIN_FPS} or more, e.g. --fps-range ${MIN_FPS}:${Math.max(...rates)}:${rates.length}` : `use rates of ${MIN_FPS} fps or more`,
      });
    }
  }
  return [...new Set(rates)].sort((a, b) => a - b);
}

function checkPolicies(policies: readonly string[]): DramIdlePolicy[] {
  if (policies.length === 0) throw new UserError('--policies names no policy', { jsonPath: '--policies', expected: IDLE_POLICIES.join(', '), suggestion: 'omit --policies to use each config\'s own' });
  for (const p of policies) {
    if (!(IDLE_POLICIES as readonly string[]).includes(p)) {
      const near = nearest(p, IDLE_POLICIES);
      throw new UserError(`--policies: unknown DRAM idle policy "${p}"`, {
        jsonPath: '--policies',
        expected: IDLE_POLICIES.join(' | '),
        suggestion: near !== undefined ? `did you mean ${near}?` : `choose from ${IDLE_POLICIES.join(', ')}`,
      });
    }
  }
  return unique(policies) as DramIdlePolicy[];
}

/** The policies of a design's units; a rejected design has one unit, whose rows give its reason. */
function unitPolicies(design: DesignConfig, policies: readonly DramIdlePolicy[] | undefined): UnitPolicy[] {
  if (!design.feasible || design.config.dram === undefined) return ['-'];
  return policies === undefined ? [design.config.dram.idlePolicy] : [...policies];
}

function unique<T>(list: readonly T[]): T[] {
  return [...new Set(list)];
}

/** units/0007-nvdla-full-lpddr4--tiny-conv--power-down.json; a grid's design adds its index: units/0007-nvdla-full-lpddr4-d3--... */
function unitFileName(index: number, system: string, design: number | undefined, trace: string, policy: UnitPolicy): string {
  const slug = (s: string): string => s.replace(/[^A-Za-z0-9._-]+/g, '_');
  const p = policy === '-' ? 'no-dram' : policy;
  return `units/${String(index).padStart(4, '0')}-${slug(system)}${design === undefined ? '' : `-d${design}`}--${slug(trace)}--${p}.json`;
}

/** A resolved config's contents, without the file it came from (recorded beside it). */
function configContents(config: ArchConfig): Omit<ArchConfig, 'file'> {
  const { file: _file, ...rest } = config;
  return rest;
}

function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex');
}

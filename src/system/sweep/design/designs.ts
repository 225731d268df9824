import { resolveArchConfig, type ArchConfig } from '../../../config/arch-config.js';
import { UserError, type Infeasible } from '../../../errors.js';
import { fileCache } from '../../../util/file-cache.js';
import { readJsonFile } from '../../../util/json-validate.js';
import type { GridValue } from './config-keys.js';
import type { GridAxis } from './set-values.js';

/**
 * Designs of a grid: every combination of the axes' values (the cartesian
 * product, first axis outermost), each applied to a base config file. A
 * combination the config rules reject (two keys that contradict each other)
 * is a design with a reason instead of a config: its rows say why, with no
 * numbers, and the other designs run.
 */

/** Key → value of one design, in axis order. */
export type DesignSet = Record<string, GridValue>;

/** A design's resolved config, or why the config rules reject it (the one infeasible variant, named). */
export type DesignConfig = { feasible: true; config: ArchConfig } | (Infeasible & { name: string });

/** The cartesian product of the axes; no axes: one design with nothing set. */
export function designSets(axes: readonly GridAxis[]): DesignSet[] {
  let out: DesignSet[] = [{}];
  for (const axis of axes) out = out.flatMap((d) => axis.values.map((v) => ({ ...d, [axis.key]: v })));
  return out;
}

/** "nvdla-full-lpddr4 nvdla.macAtomicK=8 memoryPort.peakBandwidth_GBps=5": tables, plots and CSV tell the designs apart by it. */
export function designName(base: string, set: DesignSet): string {
  return [base, ...Object.entries(set).map(([k, v]) => `${k}=${String(v)}`)].join(' ');
}

/** A copy of a config file's JSON with each dotted key set (sections created when missing). */
export function withKeys(raw: unknown, set: DesignSet): unknown {
  const out = structuredClone(raw) as Record<string, unknown>;
  for (const [key, value] of Object.entries(set)) {
    const parts = key.split('.');
    let node = out;
    for (const part of parts.slice(0, -1)) {
      const next = node[part];
      node = (node[part] = typeof next === 'object' && next !== null && !Array.isArray(next) ? { ...(next as object) } : {}) as Record<string, unknown>;
    }
    node[parts[parts.length - 1] as string] = value;
  }
  return out;
}

/** Base files read once per process: a grid applies thousands of designs to a few files. */
const rawConfig = fileCache((file) => readJsonFile(file, 'architecture config'));

/**
 * A base file as a grid's identity records it: its name, and its resolved
 * contents (without the file name), or its JSON as written when it is valid
 * only with some of the grid's keys set.
 */
export function baseOf(archFile: string): { name: string; contents: unknown } {
  const raw = rawConfig(archFile);
  const rawName = (raw as { name?: unknown }).name;
  try {
    const { file: _file, ...contents } = resolveArchConfig(raw, archFile);
    return { name: contents.name, contents };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { name: typeof rawName === 'string' ? rawName : archFile, contents: raw };
  }
}

/**
 * The resolved config of `set` applied to `archFile`. Without keys this is the
 * file itself, and any problem is the user's (a UserError). With keys, a
 * problem of the resolved combination is that design's reason.
 */
export function designConfig(archFile: string, set: DesignSet): DesignConfig {
  const raw = rawConfig(archFile);
  const keys = Object.keys(set);
  if (keys.length === 0) return { feasible: true, config: resolveArchConfig(raw, archFile) };
  const baseName = typeof (raw as { name?: unknown }).name === 'string' ? (raw as { name: string }).name : archFile;
  const name = designName(baseName, set);
  try {
    const config = resolveArchConfig(withKeys(raw, set), archFile);
    return { feasible: true, config: { ...config, name } };
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    return { feasible: false, name, reason: reasonOf(e) };
  }
}

/** A config rule's complaint as a row's reason: the message and where in the config. */
export function reasonOf(e: UserError): string {
  const at = e.details.jsonPath !== undefined && !e.message.includes(e.details.jsonPath) ? ` (at ${e.details.jsonPath})` : '';
  return `config rejected: ${e.message}${at}`;
}

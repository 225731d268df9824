import { UserError } from '../../errors.js';
import { loadGridFile, type GridFile } from '../../system/sweep/design/grid-file.js';
import { parseSetFlag } from '../../system/sweep/design/set-values.js';
import { parseFpsRange, type SweepGrid } from '../../system/sweep/grid.js';
import { parseShard } from '../../system/sweep/shard.js';
import { parsePositiveList } from '../../util/parse-flags.js';
import { parseSeed } from '../seed-option.js';

/** The flags of `maxnvm sweep` that say what to sweep. */
export interface SweepGridArgs {
  arch?: string[];
  trace?: string[];
  fps?: string;
  'fps-range'?: string;
  policies?: string;
  set?: string[];
  grid?: string;
  shard?: string;
  seed: number;
  exact: boolean;
}

/** The grid of flags and grid file together; what both give is refused as ambiguous. */
export function gridOfArgs(args: SweepGridArgs): SweepGrid {
  const file: GridFile | undefined = args.grid === undefined ? undefined : loadGridFile(args.grid);
  const once = <T>(flag: string, fromFlag: T | undefined, fromFile: T | undefined): T | undefined => {
    if (fromFlag !== undefined && fromFile !== undefined) {
      throw new UserError(`${flag} is given both on the command line and in the grid file`, {
        file: args.grid,
        expected: `${flag} in one place`,
        suggestion: `drop ${flag}, or remove it from ${args.grid}`,
      });
    }
    return fromFlag ?? fromFile;
  };
  const arch = once('--arch', args.arch?.map(String), file?.arch);
  const trace = once('--trace', args.trace?.map(String), file?.trace);
  const fpsFlag = args.fps !== undefined || args['fps-range'] !== undefined ? ratesOf(args) : undefined;
  const fps = once('--fps', fpsFlag, file?.fps) ?? ratesOf(args);
  const policies = once('--policies', args.policies?.split(',').map((s) => s.trim()), file?.policies);
  const flagged = (args.set ?? []).map((s) => parseSetFlag(String(s)));
  for (const a of flagged) once(`--set ${a.key}`, a.values, file?.set.find((b) => b.key === a.key)?.values);
  const set = [...(file?.set ?? []), ...flagged];
  if (arch === undefined) throw new UserError('the sweep needs architecture configs', { jsonPath: '--arch', expected: '--arch FILE... (or "arch" in the grid file)', suggestion: 'e.g. --arch arch-configs/nvdla-full-lpddr4.json' });
  if (trace === undefined) throw new UserError('the sweep needs traces', { jsonPath: '--trace', expected: '--trace FILE... (or "trace" in the grid file)', suggestion: 'e.g. --trace traces/tiny-conv.json' });
  return {
    archFiles: arch,
    traceFiles: trace,
    fps,
    policies: policies as SweepGrid['policies'],
    seed: parseSeed(args.seed),
    exact: args.exact,
    rateFlag: args['fps-range'] !== undefined ? '--fps-range' : '--fps',
    ...(set.length > 0 ? { set } : {}),
    ...(args.shard === undefined ? {} : { shard: parseShard(String(args.shard)) }),
  };
}

function ratesOf(args: SweepGridArgs): number[] {
  const list = args.fps;
  const range = args['fps-range'];
  if ((list === undefined) === (range === undefined)) {
    throw new UserError(list === undefined ? 'the sweep needs frame rates' : 'give --fps or --fps-range, not both', {
      expected: '--fps 1,10,30 or --fps-range 0.1:300:200',
      suggestion: 'use --fps for a list of rates, --fps-range for log-spaced rates',
    });
  }
  return list !== undefined ? parsePositiveList('fps', list) : parseFpsRange(String(range));
}

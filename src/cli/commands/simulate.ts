import type { CommandModule } from 'yargs';
import { loadArchConfig, withDramIdlePolicy, withWeightStorageFile } from '../../config/arch-config.js';
import { IDLE_POLICIES } from '../../hw/dram/spec.js';
import { drampowerTraceFiles } from '../../hw/dram/drampower-trace.js';
import { writeSimulationOutputs, pointsCsv, simulationTable } from '../../report/simulation-report.js';
import { checkOutputFile, checkOutputFolder, toJson } from '../../util/atomic-write.js';
import { simulate } from '../../system/simulate.js';
import { loadTrace } from '../../workload/load-trace.js';
import { manifestFor } from '../manifest.js';
import { UserError } from '../../errors.js';
import { parseChoice, parseInteger, parsePositiveList } from '../../util/parse-flags.js';
import { checkSimulatedTime } from '../simulate-limits.js';
import { withInputFile } from '../errors.js';
import { parseSeed, seedOption } from '../seed-option.js';
import type { CliIo } from '../io.js';

interface SimulateArgs {
  arch: string;
  trace: string;
  fps?: string;
  frames: string;
  seed: number;
  format: string;
  out?: string;
  'dram-trace'?: string;
  'idle-policy'?: string;
  'weight-storage'?: string;
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const simulateCommand = (io: CliIo): CommandModule<object, SimulateArgs> => ({
  builder: (y) =>
    y
      .option('arch', { type: 'string', demandOption: true, describe: 'architecture config: a JSON file, or a shipped config by name (e.g. nvdla-full-lpddr4)' })
      .option('trace', { type: 'string', demandOption: true, describe: 'workload trace (traces/*.json)' })
      .option('fps', { type: 'string', describe: 'comma-separated frame rates, e.g. 1,10,30' })
      // Strings, so that a typo is quoted back as typed rather than as NaN.
      .option('frames', { type: 'string', default: '3', describe: 'frames per rate; the first warms up, the rest are measured' })
      .option('seed', seedOption('every random stream (synthetic sparsity patterns)'))
      .option('format', { type: 'string', default: 'table', describe: 'table | json | csv' })
      .option('out', { type: 'string', describe: 'write manifest.json, summary.json, layers.csv, points.csv, power-states.csv here' })
      .option('idle-policy', { type: 'string', describe: `override the config's DRAM idle policy: ${IDLE_POLICIES.join(' | ')}` })
      .option('weight-storage', { type: 'string', describe: "replace the config's weightStorage: a { weightStorage } file as `maxnvm faults --search` writes, or a storage choice" })
      .option('dram-trace', {
        type: 'string',
        describe:
          "write the DRAM command stream in DRAMPower's CSV trace format, one file per channel (name.chN.ext when several); it covers the replay at the first --fps rate only (the lone inference without --fps)",
      }),
  handler: (args) => {
    const format = parseChoice('format', args.format, ['table', 'json', 'csv'] as const);
    const fps = args.fps === undefined ? [] : parsePositiveList('fps', args.fps);
    const frames = parseInteger('frames', args.frames, 1);
    const seed = parseSeed(args.seed);
    checkSimulatedTime(fps, frames);
    const policy = args['idle-policy'] === undefined ? undefined : parseChoice('idle-policy', args['idle-policy'], IDLE_POLICIES);
    if (args.out !== undefined) checkOutputFolder(args.out, '--out');
    const dramTracePath = args['dram-trace'];
    if (dramTracePath !== undefined) checkOutputFile(dramTracePath, '--dram-trace');
    const loaded = loadArchConfig(args.arch);
    const withPolicy = policy === undefined ? loaded : withDramIdlePolicy(loaded, policy);
    const config = args['weight-storage'] === undefined ? withPolicy : withWeightStorageFile(withPolicy, args['weight-storage']);
    const trace = loadTrace(args.trace);
    if (dramTracePath !== undefined && config.dram === undefined) {
      throw new UserError('--dram-trace needs a system with LPDDR4', {
        file: args.arch,
        jsonPath: '/dram',
        expected: 'an architecture config with a "dram" section',
        suggestion: 'drop --dram-trace, or use e.g. arch-configs/nvdla-full-lpddr4.json',
      });
    }
    const dramTrace = dramTracePath === undefined || config.dram === undefined ? undefined : drampowerTraceFiles(dramTracePath, config.dram.channels);
    const result = withInputFile(args.arch, () => simulate(config, trace, { fps, frames, seed, dramTrace }), () => dramTrace?.discard());
    if (args.out !== undefined) {
      writeSimulationOutputs(args.out, result, manifestFor('simulate', { arch: config, trace: { file: args.trace, name: trace.name }, fps, frames, seed }));
    }
    if (format === 'json') io.stdout.write(toJson(result));
    else if (format === 'csv') io.stdout.write(pointsCsv(result));
    else io.stdout.write(simulationTable(result, config.dram?.idlePolicy));
  },
});

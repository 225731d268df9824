import type { CommandModule } from 'yargs';
import { loadRun } from '../../report/html/load-run.js';
import { parseObjectives } from '../../report/pareto/objectives.js';
import { DEFAULT_OBJECTIVES, writePareto } from '../../report/pareto/write-pareto.js';
import type { CliIo } from '../io.js';

interface ParetoArgs {
  dir: string;
  objectives: string;
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const paretoCommand = (io: CliIo): CommandModule<object, ParetoArgs> => ({
  builder: (y) =>
    y
      .positional('dir', { type: 'string', demandOption: true, describe: 'output folder of maxnvm sweep (or merge)' })
      .option('objectives', {
        type: 'string',
        default: DEFAULT_OBJECTIVES,
        describe: 'two or three of area_mm2, energy_J, latency_s, power_W, maxFps; each minimized, or maximized as max:COLUMN',
      }),
  handler: async (args) => {
    const objectives = parseObjectives(args.objectives);
    const run = loadRun(args.dir);
    const w = await writePareto(args.dir, run.rows, objectives);
    io.stdout.write(`${w.result.front.length} non-dominated of ${w.result.candidates.length} feasible points\n${w.files.map((f) => `wrote ${f}`).join('\n')}\n`);
  },
});

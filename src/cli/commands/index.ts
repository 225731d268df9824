import type { CommandModule } from 'yargs';
import { PLOT_STYLE_FLAGS } from '../plot-style-flags.js';
import type { CliIo } from '../io.js';

/** A command's yargs module, printing to the streams it is given. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type CommandFactory = (io: CliIo) => CommandModule<any, any>;

/**
 * A CLI command: what `--help` lists and the flags known without loading it, and how to load it.
 * Commands are loaded only when run (src/cli/main.ts): their modules pull in the simulator, the
 * plotting library and the schemas, which take most of a second to import; `maxnvm --help` needs none.
 */
export interface CliCommand {
  name: string;
  /** yargs' command string: the name and its positionals (`report <dir>`). */
  usage: string;
  describe: string;
  /** Every flag the command declares (test/unit/cli/command-table.test.ts checks them against its builder); they feed "did you mean --x?". */
  flags: string[];
  /** Flags that may be given more than once (their values add up); every other flag takes one value. */
  repeatable?: string[];
  load: () => Promise<CommandFactory>;
}

const INLINE_CHOICE = ['label', 'encoding', 'bits-per-cell', 'stream-bits-per-cell', 'csr-index-bits', 'bitmask-layout', 'clustered', 'ecc', 'ecc-streams', 'idxsync'];

export const commands: CliCommand[] = [
  {
    name: 'simulate',
    usage: 'simulate',
    describe: 'Replay a workload trace on an architecture at chosen frame rates',
    flags: ['arch', 'trace', 'fps', 'frames', 'seed', 'format', 'out', 'dram-trace', 'idle-policy', 'weight-storage'],
    repeatable: ['fps'],
    load: async () => (await import('./simulate.js')).simulateCommand,
  },
  {
    name: 'size',
    usage: 'size',
    describe: 'Size storage choices for a trace: bits, cells and eNVM area per stream, ECC and IdxSync overhead, budget fit, ratio to dense SLC',
    flags: ['trace', 'choices', 'technology', 'budget-cells', 'budget-area-mm2', 'banks', 'seed', 'format', 'out', ...INLINE_CHOICE],
    load: async () => (await import('./size.js')).sizeCommand,
  },
  {
    name: 'sweep',
    usage: 'sweep',
    describe: 'Run a grid of frame rates × configs × config keys × traces × DRAM idle policies; one row per point in sweep.csv and sweep.json',
    flags: ['arch', 'trace', 'fps', 'fps-range', 'policies', 'set', 'grid', 'shard', 'workers', 'out', 'seed', 'exact', 'format'],
    repeatable: ['arch', 'trace', 'fps', 'set'],
    load: async () => (await import('./sweep.js')).sweepCommand,
  },
  {
    name: 'faults',
    usage: 'faults',
    describe: 'MLC fault campaigns on encoded weights: weight errors and accuracy, the bits-per-cell search (--search), the MaxNVM study (--study), protection chosen by the search (--protect); on the in-project CNN or MLP or a user\'s ONNX model (--model)',
    flags: [
      'network', 'model', 'data', 'images', 'density', 'clusters', 'technology', 'levels', 'sigma-scale', 'mapping', 'trials', 'seed', 'workers', 'mode', 'faulty-cells',
      'search', 'tolerance-pp', 'confidence', 'study', 'protect', 'max-campaigns', 'size-trace', 'format', 'out', ...PLOT_STYLE_FLAGS, ...INLINE_CHOICE,
    ],
    load: async () => (await import('./faults.js')).faultsCommand,
  },
  {
    name: 'merge',
    usage: 'merge <dirs..>',
    describe: 'Combine the folders of every shard of one sweep (sweep --shard I/N) into the folder one machine would have written',
    flags: ['out'],
    load: async () => (await import('./merge.js')).mergeCommand,
  },
  {
    name: 'pareto',
    usage: 'pareto <dir>',
    describe: 'Write the Pareto front of a sweep folder (per trace and frame rate): pareto.csv, pareto.json and plots/pareto-front.svg',
    flags: ['objectives'],
    load: async () => (await import('./pareto.js')).paretoCommand,
  },
  {
    name: 'report',
    usage: 'report <dir>',
    describe: 'Write plots/*.svg (each with its vega-lite spec, *.vl.json) and a self-contained report.html for a sweep or simulate output folder',
    flags: ['baseline', 'rates', ...PLOT_STYLE_FLAGS],
    load: async () => (await import('./report.js')).reportCommand,
  },
  {
    name: 'validate',
    usage: 'validate <files..>',
    describe: 'Check architecture configs, workload traces and storage choices files against their schemas; every file is checked and every problem reported',
    flags: [],
    load: async () => (await import('./validate.js')).validateCommand,
  },
  {
    name: 'describe',
    usage: 'describe [component]',
    describe: 'List every component parameter (unit, default, description, source) and statistic',
    flags: ['format'],
    load: async () => (await import('./describe.js')).describeCommand,
  },
  {
    name: 'main',
    usage: 'main',
    describe: 'The main job (npm start): NVDLA + LPDDR4 baselines, then the MaxNVM comparison with plots and a report',
    flags: [],
    load: async () => (await import('./main.js')).mainCommand,
  },
  {
    name: 'import',
    usage: 'import',
    describe: 'Read eNVM figures (NVSim, NVMExplorer) or an LPDDR4 memspec (DRAMSys, DRAMPower) into a config fragment, or a network (ONNX, SCALE-Sim) into a trace',
    flags: ['out', 'row', 'input-shape', 'name'],
    repeatable: ['row'],
    load: async () => (await import('./import.js')).importCommand,
  },
];

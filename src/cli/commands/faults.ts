import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';
import type { FaultMode } from '../../faults/cells/cell-faults.js';
import { technologyFaultModel, type FaultModel } from '../../faults/cells/fault-model.js';
import { faultsCsv, faultsTable, searchCsv, searchTable } from '../../faults/faults-report.js';
import { runFaults, type CampaignSettings, type FaultNetwork } from '../../faults/faults-run.js';
import { LEVEL_MAPPINGS } from '../../faults/cells/level-mapping.js';
import { loadLevelsFile } from '../../faults/cells/levels-file.js';
import { technologyLevelModel } from '../../faults/cells/technology-levels.js';
import { checkTolerance, DEFAULT_TOLERANCE_PP, runSearch } from '../../faults/search-run.js';
import { faultsSpec, MAX_TRIALS, MAX_WORKERS } from '../../faults/spec.js';
import { runStudy, STUDY_DEFAULT_SIZE_TRACE, STUDY_DEFAULT_TRIALS } from '../../faults/study.js';
import { studyCsv, studyTable, writeStudy } from '../../report/faults-study.js';
import { DEFAULT_MAX_CAMPAIGNS } from '../../faults/search/protection-search.js';
import { protectionStudyCsv, protectionStudyTable, runProtectionStudy } from '../../faults/protection-study.js';
import { parsePlotStyle, withPlotStyleFlags, type PlotStyleArgs } from '../plot-style-flags.js';
import { checkOutputFolder, toJson, writeFileAtomic } from '../../util/atomic-write.js';
import { DEFAULT_SIZING_TECHNOLOGY } from '../../sizing/technology.js';
import { hasInlineChoice, inlineChoice, type InlineChoiceFlags } from '../../sizing/inline-choice.js';
import { loadTrace } from '../../workload/load-trace.js';
import { MNIST_DATA } from '../../ml/onnx/image-set.js';
import { DEFAULT_CNN_PATH, SHIPPED_CNN_STORAGE } from '../../ml/cnn-model.js';
import { manifestFor } from '../manifest.js';
import { parseChoice, parseInteger } from '../../util/parse-flags.js';
import { parseSeed, seedOption } from '../seed-option.js';
import type { CliIo } from '../io.js';

export interface FaultsArgs extends InlineChoiceFlags, PlotStyleArgs {
  network?: string;
  model?: string;
  data?: string;
  images?: unknown;
  density?: unknown;
  clusters?: unknown;
  technology?: string;
  levels?: string;
  'sigma-scale'?: unknown;
  mapping?: string;
  trials?: unknown;
  seed?: unknown;
  workers?: unknown;
  mode?: string;
  'faulty-cells'?: unknown;
  search?: boolean;
  'tolerance-pp'?: unknown;
  confidence?: unknown;
  study?: boolean;
  protect?: boolean;
  'max-campaigns'?: string;
  'size-trace'?: string;
  format?: string;
  out?: string;
}

/** Test images: a sanity bound (each holds a copy of the images per worker). */
const MAX_IMAGES = 1_000_000;

const param = <T>(key: string): T => faultsSpec.params.find((p) => p.key === key)?.default as T;

function number(flag: string, raw: unknown, ok: (v: number) => boolean, expected: string, example: string): number {
  const v = Number(raw);
  if (!Number.isFinite(v) || !ok(v)) throw new UserError(`--${flag}: "${String(raw)}" is not ${expected}`, { jsonPath: `--${flag}`, expected, suggestion: `e.g. --${flag} ${example}` });
  return v;
}

function faultModelOf(args: FaultsArgs): FaultModel {
  const mapping = parseChoice('mapping', args.mapping ?? param<string>('levelMapping'), LEVEL_MAPPINGS);
  const sigmaScale = number('sigma-scale', args['sigma-scale'] ?? param<number>('sigmaScale'), (v) => v > 0, 'a number > 0', '2');
  if (args.levels !== undefined) return loadLevelsFile(args.levels, mapping, sigmaScale);
  return technologyFaultModel(args.technology ?? param<string>('technology'), mapping, sigmaScale);
}

function modeOf(args: FaultsArgs): FaultMode {
  const mode = parseChoice('mode', args.mode ?? 'sampled', ['sampled', 'fixed'] as const);
  if (mode === 'sampled') {
    if (args['faulty-cells'] !== undefined) {
      throw new UserError('--faulty-cells only applies to --mode fixed', { jsonPath: '--faulty-cells', expected: '--mode fixed --faulty-cells N', suggestion: 'add --mode fixed, or drop --faulty-cells' });
    }
    return { kind: 'sampled' };
  }
  if (args['faulty-cells'] === undefined) {
    throw new UserError('--mode fixed needs the number of faulty cells', { jsonPath: '--faulty-cells', expected: '--faulty-cells N (cells per trial)', suggestion: 'e.g. --mode fixed --faulty-cells 10' });
  }
  return { kind: 'fixedCount', count: parseInteger('faulty-cells', args['faulty-cells'], 0) };
}

function networkOf(args: FaultsArgs): FaultNetwork {
  const onnxOnly = (['data', 'images', 'density', 'clusters'] as const).find((f) => args[f] !== undefined);
  if (args.model !== undefined && args.network !== undefined) {
    throw new UserError('--model and --network both name the network', { jsonPath: '--model', expected: 'one of them', suggestion: '--model for a model with a data set, --network for a trace' });
  }
  const model = args.model ?? (args.network === undefined ? 'cnn' : args.network === 'mnist' ? 'mlp' : undefined);
  if (model === undefined || model === 'mlp') {
    if (onnxOnly !== undefined) {
      throw new UserError(`--${onnxOnly} applies to an ONNX model`, { jsonPath: `--${onnxOnly}`, expected: '--model FILE.onnx', suggestion: `add --model, or drop --${onnxOnly}` });
    }
    if (model === 'mlp') return { kind: 'mnist' };
    const file = args.network as string;
    loadTrace(file); // validate now: a bad trace is a UserError here, not a failure inside a worker
    return { kind: 'trace', file };
  }
  // The shipped CNN is stored pruned and clustered unless told otherwise (SHIPPED_CNN_STORAGE).
  const shipped: { density?: number; clusters?: number } = model === 'cnn' ? SHIPPED_CNN_STORAGE : {};
  const density = args.density === undefined ? shipped.density : number('density', args.density, (v) => v > 0 && v <= 1, 'a share in (0, 1]', '0.25');
  const clusters = args.clusters === undefined ? shipped.clusters : parseInteger('clusters', args.clusters, 2, 255, 'codebook entries; 16 gives 4-bit codes');
  if (args.clustered === true && clusters === undefined) {
    throw new UserError('--clustered stores cluster codes, and an ONNX model has none of its own', { jsonPath: '--clustered', expected: '--clusters N with --clustered', suggestion: 'e.g. --clusters 16' });
  }
  return {
    kind: 'onnx',
    modelPath: model === 'cnn' ? DEFAULT_CNN_PATH : model,
    data: args.data ?? MNIST_DATA,
    ...(args.images === undefined ? {} : { images: parseInteger('images', args.images, 1, MAX_IMAGES, 'test images to classify') }),
    ...(density === undefined ? {} : { density }),
    ...(clusters === undefined ? {} : { clusters }),
  };
}

function trialsOf(args: FaultsArgs, fallback: number): number {
  return parseInteger('trials', args.trials ?? fallback, 1, MAX_TRIALS, `Monte Carlo trials; ${MAX_TRIALS.toLocaleString('en-US')} is a sanity bound: MNIST trials take about 10 ms each`);
}

function settingsOf(args: FaultsArgs, trialsFallback: number): CampaignSettings {
  return {
    network: networkOf(args),
    faultModel: faultModelOf(args),
    mode: modeOf(args),
    trials: trialsOf(args, trialsFallback),
    seed: parseSeed(args.seed),
    confidence: number('confidence', args.confidence ?? param<number>('confidence'), (v) => v > 0 && v < 1, 'a share strictly between 0 and 1', '0.95'),
    workers: parseInteger('workers', args.workers ?? param<number>('workers'), 0, MAX_WORKERS, 'worker threads; 0 runs in the main thread'),
  };
}

/** Inputs of the manifest: everything that changes the results, and not the worker count (results do not depend on it). */
function manifestInputs(args: FaultsArgs, s: CampaignSettings): Record<string, unknown> {
  return { network: s.network, faultModel: s.faultModel, levelsFile: args.levels, mode: s.mode, trials: s.trials, seed: s.seed, confidence: s.confidence };
}

/** --tolerance-pp, checked to lie in 0..100 whatever the mode, so a mistyped value never passes silently. */
function toleranceOf(args: FaultsArgs): number {
  const tolerance = number('tolerance-pp', args['tolerance-pp'] ?? DEFAULT_TOLERANCE_PP, () => true, 'a number', String(DEFAULT_TOLERANCE_PP));
  checkTolerance(tolerance);
  return tolerance;
}

type Output = { stdout: string; stderr: string };

/**
 * A fault model that is an assumption (CTT, PCM, STT borrow the RRAM levels) says so with every result:
 * first in a table, as a "note:" on stderr beside JSON and CSV (which must stay machine-readable).
 */
function sayAssumption(out: Output, format: 'table' | 'json' | 'csv', model: FaultModel): Output {
  if (model.assumption === undefined) return out;
  return format === 'table' ? { ...out, stdout: `${model.assumption}\n\n${out.stdout}` } : { ...out, stderr: `note: ${model.assumption}\n${out.stderr}` };
}

/** Everything `maxnvm faults` does but printing: returns what goes to stdout and to stderr. */
export async function runFaultsCommand(args: FaultsArgs, progress: (line: string) => void = () => {}): Promise<Output> {
  const format = parseChoice('format', args.format ?? 'table', ['table', 'json', 'csv'] as const);
  const typedTechnology = args.technology ?? param<string>('technology');
  const technology = typedTechnology.toUpperCase();
  try {
    technologyLevelModel(technology, 1); // a UserError with a suggestion when the technology is unknown, even with --levels
  } catch (e) {
    // Name the flag and echo the technology as typed, not upper-cased.
    if (e instanceof UserError && args.technology !== undefined) {
      throw new UserError(`--technology: no fault model for "${typedTechnology}"`, { ...e.details, jsonPath: '--technology' });
    }
    throw e;
  }
  // Output paths are checked before any trial runs.
  if (args.out !== undefined) checkOutputFolder(args.out, '--out');
  const tolerance = toleranceOf(args);
  if (args.protect === true && args.study !== true) throw new UserError('--protect is a kind of study', { jsonPath: '--protect', expected: '--study --protect --out DIR' });
  if (args['max-campaigns'] !== undefined && args.protect !== true) throw new UserError('--max-campaigns bounds the protection search', { jsonPath: '--max-campaigns', expected: '--study --protect --max-campaigns N', suggestion: 'add --study --protect, or drop --max-campaigns' });
  if (args.study === true) return study(args, format, technology, tolerance, progress);
  if (args.search === true && (args['bits-per-cell'] !== undefined || args['stream-bits-per-cell'] !== undefined)) {
    throw new UserError('--search chooses the bits per cell itself', {
      jsonPath: args['bits-per-cell'] !== undefined ? '--bits-per-cell' : '--stream-bits-per-cell',
      expected: '--search without --bits-per-cell and --stream-bits-per-cell',
      suggestion: 'drop the bits-per-cell flags, or drop --search to evaluate one setting',
    });
  }
  const settings = settingsOf(args, param<number>('trials'));
  // The choice's shape is validated as `maxnvm size` does; which densities have area figures is size's concern, so
  // it is checked against the technology with all three (RRAM), and the fault model checks its own densities.
  const choice = inlineChoice({ ...args, encoding: args.encoding ?? 'dense' }, DEFAULT_SIZING_TECHNOLOGY).choice;
  const manifest = manifestFor('faults', { ...manifestInputs(args, settings), choice, ...(args.search === true ? { tolerance_pp: tolerance, technology } : {}) });
  if (args.search === true) {
    const r = await runSearch(settings, choice, tolerance, technology);
    if (args.out !== undefined) {
      writeFileAtomic(join(args.out, 'manifest.json'), toJson(manifest));
      writeFileAtomic(join(args.out, 'search.json'), toJson(r));
      writeFileAtomic(join(args.out, 'search.csv'), searchCsv(r));
      writeFileAtomic(join(args.out, 'choices.json'), toJson(r.choicesFile));
      writeFileAtomic(join(args.out, 'weight-storage.json'), toJson({ weightStorage: r.weightStorage }));
    }
    return sayAssumption({ stdout: format === 'json' ? toJson(r) : format === 'csv' ? searchCsv(r) : searchTable(r), stderr: '' }, format, settings.faultModel);
  }
  const r = await runFaults(settings, choice);
  if (args.out !== undefined) {
    writeFileAtomic(join(args.out, 'manifest.json'), toJson(manifest));
    writeFileAtomic(join(args.out, 'faults.json'), toJson(r));
    writeFileAtomic(join(args.out, 'layers.csv'), faultsCsv(r));
  }
  const note = r.accuracyNote !== undefined && format !== 'table' ? `note: ${r.accuracyNote}\n` : '';
  return sayAssumption({ stdout: format === 'json' ? toJson(r) : format === 'csv' ? faultsCsv(r) : faultsTable(r), stderr: note }, format, settings.faultModel);
}

async function study(args: FaultsArgs, format: 'table' | 'json' | 'csv', technology: string, tolerance: number, progress: (line: string) => void): Promise<Output> {
  if (hasInlineChoice(args) || args.search === true) {
    throw new UserError('--study runs its own storage choices and searches', {
      jsonPath: '--study',
      expected: '--study without --search and the storage choice flags (--encoding, --bits-per-cell, ...)',
      suggestion: 'drop those flags; the study runs dense, clustered, bitmask and CSR with and without ECC and IdxSync',
    });
  }
  if (args.out === undefined) throw new UserError('--study writes its table and plot to a folder', { jsonPath: '--out', expected: '--study --out DIR', suggestion: 'e.g. --out results/study' });
  if (args.network !== undefined && args.network !== 'mnist') {
    throw new UserError('the study measures accuracy on a model with a data set', { jsonPath: '--network', expected: '--model cnn (the default), --model mlp or --model FILE.onnx', suggestion: 'drop --network; the study sizes ResNet-50 with --size-trace' });
  }
  const settings = settingsOf(args, STUDY_DEFAULT_TRIALS);
  if (args.protect === true) {
    const maxCampaigns = parseInteger('max-campaigns', args['max-campaigns'] ?? DEFAULT_MAX_CAMPAIGNS, 1, MAX_TRIALS, 'campaigns per search at most');
    const r = await runProtectionStudy(settings, tolerance, progress, maxCampaigns);
    const manifest = manifestFor('faults --study --protect', { ...manifestInputs(args, settings), tolerance_pp: tolerance, technology, maxCampaigns });
    writeFileAtomic(join(args.out, 'manifest.json'), toJson(manifest));
    writeFileAtomic(join(args.out, 'study-protection.json'), toJson(r));
    writeFileAtomic(join(args.out, 'study-protection.csv'), protectionStudyCsv(r));
    const stdout = format === 'json' ? toJson(r) : format === 'csv' ? protectionStudyCsv(r) : `${protectionStudyTable(r)}\nwrote manifest.json, study-protection.json, study-protection.csv\n`;
    return sayAssumption({ stdout, stderr: '' }, format, settings.faultModel);
  }
  const sizeFile = args['size-trace'] ?? STUDY_DEFAULT_SIZE_TRACE;
  const r = await runStudy({ settings, tolerance_pp: tolerance, technology, sizeTrace: { file: sizeFile, trace: loadTrace(sizeFile) }, progress });
  const manifest = manifestFor('faults --study', { ...manifestInputs(args, settings), tolerance_pp: tolerance, technology, sizeTrace: sizeFile });
  const files = await writeStudy(args.out, r, manifest, parsePlotStyle(args));
  const stdout = format === 'json' ? toJson(r) : format === 'csv' ? studyCsv(r) : `${studyTable(r)}\nwrote ${files.join(', ')}\n`;
  return sayAssumption({ stdout, stderr: '' }, format, settings.faultModel);
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const faultsCommand = (io: CliIo): CommandModule<object, FaultsArgs> => ({
  builder: (y) =>
    withPlotStyleFlags(y)
      .option('network', { type: 'string', describe: 'mnist (the in-project MLP: accuracy and weight errors) or a trace file (synthetic weights: weight errors only); default mnist' })
      .option('model', { type: 'string', describe: 'cnn (default: models/lenet5.onnx, stored at density 0.5 with 16 clusters), mlp (the in-project MNIST MLP), or an ONNX model file whose weight initializers are stored (int8 per output channel)' })
      .option('data', { type: 'string', describe: 'with --model FILE: a folder of .npy images and labels.csv (file,label), or mnist (default)' })
      .option('images', { type: 'string', describe: 'with --model FILE: classify the first N images' })
      .option('density', { type: 'string', describe: 'with --model FILE: prune each weight tensor to this share of non-zeros (magnitude) before quantizing' })
      .option('clusters', { type: 'string', describe: 'with --model FILE: cluster each tensor\'s non-zero int8 values into N codebook entries (k-means)' })
      .option('technology', { type: 'string', describe: `RRAM | CTT | PCM | STT level model (only RRAM is published; default ${param<string>('technology')})` })
      .option('levels', { type: 'string', describe: 'a level model file instead (examples/faults/levels-example.json)' })
      .option('sigma-scale', { type: 'string', describe: 'multiply every level sigma (makes 2-bit faults visible); default 1' })
      .option('mapping', { type: 'string', describe: `level-to-bit mapping: gray | binary (default ${param<string>('levelMapping')})` })
      .option('label', { type: 'string', describe: 'storage choice: its name' })
      .option('encoding', { type: 'string', describe: 'storage choice: dense | bitmask | csr (default dense)' })
      .option('bits-per-cell', { type: 'string', describe: 'storage choice: bits per cell of every stream not named otherwise (default 1)' })
      .option('stream-bits-per-cell', { type: 'string', describe: 'storage choice: per-stream bits per cell, e.g. values=3,mask=1' })
      .option('csr-index-bits', { type: 'string', describe: 'storage choice, csr: relative index width r in bits' })
      .option('bitmask-layout', { type: 'string', describe: 'storage choice, bitmask: nvdla (default) | plain' })
      .option('clustered', { type: 'boolean', describe: 'storage choice: store cluster codes and a codebook' })
      .option('ecc', { type: 'string', describe: 'storage choice: SECDED data word in bits (64 gives (72,64))' })
      .option('ecc-streams', { type: 'string', describe: 'storage choice: streams ECC protects (default: the metadata; values for dense)' })
      .option('idxsync', { type: 'string', describe: 'storage choice: IdxSync interval in weights, e.g. 1024' })
      .option('trials', { type: 'string', describe: `Monte Carlo trials (default ${param<number>('trials')}; study: ${STUDY_DEFAULT_TRIALS} per search step)` })
      .option('seed', seedOption('the trial streams'))
      .option('workers', { type: 'string', describe: `worker threads, 0 = main thread (default ${param<number>('workers')}); results do not depend on it` })
      .option('mode', { type: 'string', describe: 'sampled (every cell at its rate; default) | fixed (exactly --faulty-cells per trial)' })
      .option('faulty-cells', { type: 'string', describe: 'with --mode fixed: faulty cells per trial over the whole network' })
      .option('search', { type: 'boolean', describe: 'find the most bits per cell per stream within the tolerance (MNIST only)' })
      .option('tolerance-pp', { type: 'string', describe: `accuracy loss allowed, percentage points (default ${DEFAULT_TOLERANCE_PP})` })
      .option('confidence', { type: 'string', describe: `confidence of the accuracy interval (default ${param<number>('confidence')})` })
      .option('study', { type: 'boolean', describe: 'run the MaxNVM study into --out (table, CSV, JSON, choices file, SVG plot)' })
      .option('protect', { type: 'boolean', describe: 'with --study: search protection too (per layer and stream: bits per cell and ECC or not; ECC word 16/32/64/128, IdxSync interval): ECC share and cell saving against the best unprotected setting, and whether each search converged' })
      .option('max-campaigns', { type: 'string', describe: `with --protect: campaigns per search at most (default ${DEFAULT_MAX_CAMPAIGNS}); a search stopped there says so` })
      .option('size-trace', { type: 'string', describe: `study: the trace whose cells are reported (default ${STUDY_DEFAULT_SIZE_TRACE})` })
      .option('format', { type: 'string', default: 'table', describe: 'table | json | csv' })
      .option('out', { type: 'string', describe: 'write manifest.json and the results (faults.json, layers.csv; search.json, choices.json, weight-storage.json; study.*) here' }),
  handler: async (args) => {
    const started = performance.now();
    const { stdout, stderr } = await runFaultsCommand(args, (line) => io.stderr.write(`${line}\n`));
    if (stderr !== '') io.stderr.write(stderr);
    io.stdout.write(stdout);
    io.stderr.write(`faults: ${((performance.now() - started) / 1000).toFixed(1)} s wall time\n`);
  },
});

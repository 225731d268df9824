import { join } from 'node:path';
import type { CommandModule } from 'yargs';
import { UserError } from '../../errors.js';
import { checkOutputFolder, toJson, writeFileAtomic } from '../../util/atomic-write.js';
import { envmSpec } from '../../hw/envm/spec.js';
import { withInputFile } from '../errors.js';
import type { SizingBudget } from '../../sizing/budget.js';
import { loadChoicesFile } from '../../sizing/choices-file.js';
import { type InlineChoiceFlags, hasInlineChoice, inlineChoice } from '../../sizing/inline-choice.js';
import { sizeChoices } from '../../sizing/size-choices.js';
import { sizingCsv, sizingLayersCsv } from '../../sizing/size-csv.js';
import { sizingTable } from '../../sizing/size-table.js';
import { DEFAULT_SIZING_TECHNOLOGY, parseTechnology } from '../../sizing/technology.js';
import { loadTrace } from '../../workload/load-trace.js';
import { manifestFor } from '../manifest.js';
import { parseChoice, parseInteger } from '../../util/parse-flags.js';
import { parseSeed, seedOption } from '../seed-option.js';
import type { CliIo } from '../io.js';

export interface SizeArgs extends InlineChoiceFlags {
  trace: string;
  choices?: string;
  technology?: string;
  'budget-cells'?: unknown;
  'budget-area-mm2'?: unknown;
  seed?: unknown;
  banks?: unknown;
  format?: string;
  out?: string;
}

function positiveNumber(flag: string, raw: unknown): number {
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) {
    throw new UserError(`--${flag}: "${String(raw)}" is not a positive number`, { jsonPath: `--${flag}`, expected: 'a number > 0', suggestion: `e.g. --${flag} 2` });
  }
  return v;
}

/** The eNVM's bank limit, from its declaration (`maxnvm describe envm`). */
const MAX_BANKS = Number(envmSpec.params.find((p) => p.key === 'banks')?.schema.maximum ?? Infinity);

function parseBanks(raw: unknown): number {
  const banks = parseInteger('banks', raw, 1);
  if (banks > MAX_BANKS) {
    throw new UserError(`--banks ${banks} is more than ${MAX_BANKS}`, { jsonPath: '--banks', expected: `1 to ${MAX_BANKS} banks per sub-array (a sanity bound, as envm.banks)`, suggestion: 'e.g. --banks 8' });
  }
  return banks;
}

/** Everything `maxnvm size` does but printing: returns what goes to stdout, and notes for stderr. */
export function runSize(args: SizeArgs): { stdout: string; stderr: string } {
  const format = parseChoice('format', args.format ?? 'table', ['table', 'json', 'csv'] as const);
  const seed = parseSeed(args.seed);
  const banks = args.banks === undefined ? undefined : parseBanks(args.banks);
  const technology = args.technology === undefined ? undefined : parseTechnology(args.technology, { jsonPath: '--technology' });
  const budget: SizingBudget = {};
  if (args['budget-cells'] !== undefined) budget.cells = parseInteger('budget-cells', args['budget-cells'], 1);
  if (args['budget-area-mm2'] !== undefined) budget.area_mm2 = positiveNumber('budget-area-mm2', args['budget-area-mm2']);
  if (args.choices !== undefined && hasInlineChoice(args)) {
    throw new UserError('--choices and the flags of an inline choice (--encoding, --bits-per-cell, ...) exclude each other', {
      jsonPath: '--choices',
      expected: 'either --choices FILE or one choice as flags',
      suggestion: 'put the inline choice into the choices file, or drop --choices',
    });
  }
  if (args.out !== undefined) checkOutputFolder(args.out, '--out');
  const trace = loadTrace(args.trace);
  const choices = args.choices;
  const entries = choices !== undefined ? loadChoicesFile(choices, technology) : [inlineChoice(args, technology ?? DEFAULT_SIZING_TECHNOLOGY)];
  const sized = () => sizeChoices(trace, entries, { seed, budget, banks });
  // A problem found while sizing a choice from a file is in that file.
  const { report, layers } = choices === undefined ? sized() : withInputFile(choices, sized);
  if (args.out !== undefined) {
    const manifest = manifestFor('size', { trace: { file: args.trace, name: trace.name }, choices: args.choices ?? entries.map((e) => e.choice), technology, budget, banks: report.envm.banks, seed });
    writeFileAtomic(join(args.out, 'manifest.json'), toJson(manifest));
    writeFileAtomic(join(args.out, 'size.json'), toJson(report));
    writeFileAtomic(join(args.out, 'size.csv'), sizingCsv(report));
    writeFileAtomic(join(args.out, 'layers.csv'), sizingLayersCsv(report, layers));
  }
  if (format === 'json') return { stdout: toJson(report), stderr: '' };
  // The table carries its notes; CSV has no place for them, so they go to stderr (the CTT caveat must not be lost).
  if (format === 'csv') return { stdout: sizingCsv(report), stderr: report.notes.map((n) => `note: ${n}\n`).join('') };
  return { stdout: sizingTable(report), stderr: '' };
}

/** Its command string, description and flag list are in commands/index.ts (known without loading this module). */
export const sizeCommand = (io: CliIo): CommandModule<object, SizeArgs> => ({
  builder: (y) =>
    y
      .option('trace', { type: 'string', demandOption: true, describe: 'workload trace (traces/*.json)' })
      .option('choices', { type: 'string', describe: 'storage choices file (examples/storage-choices/*.json); or give one choice with the flags below' })
      .option('technology', { type: 'string', describe: `RRAM | CTT | STT | PCM | SRAM; beats the file's default, not a choice's own (default ${DEFAULT_SIZING_TECHNOLOGY})` })
      .option('budget-cells', { type: 'string', describe: 'capacity budget in cells: does each choice fit?' })
      .option('budget-area-mm2', { type: 'string', describe: 'area budget in mm²: does each choice fit?' })
      .option('banks', { type: 'string', describe: 'banks per eNVM sub-array; each bank is its own array, periphery included (default 8, `maxnvm describe envm`)' })
      .option('seed', seedOption('the synthetic sparsity patterns (as simulate)'))
      .option('format', { type: 'string', default: 'table', describe: 'table | json | csv' })
      .option('out', { type: 'string', describe: 'write manifest.json, size.json, size.csv and layers.csv here' })
      .option('label', { type: 'string', describe: 'inline choice: its name (default: from its settings)' })
      .option('encoding', { type: 'string', describe: 'inline choice: dense | bitmask | csr' })
      .option('bits-per-cell', { type: 'string', describe: 'inline choice: bits per cell of every stream not named otherwise (1 to 3; default 1)' })
      .option('stream-bits-per-cell', { type: 'string', describe: 'inline choice: per-stream bits per cell, e.g. mask=1,groupSizes=1,check=1' })
      .option('csr-index-bits', { type: 'string', describe: 'inline choice, csr: relative index width r in bits' })
      .option('bitmask-layout', { type: 'string', describe: 'inline choice, bitmask: nvdla (default) | plain' })
      .option('clustered', { type: 'boolean', describe: "inline choice: store cluster codes and a codebook where the trace's layers have clusters" })
      .option('ecc', { type: 'string', describe: 'inline choice: SECDED ECC data word in bits (64 gives (72,64))' })
      .option('ecc-streams', { type: 'string', describe: 'inline choice: streams ECC protects, e.g. mask,groupSizes (default: the metadata streams; values for dense)' })
      .option('idxsync', { type: 'string', describe: 'inline choice: IdxSync interval in weights, e.g. 1024' }),
  handler: (args) => {
    const { stdout, stderr } = runSize(args);
    if (stderr !== '') io.stderr.write(stderr);
    io.stdout.write(stdout);
  },
});

import type { CommandModule } from 'yargs';
import { loadArchConfig } from '../../config/arch-config.js';
import { readJsonFile } from '../../util/json-validate.js';
import { loadChoicesFile } from '../../sizing/choices-file.js';
import { validateStorageChoice } from '../../storage/choice-schema.js';
import { loadTrace } from '../../workload/load-trace.js';
import { UserError } from '../../errors.js';
import { loadLevelsFile } from '../../faults/cells/levels-file.js';
import { checkSweepRows } from '../../report/html/sweep-rows-check.js';
import { ExitStatus, type CliIo } from '../io.js';
import { EXIT_BAD_INPUT } from '../errors.js';

/** The kinds of input file `maxnvm validate` knows, each checked by its own loader. */
const KINDS = {
  trace: (file: string) => void loadTrace(file),
  'storage choices file': (file: string) => void loadChoicesFile(file),
  'weight storage file': (file: string) => {
    // As `simulate --weight-storage` reads it: { "weightStorage": choice } or the bare choice.
    const data = readJsonFile(file, 'weight storage') as Record<string, unknown>;
    if ('weightStorage' in data) validateStorageChoice(data.weightStorage, file, '/weightStorage');
    else validateStorageChoice(data, file, '');
  },
  'architecture config': (file: string) => void loadArchConfig(file),
  // As `faults --levels` reads it; the mapping only decides how levels become bits, not whether the file is valid.
  'levels file': (file: string) => void loadLevelsFile(file, 'gray'),
  'sweep output (sweep.json)': (file: string) => void checkSweepRows(readJsonFile(file, 'sweep output'), file),
  'simulate output (summary.json)': (file: string) => {
    const d = readJsonFile(file, 'simulate output') as Record<string, unknown>;
    if (typeof d.feasible !== 'boolean' || typeof d.arch !== 'object' || typeof d.trace !== 'object') {
      throw new UserError('not a complete simulate result', { file, expected: 'arch, trace and feasible, as `maxnvm simulate --out` writes summary.json', suggestion: 'rerun maxnvm simulate --out DIR' });
    }
  },
  'output manifest': () => undefined,
} as const;
type Kind = keyof typeof KINDS;

/**
 * What a file is: its `$schema` hint says so when it names one of ours; else
 * its keys do (a trace has "layers", a choices file "choices", a weight
 * storage file "weightStorage" or a bare choice's "encoding" without a system); anything
 * else is taken for an architecture config.
 */
function kindOf(data: unknown, file = ''): Kind {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) throw unknownKind(file, Array.isArray(data) ? 'an array' : `a ${data === null ? 'null' : typeof data}`);
  const schema = (data as { $schema?: unknown }).$schema;
  if (typeof schema === 'string') {
    if (schema.endsWith('trace.schema.json')) return 'trace';
    if (schema.endsWith('storage-choices.schema.json')) return 'storage choices file';
    if (schema.endsWith('arch-config.schema.json')) return 'architecture config';
  }
  if ('layers' in data) return 'trace';
  if ('choices' in data) return 'storage choices file';
  const system = ['placement', 'nvdla', 'dram', 'envm', 'sram', 'memoryPort', 'weightPath', 'backingStore', 'controlDomain'].some((k) => k in data);
  if (!system && ('weightStorage' in data || 'encoding' in data)) return 'weight storage file';
  if (system || (typeof schema === 'string' && schema.endsWith('arch-config.schema.json'))) return 'architecture config';
  if ('models' in data) return 'levels file';
  if ('rows' in data && 'sweep' in data) return 'sweep output (sweep.json)';
  if ('arch' in data && 'feasible' in data) return 'simulate output (summary.json)';
  if ((data as { tool?: unknown }).tool === 'maxnvm') return 'output manifest';
  throw unknownKind(file, `an object with keys ${Object.keys(data).slice(0, 6).map((k) => JSON.stringify(k)).join(', ') || '(none)'}`);
}

function unknownKind(file: string, what: string): UserError {
  return new UserError(`not a kind of file maxnvm validate knows: ${what}`, {
    file,
    expected: `one of: ${Object.keys(KINDS).join('; ')}`,
    suggestion: 'an architecture config has "placement" and "nvdla", a trace "layers", a storage choices file "choices", a levels file "models"',
  });
}

/**
 * `maxnvm validate FILE...`: check configs, traces and storage choices against their schemas and consistency rules.
 * Its command string and description are in commands/index.ts (known without loading this module).
 */
export const validateCommand = (io: CliIo): CommandModule<object, { files: string[] }> => ({
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'JSON files' }),
  handler: (args) => {
    let failed = 0;
    for (const file of args.files) {
      try {
        const kind = kindOf(readJsonFile(file, 'input'), file);
        KINDS[kind](file);
        io.stdout.write(`ok  ${file} (${kind})\n`);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        io.stderr.write(`${e.format()}\n`);
        failed++;
      }
    }
    if (failed > 0) {
      io.stderr.write(`${failed} of ${args.files.length} file${args.files.length > 1 ? 's' : ''} failed validation\n`);
      throw new ExitStatus(EXIT_BAD_INPUT);
    }
  },
});

import type { CommandModule } from 'yargs';
import { loadArchConfig } from '../../config/arch-config.js';
import { readJsonFile } from '../../config/validate.js';
import { loadChoicesFile } from '../../sizing/choices-file.js';
import { validateStorageChoice } from '../../storage/choice-schema.js';
import { loadTrace } from '../../workload/load-trace.js';
import { UserError } from '../../errors.js';

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
} as const;
type Kind = keyof typeof KINDS;

/**
 * What a file is: its `$schema` hint says so when it names one of ours; else
 * its keys do (a trace has "layers", a choices file "choices", a weight
 * storage file "weightStorage" or a bare choice's "encoding" without a system); anything
 * else is taken for an architecture config.
 */
export function kindOf(data: unknown): Kind {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return 'architecture config';
  const schema = (data as { $schema?: unknown }).$schema;
  if (typeof schema === 'string') {
    if (schema.endsWith('trace.schema.json')) return 'trace';
    if (schema.endsWith('storage-choices.schema.json')) return 'storage choices file';
    if (schema.endsWith('arch-config.schema.json')) return 'architecture config';
  }
  if ('layers' in data) return 'trace';
  if ('choices' in data) return 'storage choices file';
  const system = 'placement' in data || 'nvdla' in data;
  if (!system && ('weightStorage' in data || 'encoding' in data)) return 'weight storage file';
  return 'architecture config';
}

/** `maxnvm validate FILE...`: check configs, traces and storage choices against their schemas and consistency rules. */
export const validateCommand: CommandModule<object, { files: string[] }> = {
  command: 'validate <files..>',
  describe: 'Check architecture configs, workload traces and storage choices files against their schemas; every file is checked and every problem reported',
  builder: (y) => y.positional('files', { type: 'string', array: true, demandOption: true, describe: 'JSON files' }),
  handler: (args) => {
    let failed = 0;
    for (const file of args.files) {
      try {
        const kind = kindOf(readJsonFile(file, 'JSON'));
        KINDS[kind](file);
        process.stdout.write(`ok  ${file} (${kind})\n`);
      } catch (e) {
        if (!(e instanceof UserError)) throw e;
        process.stderr.write(`${e.format()}\n`);
        failed++;
      }
    }
    if (failed > 0) {
      process.stderr.write(`${failed} of ${args.files.length} file${args.files.length > 1 ? 's' : ''} failed validation\n`);
      process.exit(2);
    }
  },
};

import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, join } from 'node:path';
import { sectionSchema } from '../../engine/spec.js';
import { UserError } from '../../errors.js';
import { dramSpec } from '../../hw/dram/spec.js';
import { envmSpec } from '../../hw/envm/spec.js';
import { readJsonFile, validateOrThrow } from '../../util/json-validate.js';
import { envmFragment, type EnvmFragment, type ImportedArray } from './envm-figures.js';
import { parseMemspec, type ImportedDram } from './memspec.js';
import { chooseRows, parseNvmexplorerCsv } from './nvmexplorer-csv.js';
import { parseNvsimResults } from './nvsim-results.js';

/**
 * Imported figures named in a config by path, resolved relative to the config file:
 *   "envm": { "importFigures": [{ "nvsim": "runs/rram-2b.txt" }, { "nvmexplorer": "out.csv", "rows": [4] }], ... }
 *   "dram": { "memspec": "parts/JEDEC_8Gb_LPDDR4-3200_16bit.json", "channels": 4, ... }
 * The file's figures fill the section; keys written in the section win over them (envm overrides add up).
 */

export type FigureSource = { nvsim: string } | { nvmexplorer: string; rows?: number[] };

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A text file to import; a file that cannot be read names itself, or the config key that named it. */
export function readImportFile(file: string, what: string, namedBy?: { configFile: string; jsonPath: string }): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new UserError(`cannot read the ${what} file ${JSON.stringify(file)}: ${code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a folder' : (code ?? 'unknown error')}`, {
      file: namedBy?.configFile ?? file,
      jsonPath: namedBy?.jsonPath,
      expected: `an existing ${what} file${namedBy === undefined ? '' : ', its path relative to the config file'}`,
      suggestion: namedBy === undefined ? 'check the path' : `paths in a config are relative to its folder (${dirname(namedBy.configFile)})`,
    });
  }
}

/** The arrays of one figure source, its path already resolved. */
export function importedArrays(source: FigureSource, file: string, text: string): ImportedArray[] {
  if ('nvsim' in source) return [parseNvsimResults(text, file)];
  return chooseRows(parseNvmexplorerCsv(text, file), source.rows, file);
}

/** Check an imported fragment against the section's schema, naming the file it came from. */
export function checkFragment(section: 'envm' | 'dram', fragment: object, file: string): void {
  validateOrThrow(sectionSchema(section === 'envm' ? envmSpec : dramSpec), fragment, file, `imported ${section} figures`);
}

export function envmFromSources(sources: readonly FigureSource[], relativeTo: string, configFile: string, at: string): EnvmFragment {
  const arrays: ImportedArray[] = [];
  const files: string[] = [];
  sources.forEach((s, i) => {
    const given = 'nvsim' in s ? s.nvsim : s.nvmexplorer;
    const file = isAbsolute(given) ? given : join(relativeTo, given);
    files.push(file);
    arrays.push(...importedArrays(s, file, readImportFile(file, 'nvsim' in s ? 'NVSim result' : 'NVMExplorer CSV', { configFile, jsonPath: `${at}/${i}` })));
  });
  const fragment = envmFragment(arrays, files.join(', '));
  checkFragment('envm', fragment, files.join(', '));
  return fragment;
}

export function dramFromMemspec(given: string, relativeTo: string): ImportedDram {
  const file = isAbsolute(given) ? given : join(relativeTo, given);
  const imported = parseMemspec(readJsonFile(file, 'memspec'), file);
  checkFragment('dram', imported.section, file);
  return imported;
}

/** The config with `envm.importFigures` and `dram.memspec` replaced by the figures they name. Never mutates. */
export function expandConfigImports(raw: Record<string, unknown>, configFile: string): Record<string, unknown> {
  const envmImports = isRecord(raw.envm) && raw.envm.importFigures !== undefined;
  const dramImport = isRecord(raw.dram) && raw.dram.memspec !== undefined;
  if (!envmImports && !dramImport) return raw;
  const relativeTo = dirname(configFile);
  const out = { ...raw };
  if (isRecord(raw.envm) && raw.envm.importFigures !== undefined) {
    const { importFigures, ...own } = raw.envm;
    const fragment = envmFromSources(importFigures as FigureSource[], relativeTo, configFile, '/envm/importFigures');
    const ownOverrides = Array.isArray(own.overrides) ? own.overrides : [];
    out.envm = { ...fragment, ...own, overrides: [...ownOverrides, ...fragment.overrides] };
  }
  if (isRecord(raw.dram) && raw.dram.memspec !== undefined) {
    const { memspec, ...own } = raw.dram;
    out.dram = { ...dramFromMemspec(memspec as string, relativeTo).section, ...own };
  }
  return out;
}

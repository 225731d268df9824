/**
 * A user's level model file (`maxnvm faults --levels FILE`): measured level
 * distributions that replace a technology's. Format:
 *
 *   { "name": "my-rram", "source": "where the numbers come from",
 *     "models": [ { "levels": [[mean, sigma], ...] }, ... ] }
 *
 * One entry per bits per cell (2, 4 or 8 levels ...); each is validated by
 * `makeLevelModel` (means strictly increasing, sigmas positive), and errors
 * name the file and the JSON path. A density the file does not list is not
 * defined, and a storage choice that uses it is refused (fault-model.ts).
 */

import { readJsonFile } from '../../util/json-validate.js';
import { UserError } from '../../errors.js';
import type { FaultModel } from './fault-model.js';
import { checkMapping, type LevelMapping } from './level-mapping.js';
import { makeLevelModel, type LevelModel } from './level-model.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const EXAMPLE = '{ "name": "mine", "source": "...", "models": [ { "levels": [[0, 0.01], [1, 0.01]] } ] }';

/** Parse and validate a levels document; `file` names it in errors. */
export function levelsFaultModel(doc: unknown, file: string, mapping: LevelMapping, sigmaScale = 1): FaultModel {
  checkMapping(mapping);
  const fail = (message: string, jsonPath: string, expected: string, suggestion = `see examples/faults/levels-example.json`): never => {
    throw new UserError(message, { file, jsonPath, expected, suggestion });
  };
  if (!(sigmaScale > 0 && isFinite(sigmaScale))) fail(`sigma scale ${sigmaScale} is not positive`, '--sigma-scale', 'a number > 0');
  if (!isRecord(doc)) return fail('a levels file must be a JSON object', '', EXAMPLE);
  const name = typeof doc.name === 'string' && doc.name !== '' ? doc.name : file;
  if (typeof doc.source !== 'string' || doc.source.trim() === '') {
    fail('the levels file must say where its numbers come from', '/source', 'a non-empty "source" string', 'e.g. "source": "measured on our 2-bit test chip, 2024"');
  }
  const source = `${doc.source as string}${sigmaScale === 1 ? '' : `; every sigma scaled by ${sigmaScale} (user choice)`}`;
  if (!Array.isArray(doc.models) || doc.models.length === 0) {
    return fail('the levels file lists no level models', '/models', 'a non-empty array of { "levels": [[mean, sigma], ...] }');
  }
  const models: LevelModel[] = doc.models.map((entry: unknown, i: number) => {
    if (!isRecord(entry)) return fail(`model ${i} is not an object`, `/models/${i}`, '{ "levels": [[mean, sigma], ...] }');
    const levels = Array.isArray(entry.levels)
      ? entry.levels.map((l: unknown) => (Array.isArray(l) && l.length === 2 && typeof l[1] === 'number' ? [l[0], l[1] * sigmaScale] : l))
      : entry.levels;
    const levelName = `${name}-${i}`;
    const model = makeLevelModel({ name: levelName, source, levels }, { file, jsonPath: `/models/${i}` });
    return { ...model, name: `${name}-${model.bitsPerCell}bpc` };
  });
  const seen = new Set<number>();
  models.forEach((m, i) => {
    if (seen.has(m.bitsPerCell)) {
      fail(`two models for ${m.bitsPerCell} bits per cell`, `/models/${i}`, 'at most one model per number of levels', 'remove one of them');
    }
    seen.add(m.bitsPerCell);
  });
  models.sort((a, b) => a.bitsPerCell - b.bitsPerCell);
  return { name, mapping, levelModels: models };
}

/** Read a levels file from disk. */
export function loadLevelsFile(file: string, mapping: LevelMapping, sigmaScale = 1): FaultModel {
  const doc = readJsonFile(file, 'levels');
  return levelsFaultModel(doc, file, mapping, sigmaScale);
}

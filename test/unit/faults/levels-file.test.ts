import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { errorMatrix, meanFaultRate } from '../../../src/faults/cells/level-model.js';
import { levelsFaultModel, loadLevelsFile } from '../../../src/faults/cells/levels-file.js';
import { faultTablesFor, technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import type { StorageChoice } from '../../../src/storage/types.js';

const EXAMPLE = 'examples/faults/levels-example.json';

function userError(f: () => unknown): UserError {
  try {
    f();
  } catch (e) {
    if (e instanceof UserError) return e;
    throw e;
  }
  throw new Error('no error thrown');
}

describe('levels file', () => {
  it('the shipped example is the RRAM reference: the same fault rates as the RRAM technology model', () => {
    const fromFile = loadLevelsFile(EXAMPLE, 'gray');
    const tech = technologyFaultModel('RRAM', 'gray');
    expect(fromFile.levelModels.map((m) => m.bitsPerCell)).toEqual([1, 2, 3]);
    fromFile.levelModels.forEach((m, i) => expect(meanFaultRate(errorMatrix(m))).toBe(meanFaultRate(errorMatrix(tech.levelModels[i]!))));
  });

  it('levels out of order are refused with the file and the JSON path', () => {
    const e = userError(() => levelsFaultModel({ source: 's', models: [{ levels: [[0, 0.01], [1, 0.01], [0.5, 0.01], [2, 0.01]] }] }, 'bad.json', 'gray'));
    expect(e.message).toMatch(/strictly increasing/);
    expect(e.details.file).toBe('bad.json');
    expect(e.details.jsonPath).toBe('/models/0/levels/2/0');
  });

  it('a sigma that is not positive is refused', () => {
    const e = userError(() => levelsFaultModel({ source: 's', models: [{ levels: [[0, 0.01], [1, 0]] }] }, 'bad.json', 'gray'));
    expect(e.message).toMatch(/sigma 0/);
    expect(e.details.jsonPath).toBe('/models/0/levels/1/1');
  });

  it('a file without a source, or with two models of the same size, is refused', () => {
    expect(userError(() => levelsFaultModel({ models: [{ levels: [[0, 0.01], [1, 0.01]] }] }, 'f.json', 'gray')).details.jsonPath).toBe('/source');
    const two = { source: 's', models: [{ levels: [[0, 0.01], [1, 0.01]] }, { levels: [[0, 0.02], [1, 0.02]] }] };
    expect(userError(() => levelsFaultModel(two, 'f.json', 'gray')).details.jsonPath).toBe('/models/1');
  });

  it('a density the file does not define is refused, naming the stream', () => {
    const doc = JSON.parse(readFileSync(EXAMPLE, 'utf8')) as { source: string; models: unknown[] };
    const only12 = levelsFaultModel({ ...doc, models: doc.models.slice(0, 2) }, 'two.json', 'gray');
    const choice: StorageChoice = { label: 'c', encoding: 'bitmask', clustered: true, bitsPerCell: { values: 3 }, defaultBitsPerCell: 1 };
    const e = userError(() => faultTablesFor(only12, choice));
    expect(e.message).toMatch(/defines no 3 bits per cell.*'values'/);
    expect(e.details.expected).toMatch(/1, 2/);
  });

  it('--sigma-scale widens every level', () => {
    const wide = loadLevelsFile(EXAMPLE, 'gray', 2);
    expect(wide.levelModels[1]?.levels[1]?.[1]).toBeCloseTo(2 * 0.03351085, 12);
    expect(meanFaultRate(errorMatrix(wide.levelModels[1]!))).toBeGreaterThan(1e-4); // 7.9e-9 unscaled
  });
});

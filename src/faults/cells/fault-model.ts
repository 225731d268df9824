/**
 * The fault model of a campaign: one MLC level model per bits per cell, and
 * the level-to-bit mapping. Plain data, so it can cross to worker threads.
 *
 * A storage choice stores each stream at its own bits per cell; the model must
 * define every one of them. A model built from a technology defines the bits per
 * cell it has level data for (RRAM 1–3, the others 1: technology-levels.ts); a levels file (levels-file.ts) defines
 * the densities it lists, and asking for another one is a UserError.
 */

import { UserError } from '../../errors.js';
import { streamLevels, type StreamLevel } from '../../storage/layer-choice.js';
import { producedStreams } from '../../storage/streams.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';
import { faultTable, type FaultTable } from './cell-faults.js';
import { checkMapping, type LevelMapping } from './level-mapping.js';
import { errorMatrix, meanFaultRate, type LevelModel } from './level-model.js';
import { borrowedLevelsNote, technologyBitsPerCell, technologyLevelModel } from './technology-levels.js';

export interface FaultModel {
  /** Label for tables: the technology, or the levels file's name. */
  readonly name: string;
  readonly mapping: LevelMapping;
  /** One level model per bits per cell the model defines, in increasing bits per cell. */
  readonly levelModels: readonly LevelModel[];
  /** Said plainly with every result when the levels are not the technology's own data (CTT, PCM, STT borrow RRAM's). */
  readonly assumption?: string;
}

/** The level models of a technology at the bits per cell it has data for (technology-levels.ts), every sigma times `sigmaScale`. */
export function technologyFaultModel(technology: string, mapping: LevelMapping, sigmaScale = 1): FaultModel {
  checkMapping(mapping);
  technologyLevelModel(technology, 1, sigmaScale); // an unknown technology is a UserError with a suggestion
  const levelModels = technologyBitsPerCell(technology).map((b) => technologyLevelModel(technology, b, sigmaScale));
  const assumption = borrowedLevelsNote(technology);
  return { name: technology.toUpperCase(), mapping, levelModels, ...(assumption === undefined ? {} : { assumption }) };
}

/** Bits per cell the model defines. */
export function definedBitsPerCell(model: FaultModel): number[] {
  return model.levelModels.map((m) => m.bitsPerCell);
}

/** The level model at `bitsPerCell`, or a UserError naming the stream (and layer) that asked for it, at its JSON path. */
function levelModelAt(model: FaultModel, bitsPerCell: number, asker?: StreamLevel): LevelModel {
  const who = asker === undefined ? '' : ` (asked for by stream '${asker.stream}'${asker.layer === undefined ? '' : ` of layer '${asker.layer}'`})`;
  const found = model.levelModels.find((m) => m.bitsPerCell === bitsPerCell);
  if (found !== undefined) return found;
  const defined = definedBitsPerCell(model);
  const technology = model.levelModels.length === 1 && model.assumption !== undefined ? model.name : undefined;
  if (technology !== undefined) {
    try {
      technologyLevelModel(technology, bitsPerCell); // the technology's own refusal, with its reason
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, { ...e.details, ...(asker === undefined ? {} : { jsonPath: asker.jsonPath }) });
      throw e;
    }
  }
  throw new UserError(
    `the fault model "${model.name}" defines no ${bitsPerCell} bits per cell${who}`,
    {
      jsonPath: asker?.jsonPath,
      expected: `one of the bits per cell it defines: ${defined.join(', ')}`,
      suggestion: `store the stream at ${defined.join(' or ')} bits per cell, or add a ${1 << bitsPerCell}-level model to the levels file`,
    },
  );
}

/** Bits per cell of each stream a choice produces (a choice without `layers`, or one layer's: layerChoice). */
export function streamBitsPerCell(choice: StorageChoice): Partial<Record<StreamName, number>> {
  const out: Partial<Record<StreamName, number>> = {};
  for (const s of producedStreams(choice)) out[s] = choice.bitsPerCell[s] ?? choice.defaultBitsPerCell;
  return out;
}

/** Fault tables by bits per cell, for every density the choice uses; a density the model lacks is a UserError. */
export type FaultTables = ReadonlyMap<number, FaultTable>;

export function faultTablesFor(model: FaultModel, choice: StorageChoice): FaultTables {
  const tables = new Map<number, FaultTable>();
  for (const level of streamLevels(choice)) {
    if (!tables.has(level.bitsPerCell)) tables.set(level.bitsPerCell, faultTable(errorMatrix(levelModelAt(model, level.bitsPerCell, level))));
  }
  return tables;
}

/** Mean per-cell fault rate at each density the model defines (uniform level use, level-model.ts). */
export function meanFaultRates(model: FaultModel): Map<number, number> {
  return new Map(model.levelModels.map((m) => [m.bitsPerCell, meanFaultRate(errorMatrix(m))]));
}

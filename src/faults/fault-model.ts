/**
 * The fault model of a campaign: one MLC level model per bits per cell, and
 * the level-to-bit mapping. Plain data, so it can cross to worker threads.
 *
 * A storage choice stores each stream at its own bits per cell; the model must
 * define every one of them. A model built from a technology defines the bits per
 * cell it has level data for (RRAM 1–3, the others 1: technology-levels.ts); a levels file (levels-file.ts) defines
 * the densities it lists, and asking for another one is a UserError.
 */

import { UserError } from '../errors.js';
import { producedStreams } from '../storage/streams.js';
import type { StorageChoice, StreamName } from '../storage/types.js';
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

/** The level model at `bitsPerCell`, or a UserError naming the stream that asked for it. */
function levelModelAt(model: FaultModel, bitsPerCell: number, stream?: StreamName): LevelModel {
  const found = model.levelModels.find((m) => m.bitsPerCell === bitsPerCell);
  if (found !== undefined) return found;
  const defined = definedBitsPerCell(model);
  const technology = model.levelModels.length === 1 && model.assumption !== undefined ? model.name : undefined;
  if (technology !== undefined) {
    try {
      technologyLevelModel(technology, bitsPerCell); // the technology's own refusal, with its reason
    } catch (e) {
      if (e instanceof UserError) throw new UserError(e.message, { ...e.details, ...(stream === undefined ? {} : { jsonPath: `/bitsPerCell/${stream}` }) });
      throw e;
    }
  }
  throw new UserError(
    `the fault model "${model.name}" defines no ${bitsPerCell} bits per cell${stream === undefined ? '' : ` (asked for by stream '${stream}')`}`,
    {
      jsonPath: stream === undefined ? undefined : `/bitsPerCell/${stream}`,
      expected: `one of the bits per cell it defines: ${defined.join(', ')}`,
      suggestion: `store the stream at ${defined.join(' or ')} bits per cell, or add a ${1 << bitsPerCell}-level model to the levels file`,
    },
  );
}

/** Bits per cell of each stream a choice produces. */
export function streamBitsPerCell(choice: StorageChoice): Partial<Record<StreamName, number>> {
  const out: Partial<Record<StreamName, number>> = {};
  for (const s of producedStreams(choice)) out[s] = choice.bitsPerCell[s] ?? choice.defaultBitsPerCell;
  return out;
}

/** Fault tables by bits per cell, for every density the choice uses; a density the model lacks is a UserError. */
export type FaultTables = ReadonlyMap<number, FaultTable>;

export function faultTablesFor(model: FaultModel, choice: StorageChoice): FaultTables {
  const tables = new Map<number, FaultTable>();
  for (const [stream, b] of Object.entries(streamBitsPerCell(choice)) as [StreamName, number][]) {
    if (!tables.has(b)) tables.set(b, faultTable(errorMatrix(levelModelAt(model, b, stream))));
  }
  return tables;
}

/** Mean per-cell fault rate at each density the model defines (uniform level use, level-model.ts). */
export function meanFaultRates(model: FaultModel): Map<number, number> {
  return new Map(model.levelModels.map((m) => [m.bitsPerCell, meanFaultRate(errorMatrix(m))]));
}

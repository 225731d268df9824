import { UserError, nearest } from '../errors.js';
import { referenceBitsPerCell } from '../hw/memory-figures/figure-curves.js';
import { TECHNOLOGIES, type Technology } from '../hw/memory-figures/reference-table.js';
import { streamLevels } from '../storage/layer-choice.js';
import type { StorageChoice } from '../storage/types.js';

/**
 * Which cell technology a storage choice is sized for, and whether the reference arrays cover it.
 * Area comes from reference/envm-arrays.csv, which has RRAM and CTT at 1, 2 and 3 bits per cell but STT, PCM
 * and SRAM at 1 bit per cell only; a choice that stores a stream at a level the table lacks is refused here,
 * with the path of the setting that asked for it, rather than deep inside the eNVM model.
 */

/** Default technology of `maxnvm size`: MaxNVM's main technology, with the complete 1/2/3-bit series (reference/README.md). */
export const DEFAULT_SIZING_TECHNOLOGY: Technology = 'RRAM';

/** A technology name from a file or flag, or a UserError naming where it was found. */
export function parseTechnology(value: unknown, where: { file?: string; jsonPath: string }): Technology {
  if (typeof value === 'string' && (TECHNOLOGIES as readonly string[]).includes(value)) return value as Technology;
  const near = typeof value === 'string' ? nearest(value, TECHNOLOGIES) : undefined;
  throw new UserError(`unknown technology ${JSON.stringify(value)}`, {
    ...where,
    expected: `one of: ${TECHNOLOGIES.join(', ')} (the technologies of reference/envm-arrays.csv)`,
    suggestion: near !== undefined ? `did you mean "${near}"?` : `use ${DEFAULT_SIZING_TECHNOLOGY} (1, 2 and 3 bits per cell) or CTT`,
  });
}

/**
 * Refuse a choice that stores a stream at a bits per cell the technology has no reference figures for.
 * `jsonPath` is where the choice sits; the error points at the setting inside it.
 */
export function checkTechnologyCovers(choice: StorageChoice, technology: Technology, where: { file?: string; jsonPath: string }): void {
  const have = referenceBitsPerCell(technology);
  for (const { layer, stream, bitsPerCell: bpc, jsonPath } of streamLevels(choice)) {
    if (have.includes(bpc)) continue;
    throw new UserError(`${technology} has no reference arrays at ${bpc} bits per cell (stream '${stream}'${layer === undefined ? '' : ` of layer '${layer}'`} of choice '${choice.label}')`, {
      file: where.file,
      jsonPath: `${where.jsonPath}${jsonPath}`,
      expected: `${have.join(', ')} bit(s) per cell for ${technology} (reference/envm-arrays.csv)`,
      suggestion: `store it at ${have.join(' or ')} bit(s) per cell, or use RRAM or CTT, which have 1, 2 and 3`,
    });
  }
}

/**
 * Level models per eNVM technology and bits per cell. Only MLC RRAM has
 * public level distributions (reference/mlc-rram-levels.json); every other
 * technology's model here is an assumption, said so in its `source` and in
 * every table (borrowedLevelsNote), and a user can replace any of them with
 * measured levels: `maxnvm faults --levels FILE` (levels-file.ts).
 */

import { UserError, nearest } from '../../errors.js';
import { makeLevelModel, type LevelGaussian, type LevelModel } from './level-model.js';

/**
 * MLC RRAM read distributions, [mean, sigma] per level on a normalized read
 * axis, copied from reference/mlc-rram-levels.json (NVMExplorer,
 * nvmexplorer_src/nvmFI/nvm_data/mlc_rram_args.p). A unit test checks the copy
 * against the file, so the two cannot drift apart.
 */
export const RRAM_LEVELS: Readonly<Record<1 | 2 | 3, readonly LevelGaussian[]>> = {
  1: [
    [0.0, 0.00864567],
    [1.0, 0.00339958],
  ],
  2: [
    [0.0, 0.00864567],
    [0.38464387, 0.03351085],
    [0.72165694, 0.02741654],
    [1.0, 0.00339958],
  ],
  3: [
    [0.0, 0.00864567],
    [0.07826194, 0.01345795],
    [0.20381963, 0.030416],
    [0.38464387, 0.03351085],
    [0.54212002, 0.02482939],
    [0.72165694, 0.02741654],
    [0.88611635, 0.03719118],
    [1.0, 0.00339958],
  ],
};

export const RRAM_SOURCE = 'reference/mlc-rram-levels.json (NVMExplorer nvmFI mlc_rram_args.p)';

/** The eNVM technologies of src/hw/envm (SRAM has no MLC read model here). */
export type FaultTechnology = 'RRAM' | 'CTT' | 'PCM' | 'STT';
export const FAULT_TECHNOLOGIES: readonly FaultTechnology[] = ['RRAM', 'CTT', 'PCM', 'STT'];

/** Where a user puts measured levels instead, for suggestions and notes. */
const LEVELS_FILE_HINT = '--levels FILE (format: examples/faults/levels-example.json)';

/**
 * Why each non-RRAM technology has no multi-level model of its own. At 1 bit per cell it borrows RRAM's
 * two levels (83 sigmas apart: a rate of 0 either way), a stated assumption; above 1 bit per cell it is
 * refused, as no per-level read distributions were found to copy (reference/README.md).
 */
const BORROWED_REASON: Record<Exclude<FaultTechnology, 'RRAM'>, string> = {
  CTT:
    'no published CTT per-level read distributions were found: "Charge-Trap Transistors for CMOS-Only Analog Memory" reports 5-bit programming precision for single CTTs and 3 bits in an array, but no level means and sigmas (reference/README.md)',
  PCM: 'no PCM level data in reference/; resistance drift is not modelled',
  STT: 'no STT level data in reference/; STT-MRAM is essentially single-level',
};

/** Bits per cell each technology has level data for: RRAM's published 1–3; the others 1 (borrowed, see above). */
export function technologyBitsPerCell(technology: string): number[] {
  return technology.toUpperCase() === 'RRAM' ? [1, 2, 3] : [1];
}

const isBorrowing = (tech: string): tech is Exclude<FaultTechnology, 'RRAM'> => Object.hasOwn(BORROWED_REASON, tech);

/** The `source` of a borrowed level model. */
function borrowedSource(tech: Exclude<FaultTechnology, 'RRAM'>): string {
  return `assumption: ${tech} uses the MLC RRAM distributions unchanged (${BORROWED_REASON[tech]}). Replace with measured levels: ${LEVELS_FILE_HINT}.`;
}

/**
 * For the tables: a plain statement that a technology's level model is the
 * MLC RRAM one (CTT, PCM, STT), with the reason; undefined for RRAM, whose
 * distributions are published. Case-insensitive; unknown names give undefined.
 */
export function borrowedLevelsNote(technology: string): string | undefined {
  const tech = technology.toUpperCase();
  if (!isBorrowing(tech)) return undefined;
  return (
    `ASSUMPTION: the ${tech} level model borrows the MLC RRAM level distributions (reference/mlc-rram-levels.json) at 1 bit per cell and refuses more; ` +
    `it is not ${tech} data (${BORROWED_REASON[tech]}). Replace with measured levels: ${LEVELS_FILE_HINT}.`
  );
}

/**
 * The level model of a technology (case-insensitive) at a number of bits per cell, optionally
 * with every sigma multiplied by `sigmaScale` (for sensitivity studies; 1
 * leaves the distributions as published).
 */
export function technologyLevelModel(technology: string, bitsPerCell: number, sigmaScale = 1): LevelModel {
  const tech = technology.toUpperCase() as FaultTechnology;
  if (!FAULT_TECHNOLOGIES.includes(tech)) {
    const guess = nearest(technology, FAULT_TECHNOLOGIES);
    throw new UserError(`no fault model for technology "${technology}"`, {
      expected: FAULT_TECHNOLOGIES.join(' | '),
      suggestion: guess !== undefined ? `did you mean "${guess}"?` : `supply measured levels with ${LEVELS_FILE_HINT}`,
    });
  }
  const levels = RRAM_LEVELS[bitsPerCell as 1 | 2 | 3];
  if (levels === undefined) {
    throw new UserError(`no ${tech} level distributions for ${bitsPerCell} bits per cell`, {
      expected: '1, 2 or 3 bits per cell',
      suggestion: `supply measured levels for other densities with ${LEVELS_FILE_HINT}`,
    });
  }
  if (isBorrowing(tech) && bitsPerCell > 1) {
    throw new UserError(`no ${tech} fault model above 1 bit per cell: ${BORROWED_REASON[tech]}`, {
      expected: `1 bit per cell for ${tech}`,
      suggestion: `store ${tech} at 1 bit per cell, or supply measured levels with ${LEVELS_FILE_HINT}`,
    });
  }
  if (!(sigmaScale > 0 && isFinite(sigmaScale))) {
    throw new UserError(`sigma scale must be a positive number, got ${sigmaScale}`, {
      expected: 'number > 0',
      suggestion: 'use 1 for the published distributions',
    });
  }
  const base = isBorrowing(tech) ? borrowedSource(tech) : RRAM_SOURCE;
  const source = sigmaScale === 1 ? base : `${base}; every sigma scaled by ${sigmaScale} (user choice)`;
  const name = `${tech}-${bitsPerCell}bpc${sigmaScale === 1 ? '' : `-sigmax${sigmaScale}`}`;
  return makeLevelModel({ name, source, levels: levels.map(([m, s]) => [m, s * sigmaScale]) });
}

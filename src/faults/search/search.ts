/**
 * The bits-per-cell search: for a storage choice (encoding, clustering, ECC,
 * IdxSync), the most bits per cell each stream can take while the accuracy
 * loss stays within a tolerance.
 *
 * Accuracy loss of a setting = fault-free accuracy − the LOWER end of the
 * Student t interval (at the chosen confidence) on the mean accuracy over the
 * campaign's trials, in percentage points. A setting is accepted when that
 * loss ≤ the tolerance, i.e. when even the pessimistic end of the interval is
 * within tolerance. Caveat: when every trial has the same accuracy (typically:
 * no trial saw a fault, as at 2 bits per cell with RRAM's 7.9e-9 per cell on a
 * small network) the interval has zero width, and "no fault observed in n
 * trials" is accepted.
 *
 * Order: every stream starts at the lowest density the fault model defines
 * (1 bit per cell). Streams are then raised one at a time in the encoding's
 * canonical stream order (values, codebook, mask, groupSizes, indices,
 * pointers, sync, check: src/storage/streams.ts), the values first because
 * they are the largest stream of every encoding; each stream goes up one bit
 * per cell at a time, up to 3 (the densest the eNVM models cover), and stops
 * at the first setting that fails. Streams already searched keep their found
 * value, streams not yet searched stay at the start.
 */

import type { MeanWithInterval } from '../../ml/confidence.js';
import { MAX_BITS_PER_CELL } from '../../storage/choice-schema.js';
import { producedStreams } from '../../storage/streams.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';

interface SearchStep {
  /** The stream raised in this step; undefined for the starting setting. */
  readonly stream?: StreamName;
  readonly bitsPerCell: Readonly<Partial<Record<StreamName, number>>>;
  readonly accuracy: MeanWithInterval;
  /** 100 × (fault-free accuracy − accuracy.low) [percentage points]. */
  readonly accuracyLoss_pp: number;
  readonly accepted: boolean;
}

export interface SearchResult {
  /** The base choice at the bits per cell found (every stream named in bitsPerCell). */
  readonly choice: StorageChoice;
  /** Whether the found setting meets the tolerance (false only when even the start fails). */
  readonly meetsTolerance: boolean;
  readonly order: readonly StreamName[];
  readonly steps: readonly SearchStep[];
}

export interface SearchOptions {
  /** Fault-free accuracy (share of correct answers). */
  readonly cleanAccuracy: number;
  readonly tolerance_pp: number;
  /** Bits per cell the fault model defines; the search uses those from 1 to MAX_BITS_PER_CELL. */
  readonly definedBitsPerCell: readonly number[];
  /** Accuracy with its interval for a choice: one Monte Carlo campaign. */
  readonly evaluate: (choice: StorageChoice) => Promise<MeanWithInterval>;
  /** Label of the found choice; default: the base label with " (searched)". */
  readonly label?: (choice: StorageChoice) => string;
}

export function accuracyLoss_pp(cleanAccuracy: number, accuracy: MeanWithInterval): number {
  return 100 * (cleanAccuracy - accuracy.low);
}

/** The base choice with every produced stream at the given bits per cell; the default is the values stream's. */
export function choiceAt(base: StorageChoice, bitsPerCell: Partial<Record<StreamName, number>>): StorageChoice {
  const streams = producedStreams(base);
  const named: Partial<Record<StreamName, number>> = {};
  for (const s of streams) named[s] = bitsPerCell[s] ?? base.bitsPerCell[s] ?? base.defaultBitsPerCell;
  return { ...base, bitsPerCell: named, defaultBitsPerCell: named.values ?? base.defaultBitsPerCell };
}

export async function searchBitsPerCell(base: StorageChoice, options: SearchOptions): Promise<SearchResult> {
  const levels = [...options.definedBitsPerCell].filter((b) => b >= 1 && b <= MAX_BITS_PER_CELL).sort((a, b) => a - b);
  const start = levels[0];
  if (start === undefined) throw new Error(`the fault model defines none of 1..${MAX_BITS_PER_CELL} bits per cell`);
  const order = producedStreams(base);
  const current: Partial<Record<StreamName, number>> = Object.fromEntries(order.map((s) => [s, start]));
  const steps: SearchStep[] = [];
  const tryAt = async (setting: Partial<Record<StreamName, number>>, stream?: StreamName): Promise<boolean> => {
    const accuracy = await options.evaluate(choiceAt(base, setting));
    const loss = accuracyLoss_pp(options.cleanAccuracy, accuracy);
    const accepted = loss <= options.tolerance_pp;
    steps.push({ ...(stream === undefined ? {} : { stream }), bitsPerCell: { ...setting }, accuracy, accuracyLoss_pp: loss, accepted });
    return accepted;
  };
  const meetsTolerance = await tryAt(current);
  if (meetsTolerance) {
    for (const stream of order) {
      for (const b of levels.filter((x) => x > start)) {
        const trial = { ...current, [stream]: b };
        if (!(await tryAt(trial, stream))) break;
        current[stream] = b;
      }
    }
  }
  const found = choiceAt(base, current);
  const label = options.label?.(found) ?? `${base.label} (searched)`;
  return { choice: { ...found, label }, meetsTolerance, order, steps };
}

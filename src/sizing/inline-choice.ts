import { parseChoice, parseInteger } from '../util/parse-flags.js';
import { UserError, nearest } from '../errors.js';
import type { Technology } from '../hw/memory-figures/reference-table.js';
import { METADATA_STREAMS, STREAM_ORDER, producedStreams } from '../storage/streams.js';
import type { EncodingKind, StorageChoice, StreamName } from '../storage/types.js';
import { defaultLabel } from './choice-label.js';
import { MAX_ECC_DATA_BITS, MIN_ECC_DATA_BITS } from '../storage/choice-schema.js';
import { type SizingEntry, validateSizingEntry } from './sizing-entry.js';

/**
 * One storage choice given on the command line instead of in a choices file. The choice is built from the flags,
 * then validated exactly like a file entry; errors name the flag instead of a JSON path.
 */

/** The flags, keyed as the command line spells them (yargs passes them so). */
export interface InlineChoiceFlags {
  label?: string;
  encoding?: string;
  'bits-per-cell'?: unknown;
  'stream-bits-per-cell'?: string;
  'csr-index-bits'?: unknown;
  'bitmask-layout'?: string;
  clustered?: boolean;
  ecc?: unknown;
  'ecc-streams'?: string;
  idxsync?: unknown;
}

const INLINE_CHOICE_FLAGS = [
  'label',
  'encoding',
  'bits-per-cell',
  'stream-bits-per-cell',
  'csr-index-bits',
  'bitmask-layout',
  'clustered',
  'ecc',
  'ecc-streams',
  'idxsync',
] as const;

/** Bits per cell when --bits-per-cell is not given. assumption: single-level cells, the baseline MaxNVM compares to. */
const DEFAULT_INLINE_BITS_PER_CELL = 1;

/** Whether any flag of an inline choice was given (so it cannot be mixed with --choices). */
export function hasInlineChoice(flags: InlineChoiceFlags): boolean {
  return INLINE_CHOICE_FLAGS.some((f) => flags[f] !== undefined && flags[f] !== false);
}

/** The flag that sets the value at `jsonPath` of a StorageChoice, for error messages. */
function flagForChoicePath(jsonPath: string): string {
  const [, key, sub] = jsonPath.split('/');
  switch (key) {
    case 'bitsPerCell':
      return sub === undefined ? '--stream-bits-per-cell' : `--stream-bits-per-cell ${sub}=`;
    case 'defaultBitsPerCell':
      return '--bits-per-cell';
    case 'csrIndexBits':
      return '--csr-index-bits';
    case 'bitmaskLayout':
      return '--bitmask-layout';
    case 'ecc':
      return sub === 'streams' ? '--ecc-streams' : '--ecc';
    case 'idxSync':
      return '--idxsync';
    case 'technology':
      return '--technology';
    case 'encoding':
    case 'label':
    case 'clustered':
      return `--${key}`;
    default:
      return 'the storage choice flags';
  }
}

function streamList(flag: string, raw: string): StreamName[] {
  return raw.split(',').map((p) => streamName(flag, p.trim()));
}

function streamName(flag: string, name: string): StreamName {
  if ((STREAM_ORDER as readonly string[]).includes(name)) return name as StreamName;
  const near = nearest(name, STREAM_ORDER);
  throw new UserError(`--${flag}: "${name}" is not a stream`, {
    jsonPath: `--${flag}`,
    expected: `stream names: ${STREAM_ORDER.join(', ')}`,
    suggestion: near !== undefined ? `did you mean "${near}"?` : `e.g. --${flag} mask=1,values=3`,
  });
}

function streamBitsPerCell(raw: string): Partial<Record<StreamName, number>> {
  const out: Partial<Record<StreamName, number>> = {};
  for (const part of raw.split(',')) {
    const [name, value, ...extra] = part.split('=').map((s) => s.trim());
    if (name === undefined || name === '' || value === undefined || value === '' || extra.length > 0) {
      throw new UserError(`--stream-bits-per-cell: "${part}" is not stream=bits`, {
        jsonPath: '--stream-bits-per-cell',
        expected: 'comma-separated stream=bits pairs',
        suggestion: 'e.g. --stream-bits-per-cell mask=1,groupSizes=1',
      });
    }
    out[streamName('stream-bits-per-cell', name)] = parseInteger(`stream-bits-per-cell ${name}=`, value, 0);
  }
  return out;
}

/** A flag that only one encoding reads must not be given with another: it would be silently ignored. */
function onlyFor(flag: string, given: unknown, encoding: EncodingKind, owner: EncodingKind): void {
  if (given === undefined || encoding === owner) return;
  throw new UserError(`--${flag} applies to --encoding ${owner} only, not ${encoding}`, {
    jsonPath: `--${flag}`,
    expected: `--${flag} together with --encoding ${owner}`,
    suggestion: `remove --${flag}, or use --encoding ${owner}`,
  });
}

/** Build and validate the choice the flags describe. */
export function inlineChoice(flags: InlineChoiceFlags, technology: Technology): SizingEntry {
  if (flags.encoding === undefined) {
    throw new UserError('no storage choice given', {
      jsonPath: '--encoding',
      expected: '--choices FILE, or one choice as flags: --encoding dense|bitmask|csr [--bits-per-cell N] ...',
      suggestion: 'e.g. --encoding bitmask --bits-per-cell 2, or --choices examples/storage-choices/maxnvm-study.json',
    });
  }
  const encoding = parseChoice('encoding', flags.encoding, ['dense', 'bitmask', 'csr'] as const);
  onlyFor('csr-index-bits', flags['csr-index-bits'], encoding, 'csr');
  onlyFor('bitmask-layout', flags['bitmask-layout'], encoding, 'bitmask');
  if (encoding === 'csr' && flags['csr-index-bits'] === undefined) {
    throw new UserError('--encoding csr needs the relative index width', {
      jsonPath: '--csr-index-bits',
      expected: '--csr-index-bits r, r >= 1 bits',
      suggestion: 'e.g. --csr-index-bits 4',
    });
  }
  if (flags['ecc-streams'] !== undefined && flags.ecc === undefined) {
    throw new UserError('--ecc-streams without --ecc', {
      jsonPath: '--ecc-streams',
      expected: '--ecc DATA_BITS (e.g. 64 for a (72,64) SECDED code) with --ecc-streams',
      suggestion: 'add --ecc 64',
    });
  }
  const choice: StorageChoice = {
    label: '',
    encoding,
    clustered: flags.clustered === true,
    bitsPerCell: flags['stream-bits-per-cell'] === undefined ? {} : streamBitsPerCell(flags['stream-bits-per-cell']),
    defaultBitsPerCell: flags['bits-per-cell'] === undefined ? DEFAULT_INLINE_BITS_PER_CELL : parseInteger('bits-per-cell', flags['bits-per-cell'], 0),
  };
  if (encoding === 'csr') choice.csrIndexBits = parseInteger('csr-index-bits', flags['csr-index-bits'], 0);
  if (encoding === 'bitmask' && flags['bitmask-layout'] !== undefined) {
    choice.bitmaskLayout = parseChoice('bitmask-layout', flags['bitmask-layout'], ['nvdla', 'plain'] as const);
  }
  if (flags.idxsync !== undefined) choice.idxSync = { interval: parseInteger('idxsync', flags.idxsync, 0) };
  if (flags.ecc !== undefined) {
    const dataBits = parseInteger('ecc', flags.ecc, MIN_ECC_DATA_BITS, MAX_ECC_DATA_BITS, 'SECDED data word in bits: 64 gives (72,64)');
    choice.ecc = { dataBits, streams: flags['ecc-streams'] === undefined ? defaultEccStreams(choice) : streamList('ecc-streams', flags['ecc-streams']) };
  }
  choice.label = flags.label ?? defaultLabel(choice);
  try {
    return validateSizingEntry(choice, technology, '', '');
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    throw new UserError(e.message, { ...e.details, file: undefined, jsonPath: flagForChoicePath(e.details.jsonPath ?? '') });
  }
}

/**
 * ECC without --ecc-streams protects the metadata the choice produces (MaxNVM's use of ECC: a flipped mask or
 * index bit misplaces every later value, a flipped value bit spoils one weight); a dense choice has no metadata,
 * so there it protects the values.
 */
export function defaultEccStreams(choice: StorageChoice): StreamName[] {
  const meta = producedStreams(choice).filter((s) => METADATA_STREAMS.includes(s));
  return meta.length > 0 ? meta : ['values'];
}

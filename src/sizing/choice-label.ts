import { secdedCode } from '../storage/secded.js';
import { DEFAULT_BITMASK_LAYOUT, producedStreams } from '../storage/streams.js';
import type { LayerOverride, StorageChoice } from '../storage/types.js';

/** Words for a storage choice: a short default label for the command line, and a one-line description for tables. */

/** SECDED code of a data word as (codeword, data) bits, e.g. 64 → "(72,64)". */
export function secdedName(dataBits: number): string {
  return `(${secdedCode(dataBits).codewordBits},${dataBits})`;
}

/** e.g. "csr r4 3b/cell indices@1b ecc(72,64) sync1024": every setting that changes the size, compactly. */
export function defaultLabel(c: StorageChoice): string {
  const parts: string[] = [c.encoding];
  if (c.encoding === 'csr' && c.csrIndexBits !== undefined) parts.push(`r${c.csrIndexBits}`);
  if (c.encoding === 'bitmask' && (c.bitmaskLayout ?? DEFAULT_BITMASK_LAYOUT) !== DEFAULT_BITMASK_LAYOUT) parts.push(c.bitmaskLayout ?? '');
  if (c.clustered) parts.push('clustered');
  parts.push(`${c.defaultBitsPerCell}b/cell`);
  for (const s of producedStreams(c)) {
    const b = c.bitsPerCell[s];
    if (b !== undefined && b !== c.defaultBitsPerCell) parts.push(`${s}@${b}b`);
  }
  if (c.ecc !== undefined) parts.push(`ecc${secdedName(c.ecc.dataBits)}`);
  if (c.idxSync !== undefined) parts.push(`sync${c.idxSync.interval}`);
  const layers = Object.keys(c.layers ?? {}).length;
  if (layers > 0) parts.push(`+${layers} layer${layers === 1 ? '' : 's'}`);
  return parts.join(' ');
}

/** e.g. "csr (r = 4), 3 bits/cell (indices 1), ECC (72,64) on indices, pointers, IdxSync every 1024 weights". */
export function describeChoice(c: StorageChoice): string {
  let enc: string = c.encoding;
  if (c.encoding === 'csr') enc += ` (r = ${c.csrIndexBits ?? '?'})`;
  if (c.encoding === 'bitmask') enc += ` (${c.bitmaskLayout ?? DEFAULT_BITMASK_LAYOUT} layout)`;
  if (c.clustered) enc += ', clustered';
  const named = producedStreams(c).filter((s) => c.bitsPerCell[s] !== undefined && c.bitsPerCell[s] !== c.defaultBitsPerCell);
  const bpc = `${c.defaultBitsPerCell} bit${c.defaultBitsPerCell === 1 ? '' : 's'}/cell${named.length > 0 ? ` (${named.map((s) => `${s} ${c.bitsPerCell[s]}`).join(', ')})` : ''}`;
  const parts = [enc, bpc];
  parts.push(c.ecc === undefined ? 'no ECC' : `ECC ${secdedName(c.ecc.dataBits)} on ${c.ecc.streams.join(', ')}`);
  parts.push(c.idxSync === undefined ? 'no IdxSync' : `IdxSync every ${c.idxSync.interval} weights`);
  for (const [name, own] of Object.entries(c.layers ?? {})) parts.push(`${name}: ${describeLayer(own)}`);
  return parts.join(', ');
}

/** A layer's own settings, e.g. "values 3, mask 2, ECC on mask" or "no ECC". */
function describeLayer(own: LayerOverride): string {
  const parts = (Object.entries(own.bitsPerCell ?? {}) as [string, number][]).map(([s, b]) => `${s} ${b}`);
  if (own.eccStreams !== undefined) parts.push(own.eccStreams.length === 0 ? 'no ECC' : `ECC on ${own.eccStreams.join('+')}`);
  return `(${parts.join(', ')})`;
}

import { UserError, nearest } from '../errors.js';
import { STREAM_ORDER, producedStreams } from './streams.js';
import type { LayerOverride, StorageChoice, StreamName } from './types.js';

/**
 * Per-layer settings of a storage choice. A choice may name layers (`layers`) whose bits per cell, or whose
 * ECC-protected streams, differ from the choice's own. Every consumer resolves a layer's settings here (sizing,
 * the eNVM array and weight path, fault injection), so a layer is sized, simulated and faulted the same way.
 */

/** The settings layer `layerName` is stored with: the choice, with that layer's own settings in place, and no `layers`. */
export function layerChoice(choice: StorageChoice, layerName: string): StorageChoice {
  const { layers, ...rest } = choice;
  const own = layers?.[layerName];
  if (own === undefined) return rest;
  const { ecc: _ecc, ...noEcc } = rest;
  const streams = layerEccStreams(choice, layerName);
  const ecc = rest.ecc === undefined || streams.length === 0 ? undefined : { dataBits: rest.ecc.dataBits, streams };
  const shape: StorageChoice = { ...noEcc, ...(ecc === undefined ? {} : { ecc }) };
  // Only streams this layer produces keep a bits per cell (no `check` where nothing is protected).
  const produced = producedStreams(shape);
  const merged: Partial<Record<StreamName, number>> = { ...rest.bitsPerCell, ...own.bitsPerCell };
  const bitsPerCell: Partial<Record<StreamName, number>> = {};
  for (const s of produced) if (merged[s] !== undefined) bitsPerCell[s] = merged[s];
  return { ...shape, bitsPerCell };
}

/** Streams ECC protects in a layer, in stream order: its own eccStreams, else the choice's; none without ecc. */
export function layerEccStreams(choice: Pick<StorageChoice, 'ecc' | 'layers'>, layerName: string): StreamName[] {
  if (choice.ecc === undefined) return [];
  const streams = choice.layers?.[layerName]?.eccStreams ?? choice.ecc.streams;
  return STREAM_ORDER.filter((s) => streams.includes(s));
}

/** One stream's bits per cell in the choice's default layer or in a named one, with where it is set. */
export interface StreamLevel {
  readonly layer?: string;
  readonly stream: StreamName;
  readonly bitsPerCell: number;
  /** JSON path of the setting inside the choice. */
  readonly jsonPath: string;
}

/** JSON Pointer escaping of a key (RFC 6901). */
export const pointer = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** Every (layer, stream) bits per cell the choice stores something at: the layers it names, and every other layer. */
export function streamLevels(choice: StorageChoice): StreamLevel[] {
  const out: StreamLevel[] = [];
  const add = (c: StorageChoice, layer: string | undefined): void => {
    const own = layer === undefined ? undefined : choice.layers?.[layer]?.bitsPerCell;
    for (const stream of producedStreams(c)) {
      const named = c.bitsPerCell[stream];
      const at = own?.[stream] !== undefined ? `/layers/${pointer(layer as string)}/bitsPerCell/${stream}` : named !== undefined ? `/bitsPerCell/${stream}` : '/defaultBitsPerCell';
      out.push({ ...(layer === undefined ? {} : { layer }), stream, bitsPerCell: named ?? c.defaultBitsPerCell, jsonPath: at });
    }
  };
  const { layers: _layers, ...unnamed } = choice;
  add(unnamed, undefined);
  for (const name of Object.keys(choice.layers ?? {})) add(layerChoice(choice, name), name);
  return out;
}

/** Refuse a choice naming a layer the network does not have (most likely a typo). */
export function checkLayerNames(choice: StorageChoice, layerNames: readonly string[], where: { file?: string; jsonPath: string; network: string }): void {
  for (const name of Object.keys(choice.layers ?? {})) {
    if (layerNames.includes(name)) continue;
    const near = nearest(name, layerNames);
    throw new UserError(`storage choice '${choice.label}' sets layer '${name}', which ${where.network} does not have`, {
      ...(where.file === undefined ? {} : { file: where.file }),
      jsonPath: `${where.jsonPath}/layers/${pointer(name)}`,
      expected: `a layer with weights of ${where.network}: ${layerNames.slice(0, 8).join(', ')}${layerNames.length > 8 ? ', ...' : ''}`,
      suggestion: near !== undefined ? `did you mean '${near}'?` : 'remove the entry, or size the network it was made for',
    });
  }
}

/** One layer's complete settings, as a search produces them. */
export interface LayerSettings {
  readonly name: string;
  /** Bits per cell of every stream the layer produces. */
  readonly bitsPerCell: Readonly<Partial<Record<StreamName, number>>>;
  readonly eccStreams: readonly StreamName[];
}

/** The value most layers share; ties go to the one met first. */
function mostCommon<T>(values: readonly T[], key: (v: T) => string): T | undefined {
  const counts = new Map<string, { v: T; n: number }>();
  for (const v of values) {
    const e = counts.get(key(v));
    if (e === undefined) counts.set(key(v), { v, n: 1 });
    else e.n++;
  }
  let best: { v: T; n: number } | undefined;
  for (const e of counts.values()) if (best === undefined || e.n > best.n) best = e;
  return best?.v;
}

/**
 * A choice from every layer's settings: the settings most layers share become the choice's own, and a layer
 * is named in `layers` only for what differs. `base` gives the encoding, the ECC data word and IdxSync.
 */
export function choiceFromLayers(base: StorageChoice, layers: readonly LayerSettings[]): StorageChoice {
  const { layers: _l, ecc: baseEcc, bitsPerCell: _b, ...shape } = base;
  const protectedSets = layers.map((l) => STREAM_ORDER.filter((s) => l.eccStreams.includes(s))).filter((s) => s.length > 0);
  const eccStreams = baseEcc === undefined ? undefined : mostCommon(protectedSets, (s) => s.join());
  const ecc = baseEcc === undefined || eccStreams === undefined ? undefined : { dataBits: baseEcc.dataBits, streams: eccStreams };
  const withEcc = { ...shape, ...(ecc === undefined ? {} : { ecc }) };
  const bitsPerCell: Partial<Record<StreamName, number>> = {};
  for (const s of producedStreams(withEcc)) {
    const b = mostCommon(layers.flatMap((l) => (l.bitsPerCell[s] === undefined ? [] : [l.bitsPerCell[s] as number])), String);
    if (b !== undefined) bitsPerCell[s] = b;
  }
  const choice: StorageChoice = { ...withEcc, bitsPerCell, defaultBitsPerCell: bitsPerCell.values ?? base.defaultBitsPerCell };
  const overrides: Record<string, LayerOverride> = {};
  for (const l of layers) {
    const own: LayerOverride = {};
    const sets = STREAM_ORDER.filter((s) => l.eccStreams.includes(s));
    if (ecc !== undefined && sets.join() !== ecc.streams.join()) own.eccStreams = sets;
    const resolved = layerChoice({ ...choice, layers: { [l.name]: own } }, l.name);
    for (const [s, b] of Object.entries(l.bitsPerCell) as [StreamName, number][]) {
      if ((resolved.bitsPerCell[s] ?? resolved.defaultBitsPerCell) !== b) (own.bitsPerCell ??= {})[s] = b;
    }
    if (own.bitsPerCell !== undefined || own.eccStreams !== undefined) overrides[l.name] = own;
  }
  return Object.keys(overrides).length === 0 ? choice : { ...choice, layers: overrides };
}

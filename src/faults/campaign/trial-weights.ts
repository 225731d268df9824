/**
 * The weights a campaign's trials decode for one layer under one setting, found without inference. Trial t's
 * random stream (campaign.ts trialStream) gives each layer one draw, in layer order (inject-layer.ts
 * layerFaultKey), in sampled mode, so layer l of trial t can be replayed alone, with the faults the campaign's
 * workers will inject.
 *
 * Two uses in the protection search (protection-run.ts):
 * - a fingerprint of the decoded weights of every trial: two settings with the same fingerprint in every layer
 *   give every trial the same weights, hence the same accuracy (inference is deterministic), so one campaign
 *   judges both; a layer whose every trial decodes its original weights has the fingerprint of no fault at all;
 * - a cheap sensitivity measure: the mean over trials of the layer's relative squared weight error,
 *   Σ (decoded − original)² / Σ original² (int8 values; assumption: the per-channel scales, which differ little
 *   inside a layer, are left out). A fault costs a small layer more of its weights' energy than a large one,
 *   so the measure ranks the first conv and the last fc as sensitive and the large fc layers as robust.
 */

import { createHash } from 'node:crypto';
import { trialStream } from './campaign.js';
import type { FaultTables } from '../cells/fault-model.js';
import { decodeAndCompare, faultStreamsWithKey, layerFaultKey } from '../inject/inject-layer.js';
import type { LevelMapping } from '../cells/level-mapping.js';
import type { PreparedLayer } from '../inject/prepared-layer.js';

/** Fingerprint of a layer none of whose trials decodes a changed weight. */
export const NO_FAULT = '';

export interface LayerTrials {
  /** NO_FAULT, or a hash of every trial's decoded weights (trials with no changed weight marked as such). */
  readonly fingerprint: string;
  /** Mean over trials of Σ (decoded − original)² / Σ original² [unitless]. */
  readonly damage: number;
}

/** Each layer's key in each trial: keys[layer][trial], the draws the campaign's trials give the layers. */
export function trialLayerKeys(seed: number, trials: number, layers: number): number[][] {
  const keys: number[][] = Array.from({ length: layers }, () => []);
  for (let t = 0; t < trials; t++) {
    const random = trialStream(seed, t);
    for (let l = 0; l < layers; l++) keys[l]?.push(layerFaultKey(random));
  }
  return keys;
}

/** Replay one layer of every trial: fault its streams with the trial's key, decode, compare with the originals. */
export function replayLayer(layer: PreparedLayer, options: { tables: FaultTables; mapping: LevelMapping }, keys: readonly number[]): LayerTrials {
  const original = layer.original;
  let energy = 0;
  for (const w of original) energy += w * w;
  const hashes: string[] = [];
  let damage = 0;
  for (const key of keys) {
    const { streams, faultyCellsByStream } = faultStreamsWithKey(layer, options, key);
    if (Object.values(faultyCellsByStream).every((n) => n === 0)) {
      hashes.push('-');
      continue;
    }
    const { decoded, result } = decodeAndCompare(layer, streams, faultyCellsByStream);
    if (result.stats.changed === 0) {
      hashes.push('-');
      continue;
    }
    let squared = 0;
    for (let i = 0; i < original.length; i++) {
      const d = (decoded[i] as number) - (original[i] as number);
      squared += d * d;
    }
    damage += squared / Math.max(energy, 1);
    hashes.push(createHash('sha256').update(new Uint8Array(decoded.buffer, decoded.byteOffset, decoded.byteLength)).digest('hex'));
  }
  const clean = hashes.every((h) => h === '-');
  return { fingerprint: clean ? NO_FAULT : createHash('sha256').update(hashes.join(',')).digest('hex'), damage: keys.length === 0 ? 0 : damage / keys.length };
}

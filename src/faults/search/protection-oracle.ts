/**
 * What the protection search (protection-search.ts) asks about a setting, answered on a model: its cells (exact,
 * from the real encoders), its sensitivity measure and its verdict when no campaign is needed (trial-weights.ts),
 * each layer encoded and replayed once per setting of its own. A setting of the space becomes, per layer, a
 * storage choice (`layerSettingChoice`), and, for the whole network, one choice with per-layer settings
 * (`settingChoice`, storage/layer-choice.ts): the choice the campaign runs and `maxnvm size` sizes.
 */

import { choiceFromLayers, type LayerSettings } from '../../storage/layer-choice.js';
import { producedStreams } from '../../storage/streams.js';
import { streamCells, type StreamBits } from '../../storage/stream-sizes.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';
import type { AccuracyNetwork } from '../networks/accuracy-network.js';
import type { FaultTable } from '../cells/cell-faults.js';
import { faultTablesFor, streamBitsPerCell, type FaultModel, type FaultTables } from '../cells/fault-model.js';
import { prepareLayer, type PreparedLayer } from '../inject/prepared-layer.js';
import { isProtected, type ProtectionSetting, type ProtectionSpace } from './protection-space.js';
import { NO_FAULT, replayLayer, trialLayerKeys, type LayerTrials } from '../campaign/trial-weights.js';

/** The base without protection and without per-layer settings. */
export function plain(base: StorageChoice): StorageChoice {
  const { ecc: _e, idxSync: _i, layers: _l, ...rest } = base;
  return rest;
}

/** Layer i's storage choice under a setting: its protected streams, IdxSync, every produced stream's bits per cell. */
export function layerSettingChoice(base: StorageChoice, space: ProtectionSpace, s: ProtectionSetting, i: number): StorageChoice {
  const layer = s.layers[i] ?? {};
  const shape = { ...plain(base), ...(s.syncInterval === undefined ? {} : { idxSync: { interval: s.syncInterval } }) };
  const eccStreams = producedStreams(shape).filter((n) => space.protectable.includes(n) && isProtected(s, layer, n));
  const withEcc: StorageChoice = { ...shape, ...(eccStreams.length > 0 ? { ecc: { dataBits: s.eccDataBits, streams: eccStreams } } : {}) };
  const bitsPerCell: Partial<Record<StreamName, number>> = {};
  for (const n of producedStreams(withEcc)) bitsPerCell[n] = layer[n]?.bitsPerCell ?? base.defaultBitsPerCell;
  return { ...withEcc, bitsPerCell, defaultBitsPerCell: bitsPerCell.values ?? base.defaultBitsPerCell };
}

/** The whole network's storage choice under a setting: what most layers share, and each layer's own settings where they differ. */
export function settingChoice(base: StorageChoice, space: ProtectionSpace, s: ProtectionSetting): StorageChoice {
  const layers: LayerSettings[] = space.layers.map((name, i) => {
    const c = layerSettingChoice(base, space, s, i);
    return { name, bitsPerCell: streamBitsPerCell(c), eccStreams: c.ecc?.streams ?? [] };
  });
  const anyEcc = layers.some((l) => l.eccStreams.length > 0);
  const shape = { ...plain(base), ...(s.syncInterval === undefined ? {} : { idxSync: { interval: s.syncInterval } }), ...(anyEcc ? { ecc: { dataBits: s.eccDataBits, streams: ['values' as StreamName] } } : {}) };
  return choiceFromLayers(shape, layers);
}

export class ProtectionOracle {
  private readonly tensors;
  private readonly encoded = new Map<string, PreparedLayer>();
  private readonly replays = new Map<string, LayerTrials>();
  private readonly verdicts = new Map<string, { accepted: boolean; loss_pp: number }>();
  private readonly tables: FaultTables;
  private readonly keys: number[][];

  constructor(
    net: AccuracyNetwork,
    private readonly base: StorageChoice,
    private readonly space: ProtectionSpace,
    private readonly faultModel: FaultModel,
    campaign: { seed: number; trials: number },
  ) {
    this.tensors = net.tensors(base.clustered);
    const tables = new Map<number, FaultTable>();
    for (const b of space.bitsPerCell) for (const [k, t] of faultTablesFor(faultModel, { ...plain(base), bitsPerCell: {}, defaultBitsPerCell: b })) tables.set(k, t);
    this.tables = tables;
    this.keys = trialLayerKeys(campaign.seed, campaign.trials, this.tensors.length);
  }

  /** Layer i encoded under its choice (encoding shared by choices that differ only in bits per cell). */
  private layer(i: number, c: StorageChoice): PreparedLayer {
    const { bitsPerCell: _b, defaultBitsPerCell: _d, ...shape } = c;
    const key = `${i}|${JSON.stringify(shape)}`;
    let p = this.encoded.get(key);
    if (p === undefined) {
      const t = this.tensors[i];
      if (t === undefined) throw new Error(`no layer ${i}`);
      p = prepareLayer(t.name, t.tensor, { ...c, bitsPerCell: {} });
      this.encoded.set(key, p);
    }
    return { ...p, bitsPerCell: streamBitsPerCell(c) };
  }

  private replay(i: number, c: StorageChoice): LayerTrials {
    const key = `${i}|${JSON.stringify(c)}`;
    let r = this.replays.get(key);
    if (r === undefined) {
      r = replayLayer(this.layer(i, c), { tables: this.tables, mapping: this.faultModel.mapping }, this.keys[i] ?? []);
      this.replays.set(key, r);
    }
    return r;
  }

  private choices(s: ProtectionSetting): StorageChoice[] {
    return this.space.layers.map((_, i) => layerSettingChoice(this.base, this.space, s, i));
  }

  /** Cells by stream, summed over layers (each stream of each layer its own run of cells, storage/stream-sizes.ts). */
  cellsByStream(s: ProtectionSetting): Partial<Record<StreamName, number>> {
    const out: Partial<Record<StreamName, number>> = {};
    this.choices(s).forEach((c, i) => {
      const bits: StreamBits = {};
      for (const [name, stream] of Object.entries(this.layer(i, c).encoded.streams)) bits[name as StreamName] = stream.length;
      for (const x of streamCells(bits, c)) out[x.stream] = (out[x.stream] ?? 0) + x.cells;
    });
    return out;
  }

  cells(s: ProtectionSetting): number {
    return Object.values(this.cellsByStream(s)).reduce((a, b) => a + (b ?? 0), 0);
  }

  damage(s: ProtectionSetting): number {
    return this.choices(s).reduce((a, c, i) => a + this.replay(i, c).damage, 0);
  }

  private fingerprint(s: ProtectionSetting): string {
    return this.choices(s).map((c, i) => this.replay(i, c).fingerprint).join('|');
  }

  /** Passes with no loss when no trial changes a weight; else the verdict of a setting with the same weights in every trial. */
  known(s: ProtectionSetting): { accepted: boolean; loss_pp: number } | undefined {
    const f = this.fingerprint(s);
    if (f.split('|').every((x) => x === NO_FAULT)) return { accepted: true, loss_pp: 0 };
    return this.verdicts.get(f);
  }

  record(s: ProtectionSetting, verdict: { accepted: boolean; loss_pp: number }): void {
    this.verdicts.set(this.fingerprint(s), verdict);
  }
}

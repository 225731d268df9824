import { nsToPs, type Picoseconds } from '../../engine/time.js';
import type { EnergyBreakdown, MemoryDevice, MemoryOp, PowerManaged, TrafficClass } from '../memory.js';
import { atAccessWidth } from '../memory-figures/access-width.js';
import { capacityNote } from './capacity-note.js';
import type { ArrayFigures } from '../memory-figures/capacity-scaling.js';
import { curvesFor, figuresAt } from '../memory-figures/figure-curves.js';
import { InterleavedBanks, wordSpan } from '../memory-figures/interleaved-banks.js';
import { withSensing } from './mlc-sensing.js';
import { GatedDevice, PowerGate, powerGateConfig } from '../power-gate.js';
import { CTT_CAVEAT, includesMlcSensing, REFERENCE_ACCESS_WIDTH_CELLS } from '../memory-figures/reference-table.js';
import { checkEnvmParams, type EnvmParams } from './spec.js';

/**
 * The on-chip eNVM weight store.
 *
 * Organization: one sub-array per bits-per-cell level in use (MLC levels need their own
 * sense amplifiers and references), each split into `banks` equal banks. Each bank is an
 * array of ceil(cells / banks) cells whose figures follow the capacity rule
 * (capacity-scaling.ts, README.md) and the MLC sensing model (mlc-sensing.ts). A sub-array
 * holding no cells has no banks (no area, no leakage). A read of a word
 * (accessWidth_cells cells = accessWidth_cells × bitsPerCell bits) occupies its bank for
 * one read latency; words are interleaved over the banks, sub-arrays work in parallel.
 * So the bandwidth of a sub-array is banks × accessWidth_cells × bitsPerCell / readLatency,
 * and both bank conflicts and the slower MLC read limit it. (In the reference data only CTT
 * reads much slower at MLC, 1.7 → 17.6 ns at 1 → 3 bits per cell; the fork's RRAM latency
 * grows only 0.77 → 0.93 ns, so RRAM bandwidth per bank rises with bits per cell unless
 * sequential sensing with a longer step is chosen.)
 *
 * Area and leakage: banks × the per-bank figure, summed over sub-arrays: the area of the
 * cells needed at each bits per cell. Energy terms: read, leakage, wakeup.
 */

export interface EnvmSubArray {
  readonly bitsPerCell: number;
  readonly cells: number;
  readonly cellsPerBank: number;
  /** Figures of one bank after access-width scaling and the sensing model. */
  readonly perBank: ArrayFigures;
  readonly access_ps: Picoseconds;
  readonly wordBits: number;
  readonly leakage_mW: number;
  readonly area_mm2: number;
  readonly peakBandwidth_Bps: number;
}

interface SubArrayState extends EnvmSubArray {
  readonly banksState: InterleavedBanks;
  readonly energyPerAccess_J: number;
}

export class EnvmArray extends GatedDevice implements MemoryDevice, PowerManaged {
  private readonly subs = new Map<number, SubArrayState>();
  protected readonly gate: PowerGate;
  private bitsRead = 0;
  private readonly provisioned_cells: number | 'stored';
  private readonly stored_cells: number;
  accesses = 0;
  readEnergy_J = 0;
  /** Time the first word of the last readStream() was out (for streaming consumers). */
  lastReadFirstData: Picoseconds = 0;
  /** Things a report should say about these figures (CTT caveat, extrapolation). */
  readonly notes: string[] = [];

  constructor(
    readonly params: EnvmParams,
    storedCells: ReadonlyMap<number, number>,
    readonly name = 'envm',
  ) {
    super();
    checkEnvmParams(params);
    const cells = new Map(storedCells);
    this.stored_cells = [...cells.values()].reduce((a, b) => a + b, 0);
    this.provisioned_cells = params.capacity_cells;
    const spare = params.capacity_cells === 'stored' ? 0 : Math.max(0, params.capacity_cells - this.stored_cells);
    cells.set(params.bitsPerCell, (cells.get(params.bitsPerCell) ?? 0) + spare);
    if (params.technology === 'CTT') this.notes.push(CTT_CAVEAT);
    for (const [bpc, n] of [...cells.entries()].sort((a, b) => a[0] - b[0])) this.subs.set(bpc, this.buildSubArray(bpc, n));
    let leakage_mW = 0;
    for (const s of this.subs.values()) leakage_mW += s.leakage_mW;
    // Non-volatile unless the "eNVM" is SRAM (then only always-on is accepted, see checkEnvmParams).
    this.gate = new PowerGate(powerGateConfig(params, leakage_mW * 1e-3, params.technology !== 'SRAM'));
  }

  private buildSubArray(bitsPerCell: number, cells: number): SubArrayState {
    const p = this.params;
    const curves = curvesFor(p.technology, bitsPerCell, p.overrides);
    const cellsPerBank = Math.ceil(cells / p.banks);
    const scaled = atAccessWidth(figuresAt(curves, cellsPerBank, p), p.accessWidth_cells, REFERENCE_ACCESS_WIDTH_CELLS);
    const included = (o: (typeof curves.origins)[keyof typeof curves.origins]): boolean =>
      o === 'override' ? p.overridesIncludeMlcSensing : includesMlcSensing(o);
    const perBank = withSensing(scaled, bitsPerCell, p.accessWidth_cells, p, {
      readLatency_ns: included(curves.origins.readLatency_ns),
      readEnergy_pJ_per_access: included(curves.origins.readEnergy_pJ_per_access),
    });
    const note = cells > 0 ? capacityNote(bitsPerCell, cellsPerBank, curves.curves.area_mm2, p) : undefined;
    if (note !== undefined) this.notes.push(note);
    const access_ps = nsToPs(perBank.readLatency_ns);
    const wordBits = p.accessWidth_cells * bitsPerCell;
    const banksBuilt = cells > 0 ? p.banks : 0;
    return {
      bitsPerCell,
      cells,
      cellsPerBank,
      perBank,
      access_ps,
      wordBits,
      leakage_mW: banksBuilt * perBank.leakage_mW,
      area_mm2: banksBuilt * perBank.area_mm2,
      peakBandwidth_Bps: (p.banks * wordBits) / 8 / (perBank.readLatency_ns * 1e-9),
      banksState: new InterleavedBanks(p.banks),
      energyPerAccess_J: perBank.readEnergy_pJ_per_access * 1e-12,
    };
  }

  /** The sub-array holding cells at `bitsPerCell` (figures for reports and tests). */
  subArray(bitsPerCell: number): EnvmSubArray {
    return this.sub(bitsPerCell);
  }

  private sub(bitsPerCell: number): SubArrayState {
    const s = this.subs.get(bitsPerCell);
    if (s === undefined) {
      throw new Error(`${this.name}: no sub-array at ${bitsPerCell} bit(s) per cell (have ${[...this.subs.keys()].join(', ')})`);
    }
    return s;
  }

  get subArrays(): EnvmSubArray[] {
    return [...this.subs.values()];
  }

  get bytesRead(): number {
    return this.bitsRead / 8;
  }
  readonly bytesWritten = 0;
  /** Non-volatile: neither gating nor switching the supply off loses the weights. */
  get contentsValid(): boolean {
    return !this.gate.contentsLost;
  }

  /**
   * Read `bits` of a stream stored at `bitsPerCell`, starting `startBit` bits into that
   * sub-array (word-aligned streams start at a multiple of the word size), request at `t`.
   * Returns the time the last word is out. A gated array wakes first (paying the wake-up).
   */
  readStream(bits: number, bitsPerCell: number, t: Picoseconds, startBit = 0): Picoseconds {
    if (bits <= 0) {
      this.lastReadFirstData = t;
      return t;
    }
    const sub = this.sub(bitsPerCell);
    if (this.gate.isGated) t = this.wake(t);
    const { firstWord, words } = wordSpan(startBit, bits, sub.wordBits);
    const done = sub.banksState.serve(firstWord, words, t, sub.access_ps);
    this.lastReadFirstData = sub.banksState.lastFirstDone;
    this.accesses += words;
    this.readEnergy_J += words * sub.energyPerAccess_J;
    this.bitsRead += bits;
    return done;
  }

  /** Generic read at the default bits per cell, byte address into that sub-array. */
  transfer(op: MemoryOp, address: number, bytes: number, t: Picoseconds, _traffic?: TrafficClass): Picoseconds {
    if (op === 'write') {
      throw new Error(`${this.name}: eNVM writes are not modelled (weights are programmed before deployment)`);
    }
    return this.readStream(bytes * 8, this.params.bitsPerCell, t, address * 8);
  }

  peakBandwidth_Bps(bitsPerCell = this.params.bitsPerCell): number {
    return this.subArray(bitsPerCell).peakBandwidth_Bps;
  }

  area_mm2(): number {
    let a = 0;
    for (const s of this.subs.values()) a += s.area_mm2;
    return a;
  }

  leakage_mW(): number {
    return this.gate.config.leakage_W * 1e3;
  }

  /** Why the stored cells do not fit the provisioned capacity, or undefined when they do. */
  checkFits(): string | undefined {
    if (this.provisioned_cells === 'stored' || this.stored_cells <= this.provisioned_cells) return undefined;
    return `the weights need ${this.stored_cells} eNVM cells but envm.capacity_cells provides ${this.provisioned_cells}`;
  }

  advanceTo(t: Picoseconds): void {
    this.gate.advanceTo(t);
  }

  energy_J(): EnergyBreakdown {
    return { read: this.readEnergy_J, leakage: this.gate.leakageEnergy_J, wakeup: this.gate.wakeUpEnergy_J };
  }

  sleep(t: Picoseconds, nextWake?: Picoseconds): void {
    let busy = 0;
    for (const s of this.subs.values()) busy = Math.max(busy, s.banksState.allFreeAt());
    this.gate.sleep(t, busy, nextWake);
  }

  wake(t: Picoseconds): Picoseconds {
    const ready = this.gate.wake(t);
    if (ready > t) for (const s of this.subs.values()) s.banksState.blockUntil(ready);
    return ready;
  }

  /** Statistics, keyed as declared in envmSpec.stats. */
  stats(): Record<string, number> {
    let stall_ps = 0;
    for (const s of this.subs.values()) stall_ps += s.banksState.stall_ps;
    const r = this.gate.residency_s();
    return {
      accesses: this.accesses,
      bytesRead_B: this.bytesRead,
      bankStall_ns: stall_ps / 1000,
      wakeUps: this.gate.wakeUps,
      readEnergy_J: this.readEnergy_J,
      leakageEnergy_J: this.gate.leakageEnergy_J,
      wakeUpEnergy_J: this.gate.wakeUpEnergy_J,
      onTime_s: r.on ?? 0,
      gatedTime_s: this.idleTime_s(),
      leakage_mW: this.leakage_mW(),
      area_mm2: this.area_mm2(),
      peakBandwidth_GBps: this.peakBandwidth_Bps() / 1e9,
    };
  }
}

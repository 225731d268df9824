/**
 * The MaxNVM study with this project's own numbers: for each encoding (dense
 * int8, clustered dense codes, NVDLA bitmask, CSR) without and with protection
 * (SECDED ECC, plus IdxSync where there is something to re-align), the most
 * bits per cell per stream that keep the MNIST model's accuracy loss within
 * the tolerance (search.ts), and the cells the whole network needs at those
 * settings: the MNIST model, and a ResNet-50 trace sized with the same choice
 * (src/storage/stream-sizes.ts).
 *
 * What the study can and cannot see: accuracy is measured on the MNIST model
 * (~10^5 cells). A ResNet-50 copy has ~10^8 cells, so a rate the small model
 * never shows in its trials (RRAM at 2 bits per cell: 7.9e-9 per cell) still
 * gives ResNet-50 a few faulty cells per copy; the table therefore also gives
 * the expected faulty cells of the ResNet-50 copy at the found settings.
 */

import { UserError } from '../errors.js';
import { networkStorage } from '../storage/stream-sizes.js';
import type { StorageChoice, StreamName } from '../storage/types.js';
import type { Trace } from '../workload/layer.js';
import { CampaignPool } from './campaign/campaign-pool.js';
import { meanFaultRates, streamBitsPerCell } from './cells/fault-model.js';
import type { CampaignSettings } from './faults-run.js';
import { accuracyNetwork } from './networks/accuracy-network.js';
import { runSearch, type SearchReport } from './search-run.js';

/** The single-level-cell reference: int8 weights, dense, 1 bit per cell (as sizing's denseSlcCells). */
const DENSE_SLC_BITS_PER_WEIGHT = 8;

/** IdxSync interval of the protected rows: 1024 weights, as the shipped arch-configs/maxnvm-*-ecc-idxsync.json (assumption: no published optimum). */
const STUDY_IDXSYNC_INTERVAL = 1024;
/** ECC of the protected rows: SECDED (72,64), the usual memory ECC word (as the shipped arch configs). */
const STUDY_ECC_DATA_BITS = 64;
/** CSR relative index width: 4 bits, as the shipped csr4 arch configs. */
const STUDY_CSR_INDEX_BITS = 4;
/**
 * Trials per search step in the default study: 40 keeps the whole study near a minute on 2 cores (measured);
 * the t interval's half-width is then ~0.33 standard deviations of the per-trial accuracy.
 */
export const STUDY_DEFAULT_TRIALS = 40;
/** The trace whose cells the study reports: pruned (STR 81 %) and clustered (16) ResNet-50 v1.5, shipped in traces/. */
export const STUDY_DEFAULT_SIZE_TRACE = 'traces/resnet50-v1.5-str81-c16.json';

type StudyEncoding = 'dense' | 'clustered' | 'bitmask' | 'CSR';
type StudyProtection = 'none' | 'ECC' | 'ECC + IdxSync';

export interface StudyRowSpec {
  readonly encoding: StudyEncoding;
  readonly protection: StudyProtection;
  readonly base: StorageChoice;
}

/** Protected streams: every stream the decoder needs to place values, and the values themselves where nothing else is stored. */
function protect(c: StorageChoice, streams: StreamName[], idxSync: boolean): StorageChoice {
  return { ...c, ecc: { dataBits: STUDY_ECC_DATA_BITS, streams }, ...(idxSync ? { idxSync: { interval: STUDY_IDXSYNC_INTERVAL } } : {}) };
}

/** The eight rows: four encodings × (none, protected); dense encodings have nothing for IdxSync to re-align, so they get ECC only. */
export function studyRows(): StudyRowSpec[] {
  const base = { bitsPerCell: {}, defaultBitsPerCell: 1 };
  const dense: StorageChoice = { label: 'dense int8', encoding: 'dense', clustered: false, ...base };
  const clustered: StorageChoice = { label: 'clustered', encoding: 'dense', clustered: true, ...base };
  const bitmask: StorageChoice = { label: 'bitmask', encoding: 'bitmask', bitmaskLayout: 'nvdla', clustered: true, ...base };
  const csr: StorageChoice = { label: 'CSR', encoding: 'csr', csrIndexBits: STUDY_CSR_INDEX_BITS, clustered: true, ...base };
  const row = (encoding: StudyEncoding, protection: StudyProtection, c: StorageChoice): StudyRowSpec => ({
    encoding,
    protection,
    base: { ...c, label: `${c.label}${protection === 'none' ? '' : ` + ${protection}`}` },
  });
  return [
    row('dense', 'none', dense),
    row('dense', 'ECC', protect(dense, ['values'], false)),
    row('clustered', 'none', clustered),
    row('clustered', 'ECC', protect(clustered, ['values', 'codebook'], false)),
    row('bitmask', 'none', bitmask),
    row('bitmask', 'ECC + IdxSync', protect(bitmask, ['codebook', 'mask', 'groupSizes', 'sync'], true)),
    row('CSR', 'none', csr),
    row('CSR', 'ECC + IdxSync', protect(csr, ['codebook', 'indices', 'pointers', 'sync'], true)),
  ];
}

interface StudyRow {
  readonly encoding: StudyEncoding;
  readonly protection: StudyProtection;
  readonly label: string;
  readonly bitsPerCell: Partial<Record<StreamName, number>>;
  readonly meetsTolerance: boolean;
  /** Accuracy and loss of the found setting (its accepted search step). */
  readonly accuracy: number;
  readonly accuracyLow: number;
  readonly accuracyLoss_pp: number;
  readonly mnistCells: number;
  readonly mnistDenseSlcCells: number;
  readonly traceCells: number;
  readonly traceDenseSlcCells: number;
  readonly traceCellsRatioToDenseSlc: number;
  /** Σ over streams of cells × mean per-cell fault rate at the stream's density [cells per copy]. */
  readonly traceExpectedFaultyCells: number;
  readonly choice: StorageChoice;
  readonly search: SearchReport['search'];
}

export interface StudyReport {
  readonly faultModel: string;
  readonly technology: string;
  readonly trials: number;
  readonly seed: number;
  readonly tolerance_pp: number;
  readonly confidence: number;
  readonly cleanAccuracy: number;
  readonly sizeTrace: { file: string; name: string };
  readonly notes: string[];
  readonly rows: StudyRow[];
}

export interface StudyOptions {
  readonly settings: CampaignSettings;
  readonly tolerance_pp: number;
  readonly technology: string;
  readonly sizeTrace: { file: string; trace: Trace };
  /** Rows to run (default: all of studyRows()). */
  readonly rows?: readonly StudyRowSpec[];
  /** Told one line per finished row (the study takes about a minute). */
  readonly progress?: (line: string) => void;
}

export async function runStudy(options: StudyOptions): Promise<StudyReport> {
  const { settings } = options;
  const net = await accuracyNetwork(settings.network);
  if (net === undefined) throw new UserError('the study measures accuracy, which a trace on synthetic weights does not have', { jsonPath: '--network' });
  const rates = meanFaultRates(settings.faultModel);
  const mnistWeights = net.weights;
  const pool = settings.workers > 0 ? new CampaignPool(settings.workers) : undefined;
  const rows: StudyRow[] = [];
  let cleanAccuracy = NaN;
  try {
    const specs = options.rows ?? studyRows();
    for (const spec of specs) {
      const r = await runSearch(settings, spec.base, options.tolerance_pp, options.technology, pool);
      cleanAccuracy = r.cleanAccuracy.share;
      const found = r.search.choice;
      const sized = networkStorage(options.sizeTrace.trace, found);
      const bpc = streamBitsPerCell(found);
      const expected = sized.layers.reduce((a, l) => a + l.streams.reduce((b, s) => b + s.cells * (rates.get(s.bitsPerCell) ?? 0), 0), 0);
      const last = [...r.search.steps].reverse().find((s) => s.accepted) ?? r.search.steps[0];
      if (last === undefined) throw new Error('a search without steps');
      rows.push({
        encoding: spec.encoding,
        protection: spec.protection,
        label: spec.base.label,
        bitsPerCell: bpc,
        meetsTolerance: r.search.meetsTolerance,
        accuracy: last.accuracy.mean,
        accuracyLow: last.accuracy.low,
        accuracyLoss_pp: last.accuracyLoss_pp,
        mnistCells: r.storage.totalCells,
        mnistDenseSlcCells: mnistWeights * DENSE_SLC_BITS_PER_WEIGHT,
        traceCells: sized.totalCells,
        traceDenseSlcCells: sized.denseSlcCells,
        traceCellsRatioToDenseSlc: sized.totalCells / sized.denseSlcCells,
        traceExpectedFaultyCells: expected,
        choice: found,
        search: r.search,
      });
      options.progress?.(`study: ${rows.length}/${specs.length} ${spec.base.label}: ${Object.entries(bpc).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  } finally {
    await pool?.close();
  }
  return {
    faultModel: settings.faultModel.name,
    technology: options.technology,
    trials: settings.trials,
    seed: settings.seed,
    tolerance_pp: options.tolerance_pp,
    confidence: settings.confidence,
    cleanAccuracy,
    sizeTrace: { file: options.sizeTrace.file, name: options.sizeTrace.trace.name },
    notes: [
      `accuracy measured on ${net.description} (${settings.trials} trials per search step, seed ${settings.seed}); cells also for ${options.sizeTrace.trace.name} at the same settings`,
      'a rate the small model never shows in its trials can still fault the much larger ResNet-50: see traceExpectedFaultyCells',
      `protected rows: SECDED (${STUDY_ECC_DATA_BITS + 8},${STUDY_ECC_DATA_BITS}) on the streams that place values (dense: on the values), IdxSync every ${STUDY_IDXSYNC_INTERVAL} weights for bitmask and CSR`,
    ],
    rows,
  };
}

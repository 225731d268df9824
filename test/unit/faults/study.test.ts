import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { technologyFaultModel } from '../../../src/faults/cells/fault-model.js';
import { runStudy, studyRows, type StudyReport } from '../../../src/faults/study.js';
import { studyCsv, studyPlotSvg, studyTable, writeStudy } from '../../../src/report/faults-study.js';
import { loadChoicesFile } from '../../../src/sizing/choices-file.js';
import { loadTrace } from '../../../src/workload/load-trace.js';

const SIZE_TRACE = 'traces/tiny-conv.json';

function study(): Promise<StudyReport> {
  const rows = studyRows().filter((r) => r.encoding === 'dense' || (r.encoding === 'bitmask' && r.protection === 'none'));
  return runStudy({
    settings: { network: { kind: 'mnist' }, faultModel: technologyFaultModel('RRAM', 'gray'), mode: { kind: 'sampled' }, trials: 2, seed: 1, confidence: 0.95, workers: 0 },
    tolerance_pp: 0.5,
    technology: 'RRAM',
    sizeTrace: { file: SIZE_TRACE, trace: loadTrace(SIZE_TRACE) },
    rows,
  });
}

describe('the study', () => {
  it('has four encodings × (unprotected, protected), IdxSync only where something can be re-aligned', () => {
    const rows = studyRows();
    expect(rows.map((r) => `${r.encoding}/${r.protection}`)).toEqual([
      'dense/none', 'dense/ECC', 'clustered/none', 'clustered/ECC', 'bitmask/none', 'bitmask/ECC + IdxSync', 'CSR/none', 'CSR/ECC + IdxSync',
    ]);
    for (const r of rows) expect(r.base.idxSync !== undefined).toBe(r.protection === 'ECC + IdxSync');
  });

  it('writes table, CSV, JSON, choices and plot; the same seed gives byte-identical files', async () => {
    const [a, b] = [await study(), await study()];
    const dirs = [mkdtempSync(join(tmpdir(), 'study-')), mkdtempSync(join(tmpdir(), 'study-'))];
    const files = await writeStudy(dirs[0]!, a, { test: true });
    await writeStudy(dirs[1]!, b, { test: true });
    for (const f of files) expect(readFileSync(f.replace(dirs[0]!, dirs[1]!), 'utf8')).toBe(readFileSync(f, 'utf8'));
    const svg = readFileSync(join(dirs[0]!, 'study.svg'), 'utf8');
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toMatch(/dense/);
    expect(studyCsv(a).split('\n')[0]).toMatch(/^encoding,protection,label,meetsTolerance,bitsPerCell_values,/);
    // Accuracies are fractions 0..1 and their columns say so; the values are the rows' own (not blank).
    const [header, first] = studyCsv(a).split('\n').map((l) => l.split(','));
    const col = (name: string): string | undefined => first?.[header?.indexOf(name) ?? -1];
    expect(header).not.toContain('accuracy');
    expect(Number(col('accuracy_fraction'))).toBe(a.rows[0]!.accuracy);
    expect(Number(col('accuracyLow_fraction'))).toBe(a.rows[0]!.accuracyLow);
    expect(a.rows[0]!.accuracy).toBeGreaterThan(0.5); // a fraction of the MNIST test set, not a percentage
    expect(a.rows[0]!.accuracy).toBeLessThanOrEqual(1);
    expect(studyTable(a)).toMatch(/tiny-conv cells/);
    expect(loadChoicesFile(join(dirs[0]!, 'study-choices.json')).length).toBe(3);
  });

  it('study.svg fits long trace and fault model names: wrapped, never cut with "…"', async () => {
    const r = await study();
    const long = { ...r, sizeTrace: { file: 'x.json', name: 'resnet50-v1.5-str81-c16-retrained-on-imagenet-subset' }, faultModel: 'my-lab-measured-levels-2bpc-sigmax2' };
    const svg = await studyPlotSvg(long);
    expect(svg).not.toContain('…');
    expect(svg).toContain('resnet50-v1.5-str81-c16-retrained-on-imagenet-subset');
    expect(svg).toContain('my-lab-measured-levels-2bpc-sigmax2');
  });

  it('cells of the size trace follow from the found bits per cell (dense int8: 8 bits per weight)', async () => {
    const r = await study();
    const dense = r.rows[0]!;
    // tiny-conv: conv_a 4·2·3·3 = 72 weights, conv_b 4·4·1·1 = 16: 88 int8 weights = 704 bits
    expect(dense.traceDenseSlcCells).toBe(704);
    const b = dense.bitsPerCell.values!;
    // each layer's values stream is its own array: ceil(576 / b) + ceil(128 / b)
    expect(dense.traceCells).toBe(Math.ceil(576 / b) + Math.ceil(128 / b));
    expect(dense.mnistDenseSlcCells).toBe((784 * 64 + 64 * 10) * 8);
  });
});

import { correctedVsSimulator, publishedVsCorrected, separateOp } from '../../validation/differences.js';
import { offChipBytes } from '../../validation/lower-bound.js';
import { SOFTWARE_PROFILES, type SoftwareProfile } from '../../validation/primer-configs.js';
import type { PointValidation, Validation } from '../../validation/validation-data.js';
import { DASH, int, mdTable } from './md-table.js';

/** Per layer at one point: the sheet, the corrected roofline and each profile's hardware layer, with reasons. */
export function layerSection(v: Validation, p: PointValidation): string {
  const pt = p.estimatorPoint;
  const profiles = p.sim === undefined ? [] : SOFTWARE_PROFILES;
  const rows: string[][] = [];
  for (const layer of v.trace.layers) {
    const i = v.rows.findIndex((r) => r.name === layer.name);
    const row = v.rows[i];
    const pub = p.published.layers[i];
    const cor = p.corrected.layers[i];
    const cells = [layer.name, pub === undefined ? DASH : int(pub.cycles), cor === undefined ? DASH : `${int(cor.cycles)} ${cor.bound[0]}`];
    const why: string[] = [];
    if (row !== undefined) why.push(publishedVsCorrected(row, pt));
    for (const prof of SOFTWARE_PROFILES) {
      const sim = p.sim?.[prof];
      const report = sim?.layers.find((l) => l.name === layer.name);
      if (sim === undefined || report === undefined) {
        cells.push(DASH, DASH);
        continue;
      }
      if (report.fusedInto !== undefined) {
        cells.push(`in ${report.fusedInto}`, DASH);
        continue;
      }
      cells.push(`${int(report.cycles)} ${report.bound[0]}`, int(offChipBytes(report) / 1024));
      const floor = sim.floors.find((f) => f.name === layer.name)!;
      if (row !== undefined && cor !== undefined) why.push(`${prof}: ${correctedVsSimulator(row, cor, sim, prof, floor)}`);
      else why.push(`${prof}: ${separateOp(layer, prof)}`);
    }
    if (profiles.length === 0 && row === undefined) continue;
    rows.push([...cells, why.join(' · ')]);
  }
  rows.push(totalRow(p, profiles));
  const header = ['layer', 'sheet', 'corrected', 'nvdla-sw cycles', 'KiB', 'hardware-limit cycles', 'KiB', 'why they differ'];
  const b = p.build.point;
  return [
    `## Per layer at ${int(b.macs)} MACs, ${b.cbuf_KiB} KiB CBUF, ${b.bandwidth_GBps} GB/s`,
    '',
    'Cycles per hardware layer (c: compute-bound, m: memory-bound; for the sheet by its two terms, for the simulator by its own `bound`), and the KiB each simulated hardware layer moved over the memory port. A layer the sheet fuses into a convolution (pool1, the residual adds, pool5) has no sheet row; under `hardware-limit` the simulator fuses it too ("in …"). The reasons are classes computed from the figures (`src/validation/differences.ts`): for the sheet, the corrections that change the layer by more than 2 % when turned off one at a time; for the simulator, against the corrected roofline: Winograd versus direct, bytes moved versus the sheet\'s traffic model, and the time above the roofline of the layer\'s own bytes.',
    '',
    mdTable(header, rows, 'lrrrrrrl'),
  ].join('\n');
}

function totalRow(p: PointValidation, profiles: readonly SoftwareProfile[]): string[] {
  const cells = ['**frame**', int(p.published.cycles), int(p.corrected.cycles)];
  for (const prof of SOFTWARE_PROFILES) {
    const sim = p.sim?.[prof];
    if (sim === undefined || !profiles.includes(prof)) {
      cells.push(DASH, DASH);
      continue;
    }
    cells.push(int(sim.cycles), int(sim.layers.reduce((s, l) => s + offChipBytes(l), 0) / 1024));
  }
  const gaps = profiles.map((prof) => {
    const sim = p.sim![prof];
    const launch = sim.layers.reduce((s, l) => s + l.launchCycles, 0);
    const ops = sim.layers.reduce((s, l) => s + l.hardwareOps, 0);
    return `${prof}: ${ops} hardware operations, ${int(launch)} cycles of launch`;
  });
  return [...cells, ['sums over the layers', ...gaps].join(' · ')];
}

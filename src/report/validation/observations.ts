import { ranWinograd } from '../../validation/lower-bound.js';
import { SOFTWARE_PROFILES } from '../../validation/primer-configs.js';
import type { PointValidation } from '../../validation/validation-data.js';
import { fix, int } from './md-table.js';

/** A difference below this fraction is rounding, not a finding. */
const NOTABLE = 0.02;

/** Findings computed from the figures of one point, so that they stay true when the figures change. */
export function observations(p: PointValidation): string {
  if (p.sim === undefined) return '';
  const sim = p.sim;
  const lines: string[] = [];
  for (const prof of SOFTWARE_PROFILES) {
    const floors = sim[prof].floors;
    const floorSum = floors.reduce((s, f) => s + f.floor, 0);
    const atFloor = floors.filter((f) => f.ratio < 1.0001).map((f) => f.name);
    lines.push(
      `- \`${prof}\`: the frame takes ${int(sim[prof].cycles)} cycles; the sum of its hardware layers' own rooflines is ${int(floorSum)} (${fix((sim[prof].cycles / floorSum - 1) * 100, 1)} % above). ` +
        (atFloor.length === 0
          ? 'No layer runs at its roofline.'
          : `${atFloor.length} layer(s) run exactly at their roofline, transferring at peak bandwidth from first to last cycle with no fill or drain time of their own: ${atFloor.join(', ')}.`),
    );
  }
  const sw = sim['nvdla-sw'];
  const hw = sim['hardware-limit'];
  const heads = new Set([...hw.layers, ...sw.layers].map((l) => l.fusedInto).filter((n) => n !== undefined));
  const slower = hw.layers.filter((l) => {
    const o = sw.layers.find((x) => x.name === l.name);
    return l.fusedInto === undefined && !heads.has(l.name) && o !== undefined && l.cycles > (o.cycles - o.launchCycles) * (1 + NOTABLE);
  });
  if (slower.length > 0) {
    lines.push(
      `- \`hardware-limit\` is slower than \`nvdla-sw\` (launch time excluded, by more than 2 %) on ${slower.length} hardware layer(s) that neither profile fuses: ` +
        slower.map((l) => {
          const o = sw.layers.find((x) => x.name === l.name)!;
          const mode = (r: typeof l): string => (ranWinograd(r) ? 'Winograd' : 'direct');
          return `${l.name} (${int(l.cycles)} against ${int(o.cycles - o.launchCycles)}; ${mode(l)} against ${mode(o)}; CBUF ${l.cbufMode} against ${o.cbufMode})`;
        }).join(', ') + '.',
    );
  }
  return ['### Observations at this point', '', ...lines].join('\n');
}

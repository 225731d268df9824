import type { CliIo } from '../io.js';
import { checkFragment } from '../../config/import/config-imports.js';
import type { ImportedArray } from '../../config/import/envm-figures.js';
import { checkOutputFile, writeFileAtomic } from '../../util/atomic-write.js';

/** What every `maxnvm import` kind shares: the --out option, the checked write, the summary. */

/** What an eNVM import read, one line per array, in the units of the config. */
export function describeArrays(arrays: readonly ImportedArray[]): string {
  return `${arrays
    .map(
      (a) =>
        `${a.origin}: ${a.technology}, ${a.bitsPerCell} bit(s)/cell, ${a.capacity_cells} cells, ${a.accessWidth_cells}-cell access: ` +
        `${a.readLatency_ns} ns, ${a.readEnergy_pJ_per_access} pJ/access, ${a.leakage_mW} mW, ${a.area_mm2} mm²`,
    )
    .join('\n')}\n`;
}

/** The --out option every kind takes. */
export const outOption = { type: 'string', describe: 'write the fragment to this JSON file (default: standard output)' } as const;

/** Check the fragment against the section's schema, then write it as JSON (to `out`, or standard output). */
export function writeFragment(io: CliIo, section: 'envm' | 'dram', fragment: object, from: string, out: string | undefined): void {
  checkFragment(section, fragment, from);
  const text = `${JSON.stringify({ [section]: fragment }, null, 2)}\n`;
  if (out === undefined) io.stdout.write(text);
  else {
    checkOutputFile(out, '--out');
    writeFileAtomic(out, text);
  }
}

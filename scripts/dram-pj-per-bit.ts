/**
 * DRAM energy per bit moved, from a `maxnvm simulate --format json` result:
 *   node bin/maxnvm.js simulate --arch arch-configs/nvdla-full-lpddr4.json \
 *     --trace traces/resnet50-v1.5.json --format json | node --import tsx scripts/dram-pj-per-bit.ts
 * (or give the JSON file as the argument). Interface terms are the `io*` terms of
 * inference.energyByTerm_J.dram; every other dram term is core. Bits are the DRAM
 * bytes read and written by the layers × 8.
 */
import { readFileSync } from 'node:fs';

interface Result {
  inference: { energyByTerm_J: Record<string, Record<string, number>> };
  layers: { bytesRead_B: Record<string, number>; bytesWritten_B: Record<string, number> }[];
}

const text = readFileSync(process.argv[2] ?? 0, 'utf8');
const r = JSON.parse(text) as Result;
const dram = r.inference.energyByTerm_J['dram'];
if (dram === undefined) throw new Error('the result has no dram component (is the arch an LPDDR4 one?)');
let bytes = 0;
for (const l of r.layers) bytes += (l.bytesRead_B['dram'] ?? 0) + (l.bytesWritten_B['dram'] ?? 0);
const bits = bytes * 8;
let core_J = 0;
let interface_J = 0;
for (const [term, j] of Object.entries(dram)) {
  if (term.startsWith('io')) interface_J += j;
  else core_J += j;
}
const pJ = (j: number): string => ((j / bits) * 1e12).toFixed(3);
console.log(`DRAM bytes moved: ${bytes} (${bits} bits)`);
for (const [term, j] of Object.entries(dram)) console.log(`  ${term.padEnd(16)} ${(j * 1e6).toFixed(3)} uJ  ${pJ(j)} pJ/bit`);
console.log(`core      ${(core_J * 1e3).toFixed(4)} mJ  ${pJ(core_J)} pJ/bit`);
console.log(`interface ${(interface_J * 1e3).toFixed(4)} mJ  ${pJ(interface_J)} pJ/bit`);
console.log(`total     ${((core_J + interface_J) * 1e3).toFixed(4)} mJ  ${pJ(core_J + interface_J)} pJ/bit`);

/**
 * Print the eNVM arrays an architecture config builds for a trace: per bits-per-cell sub-array the stored cells,
 * cells per bank, the figures of one bank and the sub-array totals (area, leakage). Used to report how the
 * capacity rule (src/hw/envm/README.md) treats the banks a config actually uses.
 *   node --import tsx scripts/envm-figures.ts ARCH.json TRACE.json
 */
import { loadArchConfig } from '../src/config/arch-config.js';
import { EnvmArray } from '../src/hw/envm/envm-array.js';
import { cellsByBitsPerCell } from '../src/hw/envm/stored-cells.js';
import { layerStorage } from '../src/storage/stream-sizes.js';
import { loadTrace } from '../src/workload/load-trace.js';
import { hasWeights } from '../src/workload/layer.js';

const [archFile, traceFile] = process.argv.slice(2);
if (archFile === undefined || traceFile === undefined) {
  console.error('usage: node --import tsx scripts/envm-figures.ts ARCH.json TRACE.json');
  process.exit(2);
}
const config = loadArchConfig(archFile);
const trace = loadTrace(traceFile);
if (config.envm === undefined || config.weightStorage === undefined) {
  console.error(`${archFile}: no eNVM weight store`);
  process.exit(2);
}
const choice = config.weightStorage;
const sizing = { seed: 1, atomicK: config.nvdla.macAtomicK };
const storages = trace.layers.map((l) => (hasWeights(l) ? layerStorage(l, choice, sizing) : undefined));
const array = new EnvmArray(config.envm, cellsByBitsPerCell(storages));
console.log(`${config.name}: ${config.envm.technology}, ${config.envm.banks} banks per sub-array`);
for (const s of array.subArrays) {
  const b = s.perBank;
  console.log(
    `  ${s.bitsPerCell} b/cell: ${s.cells} cells, ${s.cellsPerBank} per bank; per bank ${b.readLatency_ns.toFixed(4)} ns, ` +
      `${b.readEnergy_pJ_per_access.toFixed(4)} pJ/access, ${b.leakage_mW.toFixed(4)} mW, ${b.area_mm2.toFixed(6)} mm²; ` +
      `sub-array ${s.leakage_mW.toFixed(3)} mW, ${s.area_mm2.toFixed(4)} mm²`,
  );
}
console.log(`  eNVM total: area ${array.area_mm2().toFixed(4)} mm², leakage ${array.leakage_mW().toFixed(3)} mW`);

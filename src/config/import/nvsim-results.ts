import { UserError } from '../../errors.js';
import { technologyOf, type ImportedArray } from './envm-figures.js';

/**
 * NVSim's printed result (what `nvsim config.cfg` writes to the terminal), read into one array's figures.
 * Format (SEAL-UCSB/NVSim and its MLC fork lpentecost/nvsim-merged, the fork behind reference/envm-arrays.csv):
 * MemCell::PrintCell ("Memory Cell: ...", the fork's "Number of Levels per Cell: 4.000"),
 * InputParameter::PrintInputParameter ("Design Target: ...", "Capacity   : 1MB", "Data Width : 64Bits (8Bytes)")
 * and Result::print (" - Total Area = H x W = A", " -  Read Latency = ...", " -  Read Dynamic Energy = ...",
 * " - Leakage Power = ..."), each value followed by its unit as macros.h prints it (TO_SECOND: ps ns us ms s,
 * TO_JOULE: pJ nJ uJ mJ J, TO_WATT: pW nW uW mW W, TO_SQM: nm^2 um^2 mm^2 m^2).
 * Capacity and data width count cells: the fork stores log2(levels) bits in each (its MLC read bandwidth is
 * blockSize × log2(levels)), so a "1MB", 4-level run is 8,388,608 cells holding 2 MB.
 */

/** Powers of ten from each printed unit to the model's (ns, pJ, mW, mm²), applied to the printed digits ("666.900e-3"), so 666.900ps reads as 0.6669 ns with no rounding of its own. */
const DECADES: Record<string, number> = {
  ps: -3, ns: 0, us: 3, ms: 6, s: 9,
  pJ: 0, nJ: 3, uJ: 6, mJ: 9, J: 12,
  pW: -9, nW: -6, uW: -3, mW: 0, W: 3,
  'nm^2': -12, 'um^2': -6, 'mm^2': 0, 'm^2': 6,
};
const BYTES: Record<string, number> = { KB: 1024, MB: 1024 ** 2, GB: 1024 ** 3 };
const scaled = (digits: string, unit: string): number => {
  const bytes = BYTES[unit];
  if (bytes !== undefined) return Number(digits) * bytes;
  return Number(`${digits}e${DECADES[unit] ?? NaN}`);
};

interface Found {
  value: string;
  line: number;
}

/** The value after `label` on the only line that starts with it (leading spaces ignored). */
function field(lines: readonly string[], label: RegExp, file: string, what: string, required = true): Found | undefined {
  const hits = lines.flatMap((l, i) => (label.test(l) ? [{ value: l.replace(label, '').trim(), line: i + 1 }] : []));
  if (hits.length > 1) {
    throw new UserError(`NVSim output has ${hits.length} "${what}" lines (lines ${hits.map((h) => h.line).join(', ')})`, {
      file,
      expected: 'the output of one NVSim run for a random-access memory (one result)',
      suggestion: 'split the file into one result per run; cache designs print data and tag arrays and are not eNVM weight stores',
    });
  }
  if (hits.length === 0 && required) {
    throw new UserError(`NVSim output has no "${what}" line`, {
      file,
      expected: `a line "${what}" as NVSim prints it (Result.cpp, InputParameter.cpp)`,
      suggestion: 'give the whole terminal output of an NVSim run (nvsim my.cfg > results.txt)',
    });
  }
  return hits[0];
}

/** "774.891ps" → 0.774891 in the unit family's base (ns, pJ, mW, mm², bytes). */
function quantity(f: Found, units: readonly string[], file: string, what: string): number {
  const m = /^([-+]?\d+(?:\.\d+)?)\s*([A-Za-z^0-9]+)/.exec(f.value);
  const unit = m?.[2];
  if (m === null || unit === undefined || !units.includes(unit)) {
    throw new UserError(`line ${f.line}: ${what} "${f.value}" is not a number with one of the units ${units.join(', ')}`, {
      file,
      expected: `${what} as NVSim prints it, e.g. "1.234${units[1] ?? units[0]}"`,
      suggestion: 'check that the line was not edited or cut',
    });
  }
  const v = scaled(m[1]!, unit);
  if (!(v > 0) || !Number.isFinite(v)) {
    throw new UserError(`line ${f.line}: ${what} is ${f.value}, not a positive figure`, { file, expected: 'a positive figure', suggestion: 'NVSim found no valid design? check its output for errors' });
  }
  return v;
}

export function parseNvsimResults(text: string, file: string): ImportedArray {
  const lines = text.split(/\r?\n/);
  const design = field(lines, /^\s*Design Target:/, file, 'Design Target:');
  if (design !== undefined && !/Random Access Memory/i.test(design.value)) {
    throw new UserError(`line ${design.line}: the design target is "${design.value}", not a random-access memory`, {
      file,
      expected: '-DesignTarget: RAM (a weight store is read as a plain memory)',
      suggestion: 'run NVSim with -DesignTarget: RAM',
    });
  }
  const cell = field(lines, /^\s*Memory Cell:/, file, 'Memory Cell:')!;
  const technology = technologyOf(cell.value, file, `line ${cell.line}`);
  const levelsLine = field(lines, /^\s*Number of Levels per Cell:/, file, 'Number of Levels per Cell:', false);
  const levels = levelsLine === undefined ? 2 : Number(levelsLine.value);
  const bitsPerCell = Math.log2(levels);
  if (!Number.isInteger(bitsPerCell) || bitsPerCell < 1 || bitsPerCell > 8) {
    throw new UserError(`line ${levelsLine?.line}: ${levelsLine?.value} levels per cell is not a power of two from 2 to 256`, {
      file,
      expected: '2, 4, 8 ... levels (1, 2, 3 ... bits per cell)',
      suggestion: 'the model stores whole bits per cell',
    });
  }
  const capacity_B = quantity(field(lines, /^\s*Capacity\s*:/, file, 'Capacity :')!, ['KB', 'MB', 'GB'], file, 'Capacity');
  const width = field(lines, /^\s*Data Width\s*:/, file, 'Data Width :')!;
  const widthBits = /^(\d+)\s*Bits/.exec(width.value)?.[1];
  if (widthBits === undefined) {
    throw new UserError(`line ${width.line}: data width "${width.value}" is not "<n>Bits"`, { file, expected: 'e.g. "Data Width : 64Bits (8Bytes)"', suggestion: 'check that the line was not edited' });
  }
  const area = field(lines, /^\s*- Total Area =/, file, ' - Total Area =')!;
  // " - Total Area = 1.2mm x 200.0um = 0.247mm^2": the area is after the last "=".
  const areaValue = { ...area, value: area.value.slice(area.value.lastIndexOf('=') + 1).trim() };
  return {
    technology,
    bitsPerCell,
    capacity_cells: capacity_B * 8,
    accessWidth_cells: Number(widthBits),
    readLatency_ns: quantity(field(lines, /^\s*-\s+Read Latency =/, file, ' -  Read Latency =')!, ['ps', 'ns', 'us', 'ms', 's'], file, 'Read Latency'),
    readEnergy_pJ_per_access: quantity(field(lines, /^\s*-\s+Read Dynamic Energy =/, file, ' -  Read Dynamic Energy =')!, ['pJ', 'nJ', 'uJ', 'mJ', 'J'], file, 'Read Dynamic Energy'),
    leakage_mW: quantity(field(lines, /^\s*- Leakage Power =/, file, ' - Leakage Power =')!, ['pW', 'nW', 'uW', 'mW', 'W'], file, 'Leakage Power'),
    area_mm2: quantity(areaValue, ['nm^2', 'um^2', 'mm^2', 'm^2'], file, 'Total Area'),
    origin: file,
  };
}

import type { JsonSchema } from '../engine/spec.js';
import { readJsonFile, validateOrThrow } from '../util/json-validate.js';
import { BAND_RANGES, describeAssumptions, type AssumptionName, type Assumptions, type BandEnd, type BandPoint, type RatioBand } from '../system/ratio-band.js';

/**
 * band.json, written by the main job beside its sweep and read by `maxnvm report`:
 * the MaxNVM ratio and its sensitivity band at every swept rate, in SI units
 * (the simulator keeps the flash energy in pJ/B; the file says J/B), with the
 * assumptions at each end as numbers and in words. Its schema is
 * schemas/band.schema.json.
 */
export const BAND_JSON = 'band.json';

/** The assumptions under their file keys (SI units). */
type FileAssumptionName = 'gatedLeakage_fraction' | 'flashEnergy_J_per_B';
const FILE_KEY: Record<AssumptionName, FileAssumptionName> = { gatedLeakageFraction: 'gatedLeakage_fraction', flashEnergy_pJ_per_B: 'flashEnergy_J_per_B' };
const PJ_PER_J = 1e12;

interface FileAssumptions {
  gatedLeakage_fraction: number;
  flashEnergy_J_per_B: number;
  /** The same in words, e.g. "residual gated leakage 5 %, flash 0.1 nJ/B". */
  assumptions: string;
}
interface FileEnd extends FileAssumptions {
  ratio: number;
  driver: FileAssumptionName;
}
type FilePoint = { fps: number; feasible: true; baselinePower_W: number; systemPower_W: number; ratio: number; low: FileEnd; high: FileEnd } | { fps: number; feasible: false };

export interface BandFile {
  description: string;
  /** What each key (or key suffix) measures, and in which unit. */
  units: Record<string, string>;
  ranges: Record<FileAssumptionName, [number, number]>;
  /** The rates the band tables show (the plot shows every point). */
  tableRates_fps: number[];
  bands: { system: string; baseline: string; defaults: FileAssumptions; points: FilePoint[] }[];
}

/** The bands as read back, and the rates their tables show. */
export interface Bands {
  bands: RatioBand[];
  tableRates: number[];
}

const UNITS: BandFile['units'] = {
  fps: 'frame rate, frames per second (1/s)',
  ratio: 'baseline power / system power at the same rate, dimensionless (equal to the energy-per-frame ratio)',
  _W: 'average power over whole frame periods, W',
  gatedLeakage_fraction: 'leakage a power-gated block keeps, as a fraction of its leakage when on, dimensionless; every gated domain of both systems',
  flashEnergy_J_per_B: 'flash device energy per byte of a weight reload, J/B; the baseline only (the eNVM system never reloads)',
  driver: 'the assumption that, moved alone to this end\'s value (the other at its default), moves the ratio more',
};

const toFile = (a: Assumptions): FileAssumptions => ({ gatedLeakage_fraction: a.gatedLeakageFraction, flashEnergy_J_per_B: a.flashEnergy_pJ_per_B / PJ_PER_J, assumptions: describeAssumptions(a) });
// 12 significant digits undo the J → pJ scaling's last-bit rounding.
const fromFile = (a: FileAssumptions): Assumptions => ({ gatedLeakageFraction: a.gatedLeakage_fraction, flashEnergy_pJ_per_B: Number((a.flashEnergy_J_per_B * PJ_PER_J).toPrecision(12)) });
const endToFile = (e: BandEnd): FileEnd => ({ ratio: e.ratio, ...toFile(e.assumptions), driver: FILE_KEY[e.driver] });
const endFromFile = (e: FileEnd): BandEnd => ({ ratio: e.ratio, assumptions: fromFile(e), driver: e.driver === 'gatedLeakage_fraction' ? 'gatedLeakageFraction' : 'flashEnergy_pJ_per_B' });

/** The file's content for `bands` (each at its own rates), whose tables show `tableRates`. */
export function bandFile(bands: readonly RatioBand[], tableRates: readonly number[]): BandFile {
  const range = (n: AssumptionName, scale: number): [number, number] => [BAND_RANGES[n][0] / scale, BAND_RANGES[n][1] / scale];
  return {
    description:
      'The MaxNVM ratio (baseline power under its best DRAM idle policy / eNVM system power) at the default assumptions, and its band: the lowest and highest ratio over the corners of the ranges, with the assumptions at each end. A point is infeasible when either system cannot sustain its rate.',
    units: UNITS,
    ranges: { gatedLeakage_fraction: range('gatedLeakageFraction', 1), flashEnergy_J_per_B: range('flashEnergy_pJ_per_B', PJ_PER_J) },
    tableRates_fps: [...tableRates],
    bands: bands.map((b) => ({
      system: b.system,
      baseline: b.baseline,
      defaults: toFile(b.defaults),
      points: b.rates.map((fps, i): FilePoint => {
        const p = b.points[i];
        if (p == null) return { fps, feasible: false };
        return { fps, feasible: true, baselinePower_W: p.baseline_W, systemPower_W: p.system_W, ratio: p.ratio, low: endToFile(p.low), high: endToFile(p.high) };
      }),
    })),
  };
}

/** Read and check a band.json (a UserError names the file and JSON path of a problem). */
export function readBandFile(file: string): Bands {
  const data = readJsonFile(file, 'ratio band');
  validateOrThrow(bandFileSchema, data, file, 'ratio band file (band.json, as `npm start` writes it)');
  const f = data as BandFile;
  const bands = f.bands.map((b): RatioBand => ({
    system: b.system,
    baseline: b.baseline,
    defaults: fromFile(b.defaults),
    rates: b.points.map((p) => p.fps),
    points: b.points.map((p): BandPoint | null =>
      p.feasible ? { fps: p.fps, baseline_W: p.baselinePower_W, system_W: p.systemPower_W, ratio: p.ratio, low: endFromFile(p.low), high: endFromFile(p.high) } : null,
    ),
  }));
  return { bands, tableRates: f.tableRates_fps };
}

const positive = (description: string): JsonSchema => ({ type: 'number', exclusiveMinimum: 0, description });
const assumptionProps: Record<string, JsonSchema> = {
  gatedLeakage_fraction: { type: 'number', minimum: 0, maximum: 1, description: UNITS.gatedLeakage_fraction },
  flashEnergy_J_per_B: { type: 'number', minimum: 0, description: UNITS.flashEnergy_J_per_B },
  assumptions: { type: 'string', description: 'the same in words' },
};
const assumptionsSchema: JsonSchema = { type: 'object', additionalProperties: false, required: Object.keys(assumptionProps), properties: assumptionProps };
const endSchema: JsonSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['ratio', ...Object.keys(assumptionProps), 'driver'],
  properties: { ratio: positive(UNITS.ratio as string), ...assumptionProps, driver: { enum: Object.values(FILE_KEY), description: UNITS.driver } },
};
const pointSchema: JsonSchema = {
  oneOf: [
    {
      type: 'object',
      additionalProperties: false,
      required: ['fps', 'feasible', 'baselinePower_W', 'systemPower_W', 'ratio', 'low', 'high'],
      properties: {
        fps: positive(UNITS.fps as string),
        feasible: { const: true },
        baselinePower_W: positive('the baseline\'s power at the default assumptions, W'),
        systemPower_W: positive('the eNVM system\'s power at the default assumptions, W'),
        ratio: positive(`${UNITS.ratio}, at the default assumptions`),
        low: { ...endSchema, description: 'the lowest ratio over the corners of the ranges, and the assumptions that give it' },
        high: { ...endSchema, description: 'the highest ratio over the corners of the ranges, and the assumptions that give it' },
      },
    },
    { type: 'object', additionalProperties: false, required: ['fps', 'feasible'], properties: { fps: positive(UNITS.fps as string), feasible: { const: false } } },
  ],
};
const rangeSchema = (description: string): JsonSchema => ({ type: 'array', prefixItems: [{ type: 'number' }, { type: 'number' }], minItems: 2, maxItems: 2, description });

/** JSON Schema of band.json (schemas/band.schema.json). */
export const bandFileSchema: JsonSchema = {
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'maxnvm ratio band (band.json)',
  type: 'object',
  additionalProperties: false,
  required: ['description', 'units', 'ranges', 'tableRates_fps', 'bands'],
  properties: {
    description: { type: 'string' },
    units: { type: 'object', additionalProperties: { type: 'string' }, description: 'what each key (or key suffix) measures, and in which unit' },
    ranges: {
      type: 'object',
      additionalProperties: false,
      required: Object.values(FILE_KEY),
      properties: { gatedLeakage_fraction: rangeSchema('[low, high], dimensionless'), flashEnergy_J_per_B: rangeSchema('[low, high], J/B') },
    },
    tableRates_fps: { type: 'array', items: positive(UNITS.fps as string), description: 'the rates the band tables show' },
    bands: {
      type: 'array',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['system', 'baseline', 'defaults', 'points'],
        properties: {
          system: { type: 'string' },
          baseline: { type: 'string' },
          defaults: { ...assumptionsSchema, description: 'the assumptions of the configs as shipped' },
          points: { type: 'array', items: pointSchema, description: 'one per swept rate, in increasing order' },
        },
      },
    },
  },
};

// Writes the NVDLA sections of docs/validation.md: NVIDIA's performance estimator (as published and corrected)
// against the simulator under both software profiles, at the NVDLA primer's seven points, for ResNet-50 v1.
// Only the region between its markers is rewritten; the rest of the file (other generators' sections) is kept.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { layerSection } from '../src/report/validation/layer-section.js';
import { replaceRegion } from '../src/report/validation/marked-region.js';
import { observations } from '../src/report/validation/observations.js';
import { pointsSection } from '../src/report/validation/points-section.js';
import { validate } from '../src/validation/validation-data.js';
import { loadTrace } from '../src/workload/load-trace.js';

const FILE = 'docs/validation.md';
const v = validate(loadTrace('traces/resnet50-v1.json'));
const first = v.points[0];
if (first === undefined) throw new Error('no primer points');
const body = [
  '<!-- Regenerate with `npm run validation`; edits inside this region are overwritten. -->',
  pointsSection(v),
  '',
  layerSection(v, first),
  '',
  observations(first),
].join('\n');
const before = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
writeFileAtomic(FILE, replaceRegion(before, 'nvdla', 'scripts/write-validation.ts', body));
console.log(`wrote ${FILE}`);

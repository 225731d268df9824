// Writes the NVDLA sections of docs/validation.md: NVIDIA's performance estimator (as published and corrected)
// against the simulator under both software profiles, at the NVDLA primer's seven points, for ResNet-50 v1.
// Only the region between its markers is rewritten; the rest of the file (other generators' sections) is kept.
import { existsSync, readFileSync } from 'node:fs';
import { writeFileAtomic } from '../src/util/atomic-write.js';
import { withNvdlaRegion } from '../src/report/validation/nvdla-region.js';
import { validate } from '../src/validation/validation-data.js';
import { loadTrace } from '../src/workload/load-trace.js';

const FILE = 'docs/validation.md';
const before = existsSync(FILE) ? readFileSync(FILE, 'utf8') : '';
writeFileAtomic(FILE, withNvdlaRegion(before, validate(loadTrace('traces/resnet50-v1.json'))));
console.log(`wrote ${FILE}`);

import type { Validation } from '../../validation/validation-data.js';
import { layerSection } from './layer-section.js';
import { replaceRegion } from './marked-region.js';
import { observations } from './observations.js';
import { pointsSection } from './points-section.js';

/**
 * The generated NVDLA region of docs/validation.md: NVIDIA's performance estimator (as published and corrected)
 * against the simulator at the NVDLA primer's seven points, then per layer at the first point. Written by
 * `npm run validation`; a test holds the file against it, so the document cannot drift from the code.
 */
export function withNvdlaRegion(document: string, v: Validation): string {
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
  return replaceRegion(document, 'nvdla', 'scripts/write-validation.ts', body);
}
